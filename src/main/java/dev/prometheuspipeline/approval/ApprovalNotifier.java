package dev.prometheuspipeline.approval;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.notify.Notification;
import dev.prometheuspipeline.notify.Notifications;
import dev.prometheuspipeline.run.RunHistory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Tells approvers that a release still waits for them: a log line, an entry in the release's history, and
 * the configured channels (the pipeline's JSON, chat, mail; see {@link Notifications}).
 */
@Profile("!worker")
@Component
class ApprovalNotifier {
  private static final Logger log = LoggerFactory.getLogger(ApprovalNotifier.class);

  private final RunHistory history;
  private final Notifications notifications;

  ApprovalNotifier(RunHistory history, Notifications notifications) {
    this.history = history;
    this.notifications = notifications;
  }

  /** What to say: a reminder to the approvers, or an escalation to their managers. */
  record Reminder(String kind, boolean rollback, String runId, String releaseRef, List<String> groups) {
    Reminder {
      requireNonNull(kind, "kind");
      requireNonNull(runId, "runId");
      requireNonNull(releaseRef, "releaseRef");
      groups = List.copyOf(groups);
    }

    Notification notification() {
      boolean escalation = "escalation".equals(kind);
      Notification.Kind what = rollback
          ? (escalation ? Notification.Kind.ROLLBACK_ESCALATION : Notification.Kind.ROLLBACK_REMINDER)
          : (escalation ? Notification.Kind.ESCALATION : Notification.Kind.REMINDER);
      return Notification.approval(what, runId, releaseRef, groups);
    }
  }

  void notify(Reminder reminder) {
    Notification notification = reminder.notification();
    history.addEvent(reminder.runId(), notification.kind().wireName(), notification.message());
    log.info("stage=notify release={} kind={} groups={}", reminder.releaseRef(), reminder.kind(),
        reminder.groups());
    notifications.send(notification);
  }
}
