package dev.prometheuspipeline.sandbox;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.camunda.bpm.engine.Problem;

/**
 * Warnings the engine's BPMN parser raised for one resource. The engine reports warnings with a
 * {@link org.camunda.bpm.engine.ParseException} only when there are errors too; this keeps them for
 * models that deploy.
 *
 * @param resourceName the resource as named in the deployment
 * @param warnings the engine's problems, with line, column and element id
 */
public record ParseWarnings(String resourceName, List<Problem> warnings) {
  public ParseWarnings {
    requireNonNull(resourceName, "resourceName");
    warnings = List.copyOf(warnings);
  }
}
