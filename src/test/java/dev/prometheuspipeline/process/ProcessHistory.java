package dev.prometheuspipeline.process;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** Reads what a process instance left behind, also after it ended. */
final class ProcessHistory {
  private final HistoryService history;

  ProcessHistory(HistoryService history) {
    this.history = history;
  }

  /** The process's own variable, not the copies the approval tasks keep as their columns. */
  Object variable(ProcessInstance instance, String name) {
    HistoricVariableInstance variable = history.createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId())
        .variableName(name)
        .list().stream().filter(v -> v.getTaskId() == null).findFirst().orElse(null);
    if (variable == null) {
      throw new AssertionError("process instance " + instance.getId() + " has no variable " + name);
    }
    return variable.getValue();
  }
}
