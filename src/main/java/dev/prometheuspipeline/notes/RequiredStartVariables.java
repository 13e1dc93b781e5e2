package dev.prometheuspipeline.notes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaConstraint;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormData;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;

/**
 * The variables a process's start now requires that the target's version did not: a caller that starts it as
 * before (REST, a message, a call activity) lacks them and the start fails. Read from the top-level start
 * events: {@code camunda:formData} fields with a {@code required} constraint, and the {@code validate.required}
 * fields of the Camunda Form a start event references by {@code camunda:formRef} (looked up by its id among the
 * same release's forms). Only processes present in both releases, in the same file, count, as for the other
 * breaking changes. A model that does not parse is left out here: the comparison reports it.
 */
final class RequiredStartVariables {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RequiredStartVariables() {}

  /** One line per process whose start requires new variables, naming the file, the process and the fields. */
  static List<String> added(List<FetchedArtifact> previous, List<FetchedArtifact> current) {
    Map<String, Map<String, Set<String>>> before = required(previous);
    List<String> breaking = new ArrayList<>();
    required(current).forEach((path, processes) -> processes.forEach((process, fields) -> {
      Set<String> old = before.getOrDefault(path, Map.of()).get(process);
      if (old == null) {
        return;
      }
      Set<String> added = new TreeSet<>(fields);
      added.removeAll(old);
      if (!added.isEmpty()) {
        breaking.add(path + ": process " + process + " now requires the start variable(s) " + String.join(", ", added)
            + "; callers that start it as before fail");
      }
    }));
    return breaking;
  }

  /** File path → process id → the variables its start requires. */
  private static Map<String, Map<String, Set<String>>> required(List<FetchedArtifact> artifacts) {
    Map<String, Set<String>> formFields = new HashMap<>();
    artifacts.stream().filter(a -> a.type() == ArtifactType.FORM).forEach(form -> readForm(form, formFields));
    Map<String, Map<String, Set<String>>> byPath = new LinkedHashMap<>();
    for (FetchedArtifact artifact : artifacts) {
      if (artifact.type() != ArtifactType.BPMN) {
        continue;
      }
      BpmnModelInstance model;
      try {
        model = Bpmn.readModelFromStream(new ByteArrayInputStream(artifact.content()));
      } catch (RuntimeException unreadable) {
        continue;
      }
      Map<String, Set<String>> processes = new LinkedHashMap<>();
      for (Process process : model.getModelElementsByType(Process.class)) {
        Set<String> fields = new TreeSet<>();
        process.getChildElementsByType(StartEvent.class).forEach(start -> fields.addAll(required(start, formFields)));
        processes.put(process.getId(), fields);
      }
      byPath.put(artifact.path(), processes);
    }
    return byPath;
  }

  private static Set<String> required(StartEvent start, Map<String, Set<String>> formFields) {
    Set<String> fields = new TreeSet<>();
    if (start.getExtensionElements() != null) {
      start.getExtensionElements().getElementsQuery().filterByType(CamundaFormData.class).list().stream()
          .flatMap(data -> data.getCamundaFormFields().stream())
          .filter(RequiredStartVariables::required)
          .forEach(field -> fields.add(field.getCamundaId()));
    }
    String formRef = start.getCamundaFormRef();
    if (formRef != null) {
      fields.addAll(formFields.getOrDefault(formRef, Set.of()));
    }
    return fields;
  }

  private static boolean required(CamundaFormField field) {
    return field.getCamundaValidation() != null && field.getCamundaValidation().getCamundaConstraints().stream()
        .map(CamundaConstraint::getCamundaName).anyMatch("required"::equals);
  }

  private static void readForm(FetchedArtifact form, Map<String, Set<String>> into) {
    try {
      JsonNode root = JSON.readTree(form.content());
      Set<String> keys = new TreeSet<>();
      collect(root.path("components"), keys);
      if (root.path("id").isTextual()) {
        into.put(root.path("id").asText(), keys);
      }
    } catch (IOException unreadable) {
      // the comparison reports a form that does not parse
    }
  }

  private static void collect(JsonNode components, Set<String> keys) {
    for (JsonNode component : components) {
      if (component.path("validate").path("required").asBoolean(false) && component.path("key").isTextual()) {
        keys.add(component.path("key").asText());
      }
      collect(component.path("components"), keys);
    }
  }
}
