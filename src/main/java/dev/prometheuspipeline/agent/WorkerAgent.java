package dev.prometheuspipeline.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.prometheuspipeline.release.HookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers' deploy hook, replacing the seed's {@code git pull && npm install && pm2 restart} script: signed
 * as the seed signs, it checks out exactly the commit asked for, runs the install and restart commands, and
 * tells the pipeline how that went. One deploy at a time; a second is refused while one runs.
 *
 * <ul>
 *   <li>{@code POST /deploy} {@code {"commit": "<sha>", "release_ref": "..."}}, signed: 202, the deploy runs in
 *       the background; 409 while another runs.
 *   <li>{@code GET /status}, signed over an empty body: the {@link WorkerStatus}.
 *   <li>{@code GET /health}: {@code {"status": "UP"}}, for a load balancer or pm2's own checks.
 * </ul>
 */
public final class WorkerAgent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerAgent.class);
  private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{40}");
  /** The agent's own secrets, kept from the programs it runs. */
  static final Set<String> HIDDEN_VARIABLES =
      Set.of("WORKER_AGENT_SECRET", "WORKER_AGENT_GIT_USERNAME", "WORKER_AGENT_GIT_PASSWORD");

  private final WorkerAgentSettings settings;
  private final HookSignature signature;
  private final WorkerRepository repository;
  private final StateFile stateFile;
  private final Clock clock;
  private final HttpServer server;
  private final ExecutorService requests;
  private final ExecutorService deploys;
  /** Signatures accepted within the tolerance window, with when they may be forgotten. */
  private final Map<String, Instant> delivered = new ConcurrentHashMap<>();
  private WorkerStatus status;

  private WorkerAgent(WorkerAgentSettings settings, Clock clock) throws IOException {
    this.settings = settings;
    this.signature = new HookSignature(settings.secret(), settings.tolerance());
    this.repository = new WorkerRepository(settings.repository(), settings.gitUsername(), settings.gitPassword(),
        settings.workDir(), settings.commandTimeout());
    this.stateFile = new StateFile(settings.stateFile(), WorkerStatus.JSON);
    this.clock = clock;
    this.status = stateFile.read(clock.instant());
    this.server = HttpServer.create(settings.address(), 16);
    this.requests = Executors.newFixedThreadPool(4, daemon("worker-agent-http"));
    this.deploys = Executors.newSingleThreadExecutor(daemon("worker-agent-deploy"));
    server.setExecutor(requests);
    server.createContext("/deploy", exchange -> answer(exchange, "POST", this::deploy));
    server.createContext("/status", exchange -> answer(exchange, "GET", this::status));
    server.createContext("/health", exchange -> answer(exchange, "GET", this::health));
  }

  /**
   * Starts serving on the configured address (port 0 picks a free one: see {@link #address()}).
   *
   * @throws IOException when the address cannot be bound
   */
  public static WorkerAgent start(WorkerAgentSettings settings) throws IOException {
    WorkerAgent agent = new WorkerAgent(settings, Clock.systemUTC());
    agent.server.start();
    log.info("worker-agent outcome=listening address={} repository={} deployed={}", agent.address(),
        agent.repository.name(), agent.current().commit());
    return agent;
  }

  /** Where it listens, with the port it was given. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The status {@code GET /status} would answer. */
  public synchronized WorkerStatus current() {
    return status;
  }

  private Answer deploy(HttpExchange exchange) throws IOException {
    long declared = contentLength(exchange);
    if (declared > settings.maxBodyBytes()) {
      return tooLarge();
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      // Anyone can reach the port: read at most what a deploy request needs before checking who sent it.
      body = in.readNBytes(settings.maxBodyBytes() + 1);
    }
    if (body.length > settings.maxBodyBytes()) {
      return tooLarge();
    }
    Instant now = clock.instant();
    String verified;
    try {
      verified = verify(exchange, body, now);
    } catch (HookSignature.Rejected e) {
      return refused(e.getMessage());
    }
    if (!firstDelivery(verified, now)) {
      return refused("this signed request was already received; sign each request anew");
    }
    JsonNode request;
    try {
      request = WorkerStatus.JSON.readTree(body);
    } catch (IOException e) {
      request = null;
    }
    String commit = request == null ? null : request.path("commit").asText(null);
    if (request == null || !request.isObject() || commit == null || !COMMIT.matcher(commit).matches()) {
      return Answer.message(400, "body must be JSON {\"commit\": \"<40-hex commit sha>\", \"release_ref\":"
          + " \"...\"}" + (request == null ? ": not valid JSON" : ""));
    }
    String releaseRef = request.path("release_ref").asText(null);
    return begin(commit.toLowerCase(java.util.Locale.ROOT), releaseRef);
  }

  private synchronized Answer begin(String commit, String releaseRef) {
    if (status.state() == WorkerStatus.State.DEPLOYING) {
      return Answer.message(409, "a deploy of " + status.requested() + " is running; wait until GET /status"
          + " reports it finished, then ask again");
    }
    status = status.deploying(commit, releaseRef);
    stateFile.write(status);
    deploys.execute(() -> run(commit, releaseRef));
    log.info("worker-agent deploy={} release={} outcome=started", commit, releaseRef);
    ObjectNode accepted = WorkerStatus.JSON.createObjectNode().put("state", "deploying").put("commit", commit);
    return new Answer(202, accepted);
  }

  private void run(String commit, String releaseRef) {
    List<WorkerStatus.Step> steps = new ArrayList<>();
    long started = System.nanoTime();
    try {
      repository.checkOut(commit);
      steps.add(ProgramRun.run("install", settings.install(), settings.workDir(), settings.commandTimeout(),
          HIDDEN_VARIABLES));
      steps.add(ProgramRun.run("restart", settings.restart(), settings.workDir(), settings.commandTimeout(),
          HIDDEN_VARIABLES));
      finish(current().deployed(clock.instant(), steps));
      log.info("worker-agent deploy={} release={} outcome=deployed durationMs={}", commit, releaseRef,
          (System.nanoTime() - started) / 1_000_000);
    } catch (ProgramRun.Failed e) {
      steps.add(e.step());
      finish(current().failed(e.getMessage(), clock.instant(), steps));
      log.warn("worker-agent deploy={} release={} outcome=failed reason={}", commit, releaseRef, e.getMessage());
    } catch (RuntimeException e) {
      // A bug, not the release's fault; the status must still leave "deploying", or no deploy runs again.
      finish(current().failed("the agent failed unexpectedly; see its log", clock.instant(), steps));
      log.error("worker-agent deploy={} release={} outcome=failed", commit, releaseRef, e);
    }
  }

  private synchronized void finish(WorkerStatus finished) {
    status = finished;
    stateFile.write(status);
  }

  private Answer status(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      in.readNBytes(settings.maxBodyBytes());
    }
    try {
      // Over an empty body: who may read the status need not be able to ask for a deploy's content.
      verify(exchange, new byte[0], clock.instant());
    } catch (HookSignature.Rejected e) {
      return refused(e.getMessage());
    }
    return new Answer(200, WorkerStatus.JSON.valueToTree(current()));
  }

  private Answer health(HttpExchange exchange) {
    return new Answer(200, WorkerStatus.JSON.createObjectNode().put("status", "UP"));
  }

  private String verify(HttpExchange exchange, byte[] body, Instant now) {
    return signature.verify(exchange.getRequestHeaders().getFirst(HookSignature.TIMESTAMP_HEADER),
        exchange.getRequestHeaders().getFirst(HookSignature.SIGNATURE_HEADER), body, now);
  }

  private boolean firstDelivery(String verified, Instant now) {
    // Older signatures can no longer pass the timestamp check, so they need not be remembered.
    delivered.values().removeIf(forgetAt -> forgetAt.isBefore(now));
    return delivered.putIfAbsent(verified, now.plus(settings.tolerance().multipliedBy(2))) == null;
  }

  private Answer refused(String reason) {
    log.warn("worker-agent outcome=refused reason={}", reason);
    return Answer.message(401, reason);
  }

  private Answer tooLarge() {
    return Answer.message(413, "body over " + settings.maxBodyBytes() + " bytes; send {\"commit\", \"release_ref\"}");
  }

  private static long contentLength(HttpExchange exchange) {
    try {
      String header = exchange.getRequestHeaders().getFirst("Content-Length");
      return header == null ? -1 : Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void answer(HttpExchange exchange, String method, Endpoint endpoint) throws IOException {
    try (exchange) {
      Answer answer;
      if (!method.equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", method);
        answer = Answer.message(405, exchange.getRequestURI().getPath() + " answers " + method + " only");
      } else {
        try {
          answer = endpoint.handle(exchange);
        } catch (IOException | RuntimeException e) {
          // Never the exception's text: it may name local paths.
          log.error("worker-agent path={} outcome=error", exchange.getRequestURI().getPath(), e);
          answer = Answer.message(500, "the agent could not answer; see its log");
        }
      }
      byte[] bytes = WorkerStatus.JSON.writeValueAsBytes(answer.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Stops listening, and stops a running deploy's program. */
  @Override
  public void close() {
    server.stop(0);
    requests.shutdownNow();
    deploys.shutdownNow();
    try {
      deploys.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @FunctionalInterface
  private interface Endpoint {
    Answer handle(HttpExchange exchange) throws IOException;
  }

  private record Answer(int status, JsonNode body) {
    static Answer message(int status, String message) {
      return new Answer(status, WorkerStatus.JSON.createObjectNode().put("message", message));
    }
  }
}
