package dev.prometheuspipeline.testing;

import dev.prometheuspipeline.sandbox.EngineMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** The engine's state as failures tell it, in the model's words: {@code "Check stock" (Task_CheckStock)}. */
final class ScenarioState {
  private final ScenarioContext context;
  private final ReleaseModel model;

  ScenarioState(ScenarioContext context) {
    this.context = context;
    this.model = context.model;
  }

  /** "it is waiting at …", "it ended at …", "it was terminated at …". */
  String whereItIs(String instanceId) {
    HistoricProcessInstance instance =
        context.history.createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult();
    String state = stateOf(instance);
    if (state.equals("active")) {
      List<String> at = active(instanceId);
      return at.isEmpty() ? "it is active" : "it is waiting at " + model.describeAll(at);
    }
    List<String> ends = activities(instanceId).stream()
        .filter(a -> a.getEndTime() != null && a.getActivityType() != null && a.getActivityType().endsWith("EndEvent"))
        .map(HistoricActivityInstance::getActivityId).distinct().toList();
    if (state.equals("completed")) {
      return ends.isEmpty() ? "it ended" : "it ended at " + model.describeAll(ends);
    }
    return ends.isEmpty() ? "it was terminated" : "it was terminated at " + model.describeAll(ends);
  }

  /** "active", "completed" or "terminated". */
  static String stateOf(HistoricProcessInstance instance) {
    return switch (instance.getState()) {
      case HistoricProcessInstance.STATE_ACTIVE, HistoricProcessInstance.STATE_SUSPENDED -> "active";
      case HistoricProcessInstance.STATE_COMPLETED -> "completed";
      default -> "terminated";
    };
  }

  /** The elements the instance waits at now; none once it ended. */
  List<String> active(String instanceId) {
    if (context.runtime.createProcessInstanceQuery().processInstanceId(instanceId).count() == 0) {
      return List.of();
    }
    return context.runtime.getActiveActivityIds(instanceId);
  }

  /** Every element instance of the process instance, from history, in the order they occurred. */
  List<HistoricActivityInstance> activities(String instanceId) {
    return context.history.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
        .orderPartiallyByOccurrence().asc().list();
  }

  String describeIncidents(List<Incident> incidents) {
    if (incidents.isEmpty()) {
      return "none";
    }
    List<String> described = new ArrayList<>();
    for (Incident incident : incidents) {
      described.add(model.describe(incident.getActivityId()) + " (" + incident.getIncidentType() + ": "
          + EngineMessage.clean(incident.getIncidentMessage()) + ")");
    }
    return ScenarioContext.list(described);
  }

  /** Where every instance of the scenario waits, e.g. {@code "Check stock" (Task_CheckStock)}. */
  String describeActive() {
    Set<String> active = new TreeSet<>();
    for (ProcessInstance instance : context.runtime.createProcessInstanceQuery().list()) {
      active.addAll(context.runtime.getActiveActivityIds(instance.getId()));
    }
    return model.describeAll(active);
  }
}
