package dev.prometheuspipeline.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.githost.GitHostKind;
import dev.prometheuspipeline.githost.GitHostsProperties;
import dev.prometheuspipeline.githost.HostPush;
import dev.prometheuspipeline.githost.HostSignatures;
import dev.prometheuspipeline.githost.ReleaseOrigin;
import dev.prometheuspipeline.githost.ReleaseOrigins;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Git hosts' own push webhooks, so a team needs no workflow of its own to reach the pipeline: GitHub,
 * GitLab and Gitea/Forgejo, each checked as its host signs (with {@code pipeline.webhook.secret}) and read
 * from its host's push payload. A push to the release branch starts the same release as the seed's webhook;
 * each delivery id is accepted once.
 */
@Profile("!worker")
@RestController
class GitHostWebhookController {
  /** Hosts list up to twenty commits with their files in a push: more room than the seed's two fields. */
  static final int MAX_BODY_BYTES = 1024 * 1024;
  private static final Pattern DELIVERY_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
  private static final Logger log = LoggerFactory.getLogger(GitHostWebhookController.class);

  private final WebhookProperties webhook;
  private final GitHostsProperties hosts;
  private final ReleaseOrigins origins;
  private final PushReleases pushes;
  private final ObjectMapper json;

  GitHostWebhookController(WebhookProperties webhook, GitHostsProperties hosts, ReleaseOrigins origins,
      PushReleases pushes, ObjectMapper json) {
    this.webhook = webhook;
    this.hosts = hosts;
    this.origins = origins;
    this.pushes = pushes;
    this.json = json;
  }

  @PostMapping("/webhooks/github")
  ResponseEntity<ObjectNode> github(
      @RequestHeader(value = "X-GitHub-Event", required = false) String event,
      @RequestHeader(value = "X-GitHub-Delivery", required = false) String delivery,
      @RequestHeader(value = "X-Hub-Signature-256", required = false) String signature,
      HttpServletRequest request) throws IOException {
    return receive(GitHostKind.GITHUB, event, delivery, "X-GitHub-Delivery",
        (body) -> signatures().verifyGitHub(signature, body), request);
  }

  @PostMapping("/webhooks/gitlab")
  ResponseEntity<ObjectNode> gitlab(
      @RequestHeader(value = "X-Gitlab-Event", required = false) String event,
      @RequestHeader(value = "X-Gitlab-Event-UUID", required = false) String delivery,
      @RequestHeader(value = "X-Gitlab-Token", required = false) String token,
      HttpServletRequest request) throws IOException {
    return receive(GitHostKind.GITLAB, event, delivery, "X-Gitlab-Event-UUID",
        (body) -> signatures().verifyGitLab(token), request);
  }

  /** Gitea, and Forgejo, which sends the same payload under its own header names. */
  @PostMapping("/webhooks/gitea")
  ResponseEntity<ObjectNode> gitea(
      @RequestHeader(value = "X-Gitea-Event", required = false) String giteaEvent,
      @RequestHeader(value = "X-Forgejo-Event", required = false) String forgejoEvent,
      @RequestHeader(value = "X-Gitea-Delivery", required = false) String giteaDelivery,
      @RequestHeader(value = "X-Forgejo-Delivery", required = false) String forgejoDelivery,
      @RequestHeader(value = "X-Gitea-Signature", required = false) String giteaSignature,
      @RequestHeader(value = "X-Forgejo-Signature", required = false) String forgejoSignature,
      HttpServletRequest request) throws IOException {
    String signature = giteaSignature != null ? giteaSignature : forgejoSignature;
    return receive(GitHostKind.GITEA, giteaEvent != null ? giteaEvent : forgejoEvent,
        giteaDelivery != null ? giteaDelivery : forgejoDelivery, "X-Gitea-Delivery",
        (body) -> signatures().verifyGitea(signature, body), request);
  }

  private ResponseEntity<ObjectNode> receive(GitHostKind host, String event, String delivery, String deliveryHeader,
      Consumer<byte[]> verify, HttpServletRequest request) throws IOException {
    if (!webhook.enabled()) {
      return pushes.answer(HttpStatus.SERVICE_UNAVAILABLE, "webhook disabled: set PIPELINE_WEBHOOK_SECRET");
    }
    // Open to anyone: read no more than a push needs before knowing who sent it.
    byte[] raw = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (raw.length > MAX_BODY_BYTES) {
      return pushes.answer(HttpStatus.PAYLOAD_TOO_LARGE, "body over " + MAX_BODY_BYTES + " bytes");
    }
    try {
      verify.accept(raw);
    } catch (HostSignatures.Rejected e) {
      log.warn("webhook host={} outcome=refused reason={}", host.wireName(), e.getMessage());
      return pushes.answer(HttpStatus.UNAUTHORIZED, e.getMessage());
    }
    if (delivery == null || !DELIVERY_ID.matcher(delivery.strip()).matches()) {
      return pushes.answer(HttpStatus.BAD_REQUEST, deliveryHeader + " is missing or malformed; without it a "
          + "replayed delivery cannot be told from a new one");
    }
    if (!origins.firstDelivery(host, delivery.strip(), Instant.now(), hosts.deliveryRetention())) {
      log.warn("webhook host={} delivery={} outcome=refused reason=replayed delivery", host.wireName(), delivery);
      return pushes.answer(HttpStatus.CONFLICT, "delivery " + delivery.strip() + " was already received; "
          + "push again, or start the release through POST /api/releases");
    }
    HostPush push;
    try {
      JsonNode payload = json.readTree(raw);
      push = HostPush.read(host, event, payload);
    } catch (IOException | IllegalArgumentException e) {
      return pushes.answer(HttpStatus.BAD_REQUEST, "not a " + host.wireName() + " push payload: "
          + (e instanceof IllegalArgumentException ? e.getMessage() : "not valid JSON"));
    }
    return switch (push.type()) {
      case PING -> pushes.answer(HttpStatus.OK, "pong: pushes to " + webhook.branch() + " start releases");
      case IGNORED -> ignored(push.reason());
      case BRANCH_PUSH -> webhook.branch().equals(push.branch())
          ? pushes.start(push.branch(), push.commit(), commit -> push.repository().isEmpty()
              ? Optional.empty() : Optional.of(ReleaseOrigin.of(push, commit)))
          : ignored("branch " + push.branch() + " ignored; releases start from " + webhook.branch());
    };
  }

  private ResponseEntity<ObjectNode> ignored(String reason) {
    ResponseEntity<ObjectNode> answer = pushes.answer(HttpStatus.ACCEPTED, reason);
    answer.getBody().put("ignored", true);
    return answer;
  }

  private HostSignatures signatures() {
    return new HostSignatures(webhook.secret());
  }
}
