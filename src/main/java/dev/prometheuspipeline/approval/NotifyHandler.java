package dev.prometheuspipeline.approval;

import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.stage.StageFailures;
import dev.prometheuspipeline.stage.StageHandler;
import dev.prometheuspipeline.stage.StageOutcome;
import dev.prometheuspipeline.release.StageStatus;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/** {@code pipeline.notify}: the approval's reminder and escalation timers end up here. */
@Component
@ExternalTaskSubscription(topicName = Topics.NOTIFY, variableNames = {"runId", "releaseRef", "notification"})
class NotifyHandler extends StageHandler {
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
    List<String> groups = "escalation".equals(kind)
        ? List.of(approval.escalationGroup(), approval.group()) : List.of(approval.group());
    notifier.notify(new ApprovalNotifier.Reminder(kind, runId, task.getVariable("releaseRef"), groups));
    return StageOutcome.completed(StageStatus.SUCCESS, Map.of()).with("notification", kind);
  }
}
