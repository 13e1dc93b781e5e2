package dev.prometheuspipeline.approval;

import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Escalates a pending approval, of a release or of its rollback: the group in {@value #ESCALATION_GROUP} may now
 * decide too, and the task moves up in the Tasklist ({@value #ESCALATED_PRIORITY}; the default is 50).
 *
 * <p>When the release needs several approvers, the approval is asked again after each one: the group joins
 * {@value ApprovalRoutingListener#GROUPS} too, so the approvals still to come are offered to it as well.
 *
 * <p>The models bind the bean {@code escalateApproval}; see {@link FourEyesListener} on why the class keeps its
 * name.
 */
@Profile("!worker")
@Component("escalateApproval")
public class EscalateApproval implements JavaDelegate {
  static final String ESCALATION_GROUP = "escalationGroup";
  /** The approvals a timer escalates: a release's, and a manual rollback's. */
  static final String[] APPROVAL_TASKS = {"Task_ApproveRelease", "Task_ApproveRollback"};
  static final int ESCALATED_PRIORITY = 80;

  private static final Logger LOG = LoggerFactory.getLogger(EscalateApproval.class);

  @Override
  public void execute(DelegateExecution execution) {
    Object group = execution.getVariable(ESCALATION_GROUP);
    if (!(group instanceof String name) || name.isBlank()) {
      throw new ApprovalException("release " + execution.getProcessBusinessKey() + " ("
          + execution.getCurrentActivityId() + "): variable " + ESCALATION_GROUP + " is not set; the application"
          + " sets it when it starts the release (default ms-produto-gestores)");
    }
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    List<Task> pending = tasks.createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKeyIn(APPROVAL_TASKS)
        .list();
    for (Task task : pending) {
      tasks.addCandidateGroup(task.getId(), name);
      if (task.getPriority() < ESCALATED_PRIORITY) {
        tasks.setPriority(task.getId(), ESCALATED_PRIORITY);
      }
    }
    if (execution.getVariable(ApprovalRoutingListener.GROUPS) instanceof String groups
        && !List.of(groups.split(",")).contains(name)) {
      execution.setVariable(ApprovalRoutingListener.GROUPS, groups + "," + name);
    }
    LOG.info("stage=approval release={} outcome=escalated group={} tasks={}",
        execution.getProcessBusinessKey(), name, pending.size());
  }
}
