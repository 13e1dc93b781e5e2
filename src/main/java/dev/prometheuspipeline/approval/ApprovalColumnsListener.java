package dev.prometheuspipeline.approval;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Copies what the Tasklist filters show of an approval ({@value #RELEASE_REF}, {@value #REQUESTED_BY}, the gate's
 * verdict or failed criteria, a rollback's reason) onto the task itself when it is created, as task-local
 * variables. Approvers may read the tasks offered to them (the candidate group's grant on each task) but not the
 * release's process variables; the engine lets a task's reader read the task's own variables, so the filter's
 * columns fill in without a grant on every release's variables.
 *
 * <p>Registered on {@code create} of {@code Task_ApproveRelease}, {@code Task_WaiveCriteria} and
 * {@code Task_ApproveRollback}; a variable the process does not have is left out.
 */
@Component("approvalColumnsListener")
public class ApprovalColumnsListener implements TaskListener {
  static final String RELEASE_REF = "releaseRef";
  static final String REQUESTED_BY = "requestedBy";
  /** The filters' columns (system/IdentityBootstrap), no more: the rest stays readable to the process's readers. */
  static final List<String> COLUMNS = List.of(RELEASE_REF, REQUESTED_BY, GateVerdictListener.GATE_VERDICT,
      GateVerdictListener.GATE_FAILED_CRITERIA, "rollbackReason");

  @Override
  public void notify(DelegateTask task) {
    for (String name : COLUMNS) {
      Object value = task.getExecution().getVariable(name);
      if (value != null) {
        task.setVariableLocal(name, value);
      }
    }
  }
}
