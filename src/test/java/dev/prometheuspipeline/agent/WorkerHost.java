package dev.prometheuspipeline.agent;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.prometheuspipeline.GitFixture;
import dev.prometheuspipeline.release.HookSignature;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A worker host for tests: a real Git repository of workers (a {@code package.json} and a lock file with no
 * dependencies, so {@code npm ci} runs offline), a real {@link WorkerAgent} on a free loopback port, and signed
 * requests to it.
 */
public final class WorkerHost implements AutoCloseable {
  public static final String SECRET = "worker-hook-test-secret";
  private static final String PACKAGE = "{\"name\":\"workers\",\"version\":\"%s\",\"private\":true}\n";
  private static final String LOCK = "{\"name\":\"workers\",\"version\":\"%s\",\"lockfileVersion\":3,"
      + "\"requires\":true,\"packages\":{\"\":{\"name\":\"workers\",\"version\":\"%s\"}}}\n";

  private final GitFixture repository = GitFixture.create();
  private final Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private WorkerAgent agent;

  public WorkerHost(Path dir) {
    this.dir = dir;
  }

  /** Fails under CI when npm is missing; elsewhere the test is skipped. */
  public static void requireNpm() {
    boolean found;
    try {
      found = new ProcessBuilder("npm", "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      found = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      found = false;
    }
    if (!"true".equals(System.getenv("CI"))) {
      assumeTrue(found, "npm is not installed");
    } else if (!found) {
      throw new AssertionError("npm is not installed, and CI=true: install Node.js and npm");
    }
  }

  /** Commits a workers release at {@code version}; returns its SHA. */
  public String commitWorkers(String version) {
    return repository.commit("workers " + version, Map.of("package.json", PACKAGE.formatted(version),
        "package-lock.json", LOCK.formatted(version, version), "index.js", "// workers " + version + "\n"));
  }

  /** The marker file the default restart command appends to. */
  public Path marker() {
    return dir.resolve("restarts");
  }

  /** A restart command that appends "restarted" to {@link #marker()} once {@code gate} exists. */
  public List<String> restartAfter(Path gate) {
    return List.of("sh", "-c", "while [ ! -f '" + gate + "' ]; do sleep 0.05; done; echo restarted >> '"
        + marker() + "'");
  }

  public List<String> restart() {
    return List.of("sh", "-c", "echo restarted >> '" + marker() + "'");
  }

  public Path workDir() {
    return dir.resolve("workers");
  }

  public WorkerAgentSettings settings(List<String> restart) {
    return WorkerAgentSettings.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), repository.uri(),
        workDir(), SECRET, restart);
  }

  public WorkerAgent start(WorkerAgentSettings settings) throws IOException {
    if (agent != null) {
      agent.close();
    }
    agent = WorkerAgent.start(settings);
    return agent;
  }

  public URI url() {
    return URI.create("http://" + agent.address().getHostString() + ":" + agent.address().getPort() + "/");
  }

  public Response deploy(String commit) {
    return post("deploy", body(commit), System.currentTimeMillis());
  }

  public static String body(String commit) {
    return "{\"commit\":\"" + commit + "\",\"release_ref\":\"main@" + commit.substring(0, 12) + "\"}";
  }

  public Response post(String path, String body, long timestamp) {
    return send("POST", path, body, headers(body, timestamp));
  }

  public Map<String, String> headers(String body, long timestamp) {
    String ts = Long.toString(timestamp);
    return Map.of(HookSignature.TIMESTAMP_HEADER, ts, HookSignature.SIGNATURE_HEADER,
        new HookSignature(SECRET, Duration.ofMinutes(5)).sign(ts, body.getBytes(StandardCharsets.UTF_8)));
  }

  public Response status() {
    return send("GET", "status", "", headers("", System.currentTimeMillis()));
  }

  public Response send(String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url().resolve(path))
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new AssertionError("the agent did not answer " + method + " /" + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** What {@code GET /status} answers now, read as the client reads it. */
  public WorkerStatus current() {
    Response response = status();
    try {
      return WorkerStatus.fromJson(response.body().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("GET /status answered " + response, e);
    }
  }

  public List<String> restarts() throws IOException {
    return Files.exists(marker()) ? Files.readAllLines(marker()) : List.of();
  }

  @Override
  public void close() {
    if (agent != null) {
      agent.close();
    }
  }

  public record Response(int status, String body) {}
}
