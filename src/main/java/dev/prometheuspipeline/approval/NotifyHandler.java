package dev.prometheuspipeline.approval;

import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.system.StageFailures;
import dev.prometheuspipeline.system.StageHandler;
import java.util.List;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
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
  protected void run(ExternalTask task, ExternalTaskService service, String runId) {
    String kind = task.getVariable("notification") instanceof String k ? k : "reminder";
    List<String> groups = "escalation".equals(kind)
        ? List.of(approval.escalationGroup(), approval.group()) : List.of(approval.group());
    notifier.notify(new ApprovalNotifier.Notification(kind, runId, task.getVariable("releaseRef"), groups));
    service.complete(task);
  }
}
