package dev.prometheuspipeline.smoke;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * What a smoke file may name in the release's BPMN: process ids, their elements (by id or name), the
 * external-task topics and the message names. A model that cannot be read adds nothing: validation
 * reports it on its own.
 */
final class ReleaseProcesses {
  /** Element id → name ("" when unnamed), per process id. */
  private final Map<String, Map<String, String>> elements = new LinkedHashMap<>();
  private final Set<String> topics = new TreeSet<>();
  private final Set<String> messages = new TreeSet<>();

  static ReleaseProcesses of(List<FetchedArtifact> artifacts) {
    ReleaseProcesses processes = new ReleaseProcesses();
    for (FetchedArtifact artifact : artifacts) {
      if (artifact.type() == ArtifactType.BPMN) {
        processes.read(artifact.content());
      }
    }
    return processes;
  }

  private void read(byte[] content) {
    // The validator's hardened pre-parse refuses a DOCTYPE; such a file fails validation anyway.
    if (new String(content, StandardCharsets.UTF_8).contains("<!DOCTYPE")) {
      return;
    }
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
    } catch (RuntimeException unreadable) {
      return;
    }
    for (Process process : model.getModelElementsByType(Process.class)) {
      elements.computeIfAbsent(process.getId(), id -> new LinkedHashMap<>());
    }
    for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
      processOf(element).ifPresent(process -> elements.get(process).put(element.getId(),
          element.getName() == null ? "" : element.getName().strip()));
    }
    for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
      String topic = element.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "topic");
      if (topic != null && !topic.isBlank()) {
        topics.add(topic);
      }
    }
    for (Message message : model.getModelElementsByType(Message.class)) {
      if (message.getName() != null) {
        messages.add(message.getName());
      }
    }
  }

  /** The process an element lies in, through its sub-processes. */
  private Optional<String> processOf(ModelElementInstance element) {
    for (ModelElementInstance parent = element.getParentElement(); parent != null; parent = parent.getParentElement()) {
      if (parent instanceof Process process) {
        return Optional.of(process.getId()).filter(elements::containsKey);
      }
    }
    return Optional.empty();
  }

  boolean hasProcess(String id) {
    return elements.containsKey(id);
  }

  Collection<String> processIds() {
    return elements.keySet();
  }

  boolean hasTopic(String topic) {
    return topics.contains(topic);
  }

  Collection<String> topics() {
    return topics;
  }

  boolean hasMessage(String name) {
    return messages.contains(name);
  }

  Collection<String> messages() {
    return messages;
  }

  /** Whether some element of {@code processId} (of any process, when empty) has this id and/or name. */
  boolean hasElement(Optional<String> id, Optional<String> name, Optional<String> processId) {
    return elements.entrySet().stream()
        .filter(process -> processId.map(process.getKey()::equals).orElse(true))
        .flatMap(process -> process.getValue().entrySet().stream())
        .anyMatch(element -> id.map(element.getKey()::equals).orElse(true)
            && name.map(element.getValue()::equals).orElse(true));
  }
}
