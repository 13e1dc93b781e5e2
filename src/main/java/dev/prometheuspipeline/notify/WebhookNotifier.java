package dev.prometheuspipeline.notify;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/** POSTs notifications as JSON: the pipeline's own shape, and Slack's incoming-webhook message. */
@Component
class WebhookNotifier {
  private final RestClient http;

  WebhookNotifier(RestClient.Builder http) {
    this.http = http.build();
  }

  /** The pipeline's JSON; key names fixed since the first reminders ({@code tipo}, {@code grupos} …). */
  void pipeline(String url, Notification notification, Notifications.Links links) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("tipo", notification.kind().wireName());
    body.put("release_ref", notification.releaseRef());
    body.put("release_id", notification.runId());
    body.put("grupos", notification.groups());
    body.put("ambientes", notification.ambientes());
    body.put("mensagem", notification.message());
    body.put("link", "/api/releases/" + notification.runId());
    body.put("relatorio", links.report());
    body.put("tarefas", links.tasks());
    post(url, body);
  }

  /**
   * Slack's message: {@code text} for notifications and clients without blocks, then a section and a button
   * per link. Mattermost and Rocket.Chat read {@code text} with the same link syntax.
   */
  void slack(String url, Notification notification, Notifications.Links links) {
    StringBuilder text = new StringBuilder(notification.message()).append(" <").append(links.report())
        .append("|Release report>");
    links.tasks().forEach(task -> text.append(" <").append(task).append("|Open in Tasklist>"));
    List<Map<String, Object>> buttons = new java.util.ArrayList<>();
    links.tasks().forEach(task -> buttons.add(button("Open in Tasklist", task, "primary")));
    buttons.add(button("Release report", links.report(), null));
    post(url, Map.of(
        "text", text.toString(),
        "blocks", List.of(
            Map.of("type", "section", "text", Map.of("type", "mrkdwn",
                "text", "*" + notification.kind().title() + "*\n" + notification.message())),
            Map.of("type", "actions", "elements", buttons))));
  }

  private static Map<String, Object> button(String label, String url, String style) {
    Map<String, Object> button = new LinkedHashMap<>();
    button.put("type", "button");
    button.put("text", Map.of("type", "plain_text", "text", label));
    button.put("url", url);
    if (style != null) {
      button.put("style", style);
    }
    return button;
  }

  private void post(String url, Object body) {
    http.post().uri(URI.create(url)).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
  }

  /** What went wrong, without the URL: a webhook's path is its secret. */
  static String describe(RuntimeException failure) {
    if (failure instanceof RestClientResponseException response) {
      return "HTTP " + response.getStatusCode().value();
    }
    if (failure instanceof ResourceAccessException access && access.getCause() != null) {
      return "unreachable (" + access.getCause().getClass().getSimpleName() + ")";
    }
    return failure.getClass().getSimpleName();
  }
}
