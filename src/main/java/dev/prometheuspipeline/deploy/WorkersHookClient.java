package dev.prometheuspipeline.deploy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.agent.WorkerStatus;
import dev.prometheuspipeline.release.HookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deploys an environment's workers through its hook (the {@code worker-agent} command, or any hook that speaks
 * its protocol): a signed {@code POST /deploy} with the exact commit, then signed {@code GET /status} polls with
 * backoff until the hook reports that commit deployed. The secret signs requests and is never sent or shown.
 */
public final class WorkersHookClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration FIRST_WAIT = Duration.ofMillis(100);
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(3);

  private final URI baseUrl;
  private final HookSignature signature;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param baseUrl the hook's root, e.g. {@code http://worker-1:8090/}; must carry no credentials
   * @param timeout how long {@link #deploy} waits for the hook, including a deploy already running there
   */
  public WorkersHookClient(URI baseUrl, String secret, Duration timeout) {
    requireNonNull(baseUrl, "baseUrl");
    if (baseUrl.getRawUserInfo() != null) {
      throw new IllegalArgumentException("the workers hook URL must not carry credentials; the secret signs");
    }
    this.baseUrl = baseUrl.toString().endsWith("/") ? baseUrl : URI.create(baseUrl + "/");
    this.signature = new HookSignature(secret, Duration.ofMinutes(5));
    this.timeout = requireNonNull(timeout, "timeout");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /**
   * Asks the hook to deploy {@code commit} and waits until it reports it deployed.
   *
   * @throws TargetException retryable when the hook cannot be reached, answers 5xx, or does not report the
   *     commit within the timeout (naming the last state seen); not retryable when it refuses the request
   *     (wrong secret, bad commit) or reports the deploy failed (naming its reason)
   */
  public WorkerRollout deploy(String commit, String releaseRef) {
    requireNonNull(commit, "commit");
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    Map<String, String> request = new LinkedHashMap<>();
    request.put("commit", commit);
    request.put("release_ref", releaseRef);
    byte[] body = json(request);
    Duration wait = FIRST_WAIT;
    String lastSeen = "no answer yet";
    while (true) {
      HttpResponse<byte[]> answer = send("POST", "deploy", body);
      if (answer.statusCode() == 202) {
        break;
      }
      if (answer.statusCode() != 409) {
        throw refused("POST /deploy", answer);
      }
      // Another deploy runs there (a previous release, a rollback): it ends, then ours can start.
      lastSeen = message(answer);
      if (System.nanoTime() + wait.toNanos() > deadline) {
        throw timedOut(commit, "still busy with another deploy: " + lastSeen);
      }
      wait = pause(wait);
    }
    wait = FIRST_WAIT;
    while (true) {
      WorkerStatus status = status();
      lastSeen = status.state().wireName() + " (requested " + status.requested() + ", deployed " + status.commit()
          + ")";
      if (commit.equalsIgnoreCase(String.valueOf(status.requested()))) {
        if (status.state() == WorkerStatus.State.DEPLOYED && commit.equalsIgnoreCase(status.commit())) {
          String detail = "deployed by " + baseUrl + (status.finishedAt() == null ? ""
              : " at " + status.finishedAt());
          return new WorkerRollout(status.commit(), status.state().wireName(), detail,
              Duration.ofNanos(System.nanoTime() - started));
        }
        if (status.state() == WorkerStatus.State.FAILED) {
          throw new TargetException("the workers hook at " + baseUrl + " failed to deploy " + commit + ": "
              + status.error(), null, 0, "", String.valueOf(status.error()), List.of(), false);
        }
      }
      if (System.nanoTime() + wait.toNanos() > deadline) {
        throw timedOut(commit, lastSeen);
      }
      wait = pause(wait);
    }
  }

  /** The hook's status now. */
  public WorkerStatus status() {
    HttpResponse<byte[]> answer = send("GET", "status", new byte[0]);
    if (answer.statusCode() != 200) {
      throw refused("GET /status", answer);
    }
    try {
      return WorkerStatus.fromJson(answer.body());
    } catch (IOException | RuntimeException e) {
      throw TargetException.unanswered("the workers hook at " + baseUrl + " answered GET /status with something"
          + " that is not its status; is the URL the worker agent's?", e);
    }
  }

  private HttpResponse<byte[]> send(String method, String path, byte[] body) {
    String timestamp = Long.toString(System.currentTimeMillis());
    HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header(HookSignature.TIMESTAMP_HEADER, timestamp)
        .header(HookSignature.SIGNATURE_HEADER, signature.sign(timestamp, body))
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw TargetException.unanswered("the workers hook at " + baseUrl + " cannot be reached (" + method + " /"
          + path + "): " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TargetException.unanswered("interrupted while calling the workers hook at " + baseUrl, e);
    }
  }

  private TargetException refused(String operation, HttpResponse<byte[]> answer) {
    int status = answer.statusCode();
    String message = message(answer);
    // A 5xx may pass (the hook restarting); a 4xx is our secret or request, and needs a person.
    return new TargetException("the workers hook at " + baseUrl + " answered " + operation + " with " + status
        + ": " + message, null, status, "", message, List.of(), status >= 500);
  }

  private TargetException timedOut(String commit, String lastSeen) {
    return new TargetException("the workers hook at " + baseUrl + " did not report " + commit + " deployed within "
        + timeout + "; last state: " + lastSeen, null, 0, "", "", List.of(), true);
  }

  private static String message(HttpResponse<byte[]> answer) {
    try {
      return JSON.readTree(answer.body()).path("message").asText("(no message)");
    } catch (IOException e) {
      return "(not JSON: " + new String(answer.body(), StandardCharsets.UTF_8).lines().findFirst().orElse("")
          .strip() + ")";
    }
  }

  private static byte[] json(Map<String, String> value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
  }

  private static Duration pause(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TargetException.unanswered("interrupted while waiting for the workers hook", e);
    }
    Duration next = wait.multipliedBy(2);
    return next.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : next;
  }
}
