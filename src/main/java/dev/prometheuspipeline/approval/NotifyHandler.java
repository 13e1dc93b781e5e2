package dev.prometheuspipeline.approval;

import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.stage.StageFailures;
import dev.prometheuspipeline.stage.StageHandler;
import dev.prometheuspipeline.stage.StageOutcome;
import dev.prometheuspipeline.release.StageStatus;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** {@code pipeline.notify}: the reminder and escalation timers of a release's or a rollback's approval end up here. */
@Profile("!worker")
@Component
@ExternalTaskSubscription(topicName = Topics.NOTIFY, variableNames = {"runId", "releaseRef", "notification", ApprovalRoutingListener.GROUPS})
class NotifyHandler extends StageHandler {
  /** {@code processes/rollback.bpmn}: its approval's reminder and escalation say they are a rollback's. */
  private static final String ROLLBACK_PROCESS = "rollback";

  private final ApprovalNotifier notifier;
  private final ApprovalProperties approval;

  NotifyHandler(ApprovalNotifier notifier, ApprovalProperties approval, StageFailures failures) {
    super(failures);
    this.notifier = notifier;
    this.approval = approval;
  }

  @Override
  protected StageOutcome run(ExternalTask task, String runId) {
    String kind = task.getVariable("notification") instanceof String k ? k : "reminder";
    // The routing's groups; a release started before the routing existed has none and asks the configured one.
    List<String> approvers = task.getVariable(ApprovalRoutingListener.GROUPS) instanceof String routed
        ? List.of(routed.split(",")) : List.of(approval.group());
    List<String> groups = "escalation".equals(kind)
        ? Stream.concat(Stream.of(approval.escalationGroup()), approvers.stream()).distinct().toList() : approvers;
    boolean rollback = ROLLBACK_PROCESS.equals(task.getProcessDefinitionKey());
    notifier.notify(new ApprovalNotifier.Reminder(kind, rollback, runId, task.getVariable("releaseRef"), groups));
    return StageOutcome.completed(StageStatus.SUCCESS, Map.of()).with("notification", kind);
  }
}
