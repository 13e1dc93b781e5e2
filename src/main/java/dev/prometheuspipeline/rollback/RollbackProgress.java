package dev.prometheuspipeline.rollback;

import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.ReleaseState;
import dev.prometheuspipeline.release.Resultado;
import dev.prometheuspipeline.run.ReleaseRuns;
import dev.prometheuspipeline.run.RunHistory;
import dev.prometheuspipeline.run.StageResults;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Follows {@code rollback} processes through the engine's events, inside the engine's transaction: the
 * rollback's state, the release's history and, once rolled back, the release's state and its implantar
 * {@code resultado}, which then holds {@code etapas.rollback}.
 */
@Component
class RollbackProgress {
  static final String APPROVAL_TASK = "Task_ApproveRollback";
  private static final Logger log = LoggerFactory.getLogger(RollbackProgress.class);

  private final Rollbacks rollbacks;
  private final ReleaseRuns runs;
  private final StageResults stages;
  private final RunHistory history;

  RollbackProgress(Rollbacks rollbacks, ReleaseRuns runs, StageResults stages, RunHistory history) {
    this.rollbacks = rollbacks;
    this.runs = runs;
    this.stages = stages;
    this.history = history;
  }

  @EventListener
  public void onTask(DelegateTask task) {
    if (!APPROVAL_TASK.equals(task.getTaskDefinitionKey())
        || !TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())
        || !Boolean.TRUE.equals(task.getVariable("aprovado"))
        || !(task.getVariable("runId") instanceof String runId)) {
      return;
    }
    Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String by = current == null || current.getUserId() == null ? "unknown" : current.getUserId();
    // Refused by the four-eyes check right after, this rolls back with the transaction.
    rollbacks.setState(task.getProcessInstanceId(), RollbackState.RUNNING, "approved by " + by);
    history.addEvent(runId, "rollback-approved", "Rollback " + task.getProcessInstanceId() + " approved by " + by);
  }

  @EventListener
  public void onExecution(DelegateExecution execution) {
    if (!ExecutionListener.EVENTNAME_START.equals(execution.getEventName())
        || !(execution.getBpmnModelElementInstance() instanceof EndEvent end)
        || !(execution.getVariable("runId") instanceof String runId)) {
      return;
    }
    ReleaseRollback rollback = rollbacks.find(execution.getProcessInstanceId()).orElse(null);
    if (rollback == null) {
      return; // not a rollback process, or one this application did not start
    }
    String by = execution.getVariable("aprovadoPor") instanceof String u ? u : "unknown";
    switch (end.getId()) {
      case "EndEvent_RolledBack" -> {
        String reason = "rolled back by rollback " + rollback.id() + " (requested by " + rollback.requestedBy()
            + ", approved by " + by + "): " + rollback.motivo();
        stages.saveResultado(runId, Modo.IMPLANTAR, Resultado.of(Modo.IMPLANTAR, true, stages.stages(runId), "", null));
        runs.setState(runId, ReleaseState.ROLLED_BACK, reason);
        end(rollback, runId, RollbackState.ROLLED_BACK, "rolled back on every environment", reason);
      }
      case "EndEvent_RollbackRejected" -> end(rollback, runId, RollbackState.REJECTED, "rejected by " + by + ": "
          + execution.getVariable("comentario"), null);
      case "EndEvent_RollbackExpired" -> end(rollback, runId, RollbackState.EXPIRED, "not approved within "
          + execution.getVariable("approvalExpiry"), null);
      default -> { }
    }
  }

  private void end(ReleaseRollback rollback, String runId, RollbackState state, String reason, String event) {
    rollbacks.setState(rollback.id(), state, reason);
    history.addEvent(runId, "rollback-" + state.wireName().replace('_', '-'),
        event != null ? event : "Rollback " + rollback.id() + " " + reason);
    log.info("run={} stage=rollback outcome={} rollback={}", runId, state.wireName(), rollback.id());
  }
}
