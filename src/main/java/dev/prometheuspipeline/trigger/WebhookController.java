package dev.prometheuspipeline.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
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
 * The Git webhook, signed as the seed's workflow signs it. Also answers at {@code /deploy-camunda},
 * where that workflow posts ({@code ${DEPLOY_URL}-camunda}), so it works unchanged. A push to the
 * release branch starts a {@code validar} release of every supported file under the product folders
 * at that commit; the body is never logged.
 */
@Profile("!worker")
@RestController
class WebhookController {
  private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
  private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9._/-]{1,200}");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,64}");
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final WebhookProperties properties;
  private final WebhookDeliveries deliveries;
  private final PushReleases pushes;
  private final ObjectMapper json;
  private final Clock clock;

  WebhookController(WebhookProperties properties, WebhookDeliveries deliveries, PushReleases pushes,
      ObjectMapper json) {
    this.properties = properties;
    this.deliveries = deliveries;
    this.pushes = pushes;
    this.json = json;
    this.clock = Clock.systemUTC();
  }

  @PostMapping({"/webhooks/git", "/deploy-camunda"})
  ResponseEntity<ObjectNode> receive(
      @RequestHeader(value = "X-Timestamp", required = false) String timestamp,
      @RequestHeader(value = "X-Signature", required = false) String signature,
      HttpServletRequest request) throws IOException {
    if (!properties.enabled()) {
      return answer(HttpStatus.SERVICE_UNAVAILABLE, "webhook disabled: set PIPELINE_WEBHOOK_SECRET");
    }
    // Anyone can reach this endpoint: read at most what a push notification needs before checking
    // who sent it, so a huge body costs the server nothing.
    byte[] raw = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    if (raw.length > MAX_BODY_BYTES) {
      return answer(HttpStatus.PAYLOAD_TOO_LARGE, "body over " + MAX_BODY_BYTES + " bytes; send {\"branch\", \"commit\"}");
    }
    Instant now = clock.instant();
    String verified;
    try {
      verified = new WebhookSignature(properties.secret(), properties.tolerance())
          .verify(timestamp, signature, raw, now);
    } catch (WebhookSignature.Rejected e) {
      log.warn("webhook outcome=refused reason={}", e.getMessage());
      return answer(HttpStatus.UNAUTHORIZED, e.getMessage());
    }
    if (!deliveries.firstDelivery(verified, now, properties.tolerance())) {
      log.warn("webhook outcome=refused reason=replayed signature");
      return answer(HttpStatus.CONFLICT, "this signed request was already received; sign each delivery anew");
    }
    Push push;
    try {
      push = Push.read(json.readTree(raw));
    } catch (IOException | IllegalArgumentException e) {
      return answer(HttpStatus.BAD_REQUEST, "body must be JSON {\"branch\": \"main\", \"commit\": \"<sha>\"}: "
          + (e instanceof IllegalArgumentException ? e.getMessage() : "not valid JSON"));
    }
    if (!properties.branch().equals(push.branch())) {
      return answer(HttpStatus.OK, "branch " + push.branch() + " ignored; releases start from "
          + properties.branch());
    }
    return pushes.start(push.branch(), push.commit(), commit -> Optional.empty());
  }

  private ResponseEntity<ObjectNode> answer(HttpStatus status, String message) {
    return pushes.answer(status, message);
  }

  /** The webhook body: {@code branch} required, {@code commit} optional (default: the branch's head). */
  record Push(String branch, String commit) {
    static Push read(JsonNode node) {
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      String branch = node.path("branch").asText("").trim();
      if (branch.startsWith("refs/heads/")) {
        branch = branch.substring("refs/heads/".length());
      }
      if (!BRANCH.matcher(branch).matches() || branch.contains("..")) {
        throw new IllegalArgumentException("branch is missing or not a branch name");
      }
      String commit = node.path("commit").asText("").trim();
      if (!commit.isEmpty() && !COMMIT.matcher(commit).matches()) {
        throw new IllegalArgumentException("commit is not a commit SHA");
      }
      return new Push(branch, commit.toLowerCase());
    }
  }
}
