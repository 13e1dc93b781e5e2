package dev.prometheuspipeline.notify;

import dev.prometheuspipeline.release.ApprovalPolicy;
import dev.prometheuspipeline.release.ApprovalRequested;
import dev.prometheuspipeline.release.DeployEtapa;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.ModoConcluded;
import dev.prometheuspipeline.release.ReleaseFinished;
import dev.prometheuspipeline.release.Stage;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells people what the release events say, once the engine step that raised them has committed: an approval
 * requested, a release deployed, failed, or ended by an expired approval. Reminders and escalations come from
 * their timers in the model, through {@code pipeline.notify}.
 */
@Profile("!worker")
@Component
class ReleaseNotifications {
  static final String APPROVAL_EXPIRED_END = "EndEvent_ApprovalExpired";

  private final Notifications notifications;
  private final ApprovalPolicy approval;

  ReleaseNotifications(Notifications notifications, ApprovalPolicy approval) {
    this.notifications = notifications;
    this.approval = approval;
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void onApprovalRequested(ApprovalRequested requested) {
    notifications.send(Notification.approval(Notification.Kind.APPROVAL_REQUESTED, requested.runId(),
        requested.releaseRef(), requested.groups().isEmpty() ? List.of(approval.group()) : requested.groups()));
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void onModoConcluded(ModoConcluded concluded) {
    if (concluded.modo() != Modo.IMPLANTAR || !concluded.resultado().succeeded()) {
      return;
    }
    List<String> ambientes = concluded.resultado().etapa(Stage.DEPLOY, DeployEtapa.class)
        .map(DeployEtapa::ambientes).orElse(List.of()).stream().map(DeployEtapa.Ambiente::ambiente).toList();
    notifications.send(new Notification(Notification.Kind.RELEASE_DEPLOYED, concluded.runId(),
        concluded.releaseRef(), List.of(), ambientes, ""));
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void onReleaseFinished(ReleaseFinished finished) {
    if (finished.succeeded()) {
      return;
    }
    Notification.Kind kind = APPROVAL_EXPIRED_END.equals(finished.endEventId())
        ? Notification.Kind.APPROVAL_EXPIRED : Notification.Kind.RELEASE_FAILED;
    notifications.send(new Notification(kind, finished.runId(), finished.releaseRef(), List.of(), List.of(),
        finished.reason()));
  }
}
