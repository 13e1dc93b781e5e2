package dev.prometheuspipeline.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The release's processes and decisions as a test names them: element ids and names per process key,
 * decision keys and names. Failure messages use {@link #describe(String)}: {@code "Approve order"
 * (Task_Approve)}.
 */
final class ReleaseModel {
  /** Element id → name ("" when unnamed), per process key. */
  private final Map<String, Map<String, String>> elementsByProcess;
  /** Decision key → name. */
  private final Map<String, String> decisions;

  private ReleaseModel(Map<String, Map<String, String>> elementsByProcess, Map<String, String> decisions) {
    this.elementsByProcess = elementsByProcess;
    this.decisions = decisions;
  }

  static ReleaseModel of(RepositoryService repository, String deploymentId) {
    Map<String, Map<String, String>> elements = new LinkedHashMap<>();
    Map<String, String> decisions = new LinkedHashMap<>();
    if (deploymentId.isEmpty()) {
      return new ReleaseModel(elements, decisions);
    }
    for (ProcessDefinition definition :
        repository.createProcessDefinitionQuery().deploymentId(deploymentId).list()) {
      BpmnModelInstance bpmn = repository.getBpmnModelInstance(definition.getId());
      Map<String, String> names = new LinkedHashMap<>();
      Process process = bpmn.getModelElementById(definition.getKey());
      Collection<FlowElement> flowElements = new ArrayList<>();
      collect(process, flowElements);
      for (FlowElement element : flowElements) {
        names.put(element.getId(), element.getName() == null ? "" : element.getName().strip());
      }
      elements.put(definition.getKey(), names);
    }
    for (DecisionDefinition decision :
        repository.createDecisionDefinitionQuery().deploymentId(deploymentId).list()) {
      decisions.put(decision.getKey(), decision.getName() == null ? "" : decision.getName());
    }
    return new ReleaseModel(elements, decisions);
  }

  private static void collect(ModelElementInstance parent, Collection<FlowElement> into) {
    if (parent == null) {
      return;
    }
    for (FlowElement element : parent.getChildElementsByType(FlowElement.class)) {
      into.add(element);
      collect(element, into);
    }
  }

  boolean hasProcess(String key) {
    return elementsByProcess.containsKey(key);
  }

  List<String> processKeys() {
    return List.copyOf(elementsByProcess.keySet());
  }

  boolean hasDecision(String key) {
    return decisions.containsKey(key);
  }

  List<String> decisionKeys() {
    return List.copyOf(decisions.keySet());
  }

  /** The decision key named {@code name}, if one is. */
  Optional<String> decisionNamed(String name) {
    return decisions.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).findFirst();
  }

  /** Ids of the elements with this id or name, in any of the release's processes (or only in {@code processKey}). */
  List<String> elementIds(Optional<String> id, Optional<String> name, Optional<String> processKey) {
    TreeSet<String> found = new TreeSet<>();
    elementsByProcess.forEach((key, elements) -> {
      if (processKey.isPresent() && !processKey.get().equals(key)) {
        return;
      }
      elements.forEach((elementId, elementName) -> {
        boolean matches = id.map(elementId::equals).orElse(true) && name.map(elementName::equals).orElse(true);
        if (matches) {
          found.add(elementId);
        }
      });
    });
    return List.copyOf(found);
  }

  /** {@code "Approve order" (Task_Approve)}, or the bare id for an unnamed element. */
  String describe(String elementId) {
    for (Map<String, String> elements : elementsByProcess.values()) {
      String name = elements.get(elementId);
      if (name != null && !name.isEmpty()) {
        return "\"" + name + "\" (" + elementId + ")";
      }
    }
    return elementId;
  }

  String describeAll(Collection<String> elementIds) {
    if (elementIds.isEmpty()) {
      return "none";
    }
    return String.join(", ", elementIds.stream().map(this::describe).toList());
  }

  String describeDecision(String key) {
    String name = decisions.getOrDefault(key, "");
    return name.isEmpty() || name.equals(key) ? key : "\"" + name + "\" (" + key + ")";
  }
}
