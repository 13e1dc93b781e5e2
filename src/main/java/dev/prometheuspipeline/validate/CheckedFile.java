package dev.prometheuspipeline.validate;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * One artifact that passed the checks every file gets (size, text, and for XML the hardened pre-parse),
 * as a type's checker sees it.
 *
 * @param path the repository path findings are reported against
 * @param resourceName the name the engine will store it under
 * @param bytes the content as committed
 * @param text the content decoded (for XML, in its declared encoding)
 * @param locations element id → place, for XML; empty otherwise
 * @param bpmnModel the file read once by the model API, for the lint rules and the checks across files alike
 */
record CheckedFile(String path, String resourceName, byte[] bytes, String text, ElementLocations locations,
    ReadOnce bpmnModel) {
  CheckedFile {
    requireNonNull(path, "path");
    requireNonNull(resourceName, "resourceName");
    requireNonNull(bytes, "bytes");
    requireNonNull(text, "text");
    requireNonNull(locations, "locations");
    requireNonNull(bpmnModel, "bpmnModel");
  }

  CheckedFile(String path, String resourceName, byte[] bytes, String text, ElementLocations locations) {
    this(path, resourceName, bytes, text, locations, new ReadOnce());
  }

  /** The BPMN model API's reading of the file, or empty when it cannot read it. */
  Optional<BpmnModelInstance> bpmn() {
    return bpmnModel.get(bytes);
  }

  Finding finding(Location at, String elementId, String rule, Severity severity, String message, String fix) {
    return new Finding(path, at.line(), at.column(), elementId, rule, severity, message, fix);
  }

  /** A finding on a model element, placed where the pre-parse saw the element when no line is given. */
  Finding findingOn(String elementId, Location reported, String rule, Severity severity, String message, String fix) {
    Location at = reported.isKnown() ? reported : locations.find(elementId).orElse(Location.UNKNOWN);
    return finding(at, elementId, rule, severity, message, fix);
  }

  /**
   * The model read on first use. Lint rules and release checks only read the model, so one reading serves
   * both; a file is checked by one thread at a time.
   */
  static final class ReadOnce {
    private Optional<BpmnModelInstance> model;

    synchronized Optional<BpmnModelInstance> get(byte[] bytes) {
      if (model == null) {
        try {
          model = Optional.of(BpmnModelReader.read(bytes));
        } catch (RuntimeException unreadable) {
          model = Optional.empty();
        }
      }
      return model;
    }
  }
}
