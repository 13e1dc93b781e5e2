package dev.prometheuspipeline.approval;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.run.RunHistory;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Tells approvers that a release waits for them: a log line, an entry in the release's history, and a
 * JSON POST to {@code pipeline.notify.url} when one is set (a chat webhook, a mail gateway).
 */
@Component
class ApprovalNotifier {
  private static final Logger log = LoggerFactory.getLogger(ApprovalNotifier.class);

  private final RunHistory history;
  private final NotifyProperties properties;
  private final RestClient http;

  ApprovalNotifier(RunHistory history, NotifyProperties properties, RestClient.Builder http) {
    this.history = history;
    this.properties = properties;
    this.http = http.build();
  }

  /** What to say: a reminder to the approvers, or an escalation to their managers. */
  record Notification(String kind, String runId, String releaseRef, List<String> groups) {
    Notification {
      requireNonNull(kind, "kind");
      requireNonNull(runId, "runId");
      requireNonNull(releaseRef, "releaseRef");
      groups = List.copyOf(groups);
    }

    String message() {
      return ("escalation".equals(kind) ? "Escalated: release " : "Reminder: release ") + releaseRef
          + " is waiting for approval by " + String.join(", ", groups);
    }
  }

  void notify(Notification notification) {
    history.addEvent(notification.runId(), notification.kind(), notification.message());
    log.info("stage=notify release={} kind={} groups={}", notification.releaseRef(), notification.kind(),
        notification.groups());
    if (!properties.url().isEmpty()) {
      http.post().uri(URI.create(properties.url()))
          .contentType(MediaType.APPLICATION_JSON)
          .body(Map.of(
              "tipo", notification.kind(),
              "release_ref", notification.releaseRef(),
              "release_id", notification.runId(),
              "grupos", notification.groups(),
              "mensagem", notification.message(),
              "link", "/api/releases/" + notification.runId()))
          .retrieve()
          .toBodilessEntity();
    }
  }
}
