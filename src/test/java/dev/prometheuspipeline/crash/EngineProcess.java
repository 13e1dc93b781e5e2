package dev.prometheuspipeline.crash;

import dev.prometheuspipeline.Api;
import dev.prometheuspipeline.PrometheusPipelineApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * This application in a JVM of its own: {@code java -cp <this JVM's class path>} on a free port, with the
 * given properties (its own database among them), so a test can SIGKILL it at a chosen moment and start it
 * again on the same database, as an operator restarts a node that died. Its output goes to
 * {@code target/crash/<name>.log}, kept across restarts, so a failure can be read there.
 */
public final class EngineProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  private final String name;
  private final int port;
  private final Map<String, String> properties;
  private final Path log;
  /** A worker-only process ({@code worker} first): it has no web server to ask for its health. */
  private final boolean worker;
  private volatile Process process;

  private EngineProcess(String name, Map<String, String> properties, boolean worker) {
    this.name = name;
    this.worker = worker;
    this.port = freePort();
    this.properties = new LinkedHashMap<>(properties);
    this.properties.put("server.port", String.valueOf(port));
    this.log = buildDirectory().resolve("crash").resolve(name + ".log");
    // A test JVM that ends without close() must not leave the child running.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (process != null) {
        process.destroyForcibly();
      }
    }, "engine-process-" + name + "-reaper"));
  }

  /** Starts the application with {@code properties} and waits until it reports itself healthy. */
  public static EngineProcess start(String name, Map<String, String> properties) {
    return start(new EngineProcess(name, properties, false));
  }

  /**
   * Starts the jar's worker-only mode ({@code worker} as first argument) with {@code properties} and waits
   * until Spring reports it started (its subscriptions open then).
   */
  public static EngineProcess startWorker(String name, Map<String, String> properties) {
    return start(new EngineProcess(name, properties, true));
  }

  private static EngineProcess start(EngineProcess engine) {
    try {
      Files.deleteIfExists(engine.log); // an earlier test run's
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    engine.launch();
    return engine;
  }

  /** The postgres profile on {@code postgres}'s default database, as the superuser the embedded server has. */
  public static Map<String, String> onPostgres(EmbeddedPostgres postgres) {
    return Map.of("spring.profiles.active", "postgres",
        "spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
        "spring.datasource.username", "postgres",
        "spring.datasource.password", "postgres");
  }

  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  public Api as(String user, String password) {
    return Api.as(port, user, password);
  }

  /** SIGKILL (on Linux, {@link Process#destroyForcibly()}): no shutdown hook, no lock released, nothing flushed. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException(name + " (pid " + process.pid() + ") did not die after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    note("killed pid " + process.pid() + " with SIGKILL");
  }

  /** Starts it again, same port, same properties, same database, and waits until it is healthy. */
  public void restart() {
    if (process.isAlive()) {
      throw new IllegalStateException(name + " is still running; kill it first");
    }
    launch();
  }

  private void launch() {
    List<String> command = new ArrayList<>(List.of(javaBinary(),
        // Faster starts on a busy machine; the child runs minutes, not hours.
        "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), PrometheusPipelineApplication.class.getName()));
    if (worker) {
      command.add("worker");
    }
    properties.forEach((key, value) -> command.add("--" + key + "=" + value));
    try {
      Files.createDirectories(log.getParent());
      note("starting on port " + port);
      process = new ProcessBuilder(command)
          .directory(log.getParent().toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitHealthy();
  }

  private void awaitHealthy() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    Api anonymous = Api.anonymous(port);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; see "
            + log + ":\n" + tail());
      }
      if (worker) {
        if (tail().contains("Started " + PrometheusPipelineApplication.class.getSimpleName())) {
          note("started, pid " + process.pid());
          return;
        }
        pause();
        continue;
      }
      try {
        Api.Response health = anonymous.get("/actuator/health");
        if (health.status() == 200 && health.body().contains("UP")) {
          note("healthy, pid " + process.pid());
          return;
        }
      } catch (IllegalStateException notListeningYet) {
        // connection refused until the web server is up
      }
      pause();
    }
    process.destroyForcibly();
    throw new IllegalStateException(name + " was not healthy within " + START_TIMEOUT + "; see " + log + ":\n"
        + tail());
  }

  /** The end of the log, for failure messages. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void note(String message) {
    try {
      Files.writeString(log, "==== EngineProcess " + name + " " + Instant.now() + ": " + message + "\n",
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code target/}, or whatever {@code build.dir} made it: the parent of the test classes' directory. */
  private static Path buildDirectory() {
    try {
      return Path.of(EngineProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
