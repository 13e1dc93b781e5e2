import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.GitFixture;
import dev.prometheuspipeline.PrometheusPipelineApplication;
import dev.prometheuspipeline.board.EventStream;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.ValidateEtapa;
import dev.prometheuspipeline.run.StageResults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Live board pages: CLIENTS event streams of one release ({@code GET /releases/{id}/events}, plain HTTP
 * clients reading the stream as {@code EventSource} does) stay open while the release's stage finishes ROUNDS
 * times; each delivery's delay is from the event's publication (the {@code at} of its payload, taken when the
 * stage result was stored) to the instant the client read the event's last line.
 *
 * <pre>
 * BoardBench [CLIENTS] [ROUNDS] [WARMUPS] [SENDERS]   defaults 100, 30, 5 and 4 (pipeline.board.sender-threads);
 *                                                     warm-up rounds are checked, not counted
 * </pre>
 *
 * <p>The whole application runs in this JVM (H2 in memory, its engine and workers idle), so the path measured is
 * the real one: {@code StageResults.save} publishes, the board's listener hands the update to its sender thread,
 * Tomcat writes each stream. The clients run in the same JVM on loopback, on the same clock.
 */
public final class BoardBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "bench-admin-password";

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int warmups = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int senders = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    GitFixture git = GitFixture.withSampleProducts();
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PrometheusPipelineApplication.class)
        .run("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:board-bench;DB_CLOSE_DELAY=-1",
            "--spring.datasource.username=sa", "--spring.datasource.password=",
            "--pipeline.admin.password=" + PASSWORD, "--pipeline.source.repository=" + git.uri(),
            "--pipeline.source.cache-dir=" + Files.createTempDirectory("board-bench-cache"),
            "--pipeline.webhook.secret=bench-webhook-secret", "--pipeline.vulnerabilities.npm-registry=",
            "--pipeline.signing.generated-key-file=" + Files.createTempDirectory("board-bench-key").resolve("key.pem"),
            "--pipeline.board.max-streams=" + (clients + 10), "--pipeline.board.sender-threads=" + senders)) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      String runId = run(app.getBean(JdbcClient.class));
      StageResults stages = app.getBean(StageResults.class);
      String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
      List<EventStream> streams = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        EventStream stream = EventStream.open("http://localhost:" + port + "/releases/" + runId + "/events", auth);
        require(stream.status() == 200, "stream " + i + " answered " + stream.status());
        require(stream.next("ready", Duration.ofSeconds(30)) != null, "stream " + i + " never became ready");
        streams.add(stream);
      }
      List<Long> delays = new ArrayList<>();
      List<Long> roundMax = new ArrayList<>();
      for (int round = 0; round < warmups + rounds; round++) {
        stages.save(runId, Stage.VALIDATE, new ValidateEtapa(StageStatus.SUCCESS, List.of(), List.of(), null, null, null));
        long worst = 0;
        List<Long> these = new ArrayList<>();
        for (EventStream stream : streams) {
          EventStream.Received update = stream.next("update", Duration.ofSeconds(30));
          require(update != null, "a stream missed round " + round);
          Instant published = Instant.parse(JSON.readTree(update.data()).path("at").asText());
          long micros = Duration.between(published, update.at()).toNanos() / 1_000;
          these.add(micros);
          worst = Math.max(worst, micros);
        }
        if (round >= warmups) {
          delays.addAll(these);
          roundMax.add(worst);
        }
        Thread.sleep(200);
      }
      for (EventStream stream : streams) {
        stream.close();
      }
      report(clients, rounds, senders, delays, roundMax);
    }
    System.exit(0);
  }

  private static String run(JdbcClient db) {
    String id = UUID.randomUUID().toString();
    OffsetDateTime now = OffsetDateTime.now();
    db.sql("INSERT INTO release_run (id, release_ref, sprint_origem, requested_by, trigger_source, state,"
            + " contexto, created_at, updated_at) VALUES (?, 'bench-1', 'S1', 'admin', 'api', 'running', '{}', ?, ?)")
        .params(id, now, now).update();
    return id;
  }

  private static void report(int clients, int rounds, int senders, List<Long> delays, List<Long> roundMax) {
    Collections.sort(delays);
    Collections.sort(roundMax);
    System.out.printf(Locale.ROOT, "clients=%d rounds=%d deliveries=%d sender-threads=%d load average (1 5 15 min): %s%n",
        clients, rounds, delays.size(), senders, loadAverage());
    System.out.printf(Locale.ROOT, "delay per delivery (ms): median %.2f  p95 %.2f  max %.2f%n",
        ms(percentile(delays, 50)), ms(percentile(delays, 95)), ms(delays.get(delays.size() - 1)));
    System.out.printf(Locale.ROOT, "last of the %d pages per round (ms): median %.2f  p95 %.2f  max %.2f%n", clients,
        ms(percentile(roundMax, 50)), ms(percentile(roundMax, 95)), ms(roundMax.get(roundMax.size() - 1)));
    long within = roundMax.stream().filter(m -> m <= 100_000).count();
    System.out.printf(Locale.ROOT, "rounds with all %d pages updated within 100 ms: %d of %d%n", clients, within, rounds);
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static long percentile(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalStateException(problem);
    }
  }
}
