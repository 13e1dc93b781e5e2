package dev.prometheuspipeline.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.Api;
import dev.prometheuspipeline.GitFixture;
import dev.prometheuspipeline.crash.EngineProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL stopped for 20 seconds under the application while clients keep calling it, then started again on
 * the same port and data directory, as an operator's restart or a failover looks from the application. While it
 * is down the API answers 503 problem+json with the reason and health is DOWN; after it is back, health and the
 * API recover by themselves within 30 seconds, and no release or backlog row is lost: every release started
 * before, around or after the outage ends, and each backlog row starts exactly one. The application runs in a JVM
 * of its own ({@link EngineProcess}), with the postgres profile's own connection timeout.
 * {@code -Doutage.seconds=N} changes the outage's length (20 by default).
 */
class DatabaseOutageTest {
  private static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("outage.seconds", 20));
  private static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);
  private static final String ADMIN_PASSWORD = "admin-password-for-outage-tests";
  private static final String APPROVER = "olga";
  private static final String APPROVER_PASSWORD = "approver-password-for-outage-tests";
  private static final String WEBHOOK_SECRET = "webhook-secret-for-outage-tests";
  private static final List<String> END_STATES = List.of("succeeded", "failed", "rolled_back");
  private static final String REASON = "the database is unavailable; retry later";
  /** What an error answer must never show: the driver's, the pool's or the server's own words. */
  private static final List<String> SERVER_DETAILS = List.of("Exception", "jdbc", "Hikari", "PSQL", "org.",
      "localhost", "/tmp", "at dev.", "SQL");
  /** Two forms each: every stage of validar runs, and the gate passes with nothing to cover. */
  private static final Map<String, String> FORMS = Map.of(
      "Loja/forms/conferir-pedido.form", "Genesis/forms/conferir-pedido.form",
      "Loja/forms/chamado.html", "Prometheus/forms/chamado.html");

  private static int postgresPort;
  private static Path postgresData;
  private static EmbeddedPostgres postgres;
  private static GitFixture git;
  private static String commit;
  private static EngineProcess pipeline;

  @BeforeAll
  static void startPostgresAndThePipeline() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      postgresPort = socket.getLocalPort();
    }
    postgresData = Files.createTempDirectory("outage-postgres");
    postgres = startPostgres();
    git = GitFixture.create();
    Map<String, String> files = new LinkedHashMap<>();
    FORMS.forEach((path, sample) -> files.put(path, GitFixture.resource("fixtures/" + sample)));
    files.put("Loja/README.md", "# Loja\n\nThe shop's forms.\n");
    files.put("Loja/ROLLBACK.md", "# Rolling back\n\nDeploy the forms of the release before.\n");
    commit = git.commit("Shop forms", files);

    Map<String, String> properties = new LinkedHashMap<>(EngineProcess.onPostgres(postgres));
    properties.putAll(Map.of("pipeline.admin.password", ADMIN_PASSWORD, "pipeline.webhook.secret", WEBHOOK_SECRET,
        "pipeline.source.repository", git.uri(), "pipeline.source.products", "Loja",
        "pipeline.source.cache-dir", Files.createTempDirectory("outage-git-cache").toString(),
        "pipeline.vulnerabilities.npm-registry", "", "pipeline.stages.retry-backoff", "1s",
        "pipeline.backlog.poll-interval", "500ms", "pipeline.verify.incident-watch", "PT0S",
        "camunda.bpm.client.async-response-timeout", "1000"));
    // A stage whose completion the outage swallowed is fetched again when its lock runs out.
    properties.put("camunda.bpm.client.lock-duration", "10000");
    // Likewise a job whose transaction the outage broke: the engine frees it when its lock runs out (5 min by
    // default, which an operator shortens where jobs are short, as here).
    properties.put("camunda.bpm.job-execution.lock-time-in-millis", "15000");
    pipeline = EngineProcess.start("database-outage", properties);
    Api admin = admin();
    assertThat(admin.post("/engine-rest/user/create", """
        {"profile": {"id": "%s", "firstName": "Olga", "lastName": "Aprovadora", "email": "olga@zarah.example"},
         "credentials": {"password": "%s"}}""".formatted(APPROVER, APPROVER_PASSWORD)).status()).isEqualTo(204);
    assertThat(admin.put("/engine-rest/group/ms-produto/members/" + APPROVER, "").status()).isEqualTo(204);
  }

  @AfterAll
  static void stop() throws IOException {
    if (pipeline != null) {
      pipeline.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void aDatabaseOutageIsAnswered503WithAReasonAndEverythingRecoversWithinThirtySecondsWithNothingLost()
      throws Exception {
    List<String> started = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < 4; i++) {
      started.add(startRelease("before-" + i));
      db().sql("INSERT INTO backlog (tipo, contexto, origem) VALUES ('executar_pipeline', :contexto, 'PROMETHEUS')")
          .param("contexto", contexto("backlog-" + i)).update();
    }
    Load load = new Load(started);
    load.start();
    // Some runs are mid-stage when the database goes: each has its first stage done.
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> db().sql(
        "SELECT count(*) FROM release_run").query(Integer.class).single() >= 6);

    long down = System.nanoTime();
    postgres.close();
    Api.Response health = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .until(() -> Api.anonymous(pipeline.port()).get("/actuator/health"), answer -> answer.status() == 503);
    long healthDown = System.nanoTime();
    assertThat(health.json().path("status").asText()).isEqualTo("DOWN");

    Map<String, Api.Response> duringOutage = new LinkedHashMap<>();
    duringOutage.put("GET /api/releases", admin().get("/api/releases"));
    duringOutage.put("GET /api/releases/{id}", admin().get("/api/releases/" + started.get(0)));
    duringOutage.put("POST /api/releases", admin().post("/api/releases", "{\"contexto\":" + contexto("during")
        + "}"));
    String push = "{\"branch\":\"main\",\"commit\":\"" + commit + "\"}";
    duringOutage.put("POST /webhooks/git", Api.anonymous(pipeline.port()).post("/webhooks/git", push, signed(push)));
    duringOutage.forEach(DatabaseOutageTest::assertOutageAnswer);
    // Tasklist's query, on the engine's REST API: the same reason, in the shape that API's clients read.
    Api.Response tasks = admin().get("/engine-rest/task?taskDefinitionKey=Task_ApproveRelease");
    assertThat(tasks.status()).as(tasks.body()).isEqualTo(503);
    assertThat(tasks.json().path("message").asText()).isEqualTo(REASON);
    assertThat(tasks.body()).doesNotContain(SERVER_DETAILS);

    sleepUntil(down + OUTAGE.toNanos());
    postgres = startPostgres();
    long up = System.nanoTime();
    await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(100))
        .until(() -> Api.anonymous(pipeline.port()).get("/actuator/health").status() == 200);
    long healthUp = System.nanoTime();
    await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(100))
        .until(() -> admin().get("/api/releases").status() == 200);
    long apiUp = System.nanoTime();
    // The clients' own first 200s after the return, then a few more seconds of load on the recovered node.
    Thread.sleep(5_000);
    load.stop();

    assertThat(load.failures).as("answers that are neither success nor the outage's 503").isEmpty();
    load.outageAnswers.forEach(answer -> assertOutageAnswer("under load", answer));
    AtomicInteger decided = new AtomicInteger();
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      decided.addAndGet(rejectPendingApprovals());
      return db().sql("SELECT count(*) FROM release_run WHERE state NOT IN ('succeeded', 'failed', 'rolled_back')")
          .query(Integer.class).single() == 0;
    });
    long drained = System.nanoTime();

    int recorded = db().sql("SELECT count(*) FROM release_run").query(Integer.class).single();
    assertThat(db().sql("SELECT id FROM release_run").query(String.class).list())
        .as("every release the API accepted is recorded").containsAll(started);
    assertThat(db().sql("SELECT DISTINCT state FROM release_run").query(String.class).list()).isSubsetOf(END_STATES);
    assertThat(db().sql("SELECT count(*) FROM backlog WHERE tipo = 'executar_pipeline' AND status = 'concluido'").query(Integer.class).single())
        .as("backlog rows consumed").isEqualTo(4);
    assertThat(db().sql("SELECT count(DISTINCT run_id) FROM backlog WHERE tipo = 'executar_pipeline'").query(Integer.class).single())
        .as("runs started by backlog rows").isEqualTo(4);
    assertThat(db().sql("SELECT count(*) FROM release_run WHERE trigger_source = 'backlog'").query(Integer.class)
        .single()).isEqualTo(4);
    assertThat(db().sql("SELECT count(DISTINCT release_ref) FROM release_run").query(Integer.class).single())
        .as("no release started twice").isEqualTo(recorded);

    String figures = "outage_s=" + OUTAGE.toSeconds()
        + " health_down_after_ms=" + millis(down, healthDown)
        + " health_up_after_return_ms=" + millis(up, healthUp)
        + " first_api_200_after_return_ms=" + millis(up, apiUp)
        + " load_first_200_after_return_ms=" + load.firstSuccessAfter(up)
        + " all_ended_after_return_ms=" + millis(up, drained)
        + " releases=" + recorded + " accepted_by_api=" + started.size() + " backlog_rows=4"
        + " approvals_decided=" + decided.get()
        + " load_requests=" + load.requests.get() + " load_503=" + load.outageAnswers.size()
        + " slowest_503_ms=" + load.slowestOutageAnswerMillis();
    System.out.println("DATABASE OUTAGE FIGURES " + figures);
    Files.writeString(pipeline.log().resolveSibling("database-outage-figures.txt"), figures + "\n",
        StandardCharsets.UTF_8);
    assertThat(Duration.ofNanos(healthUp - up)).as(figures).isLessThanOrEqualTo(RECOVERY_BOUND);
    assertThat(Duration.ofNanos(apiUp - up)).as(figures).isLessThanOrEqualTo(RECOVERY_BOUND);
  }

  /** RFC 9457, the reason, and nothing of the server. */
  private static void assertOutageAnswer(String what, Api.Response answer) {
    assertThat(answer.status()).as(what + ": " + answer.body()).isEqualTo(503);
    assertThat(answer.header("Content-Type")).as(what).startsWith("application/problem+json");
    assertThat(answer.header("Retry-After")).as(what).isNotBlank();
    assertThat(answer.header("X-Content-Type-Options")).as(what + ": the headers every answer carries")
        .isEqualTo("nosniff");
    JsonNode problem = answer.json();
    assertThat(problem.path("status").asInt()).as(what).isEqualTo(503);
    assertThat(problem.path("title").asText()).as(what).isEqualTo("Database unavailable");
    assertThat(problem.path("detail").asText()).as(what).isEqualTo(REASON);
    assertThat(answer.body()).as(what).doesNotContain(SERVER_DETAILS).doesNotContain(String.valueOf(postgresPort));
  }

  /**
   * Clients calling the API all along: reads of the list and of one release, and starts of new releases. Each
   * answer is a success, or the outage's 503; a release whose start was answered 202 must end like the others.
   */
  private final class Load {
    private final List<String> started;
    private final ExecutorService clients = Executors.newFixedThreadPool(3);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger requests = new AtomicInteger();
    private final Queue<Api.Response> outageAnswers = new ConcurrentLinkedQueue<>();
    private final Queue<Long> outageAnswerNanos = new ConcurrentLinkedQueue<>();
    private final Queue<Long> successes = new ConcurrentLinkedQueue<>();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();

    Load(List<String> started) {
      this.started = started;
    }

    void start() {
      for (int client = 0; client < 3; client++) {
        int n = client;
        clients.submit(() -> {
          for (int call = 0; running.get(); call++) {
            long sent = System.nanoTime();
            String what = n == 2 && call % 10 == 0 ? "POST /api/releases"
                : n == 1 ? "GET /api/releases/{id}" : "GET /api/releases";
            Api.Response answer;
            try {
              answer = switch (what) {
                case "POST /api/releases" -> admin().post("/api/releases", "{\"contexto\":"
                    + contexto("load-" + call) + "}");
                case "GET /api/releases/{id}" -> admin().get("/api/releases/" + started.get(call % started.size()));
                default -> admin().get("/api/releases");
              };
            } catch (IllegalStateException noAnswer) {
              failures.add(what + " no answer: " + noAnswer.getMessage());
              continue;
            } finally {
              requests.incrementAndGet();
            }
            if (answer.status() == 202) {
              started.add(answer.json().path("id").asText());
            }
            if (answer.status() == 503) {
              outageAnswers.add(answer);
              outageAnswerNanos.add(System.nanoTime() - sent);
            } else if (answer.status() == 200 || answer.status() == 202) {
              successes.add(System.nanoTime());
            } else {
              failures.add(what + " " + answer.status() + " " + answer.body());
            }
            pause(50);
          }
          return null;
        });
      }
    }

    void stop() throws InterruptedException {
      running.set(false);
      clients.shutdown();
      assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }

    long firstSuccessAfter(long up) {
      return successes.stream().filter(at -> at >= up).mapToLong(at -> millis(up, at)).min().orElse(-1);
    }

    long slowestOutageAnswerMillis() {
      return outageAnswerNanos.stream().mapToLong(nanos -> nanos / 1_000_000).max().orElse(-1);
    }
  }

  private static String startRelease(String ref) {
    Api.Response answer = admin().post("/api/releases", "{\"contexto\":" + contexto(ref) + "}");
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    return answer.json().path("id").asText();
  }

  /** Rejects every approval waiting; answers how many. */
  private static int rejectPendingApprovals() {
    Api approver = pipeline.as(APPROVER, APPROVER_PASSWORD);
    int decided = 0;
    for (JsonNode task : approver.get("/engine-rest/task?taskDefinitionKey=Task_ApproveRelease").json()) {
      Api.Response answer = approver.post("/engine-rest/task/" + task.path("id").asText() + "/submit-form", """
          {"variables": {"aprovado": {"value": false, "type": "Boolean"},
                         "comentario": {"value": "Rejected after the outage", "type": "String"}}}""");
      decided += answer.status() == 204 ? 1 : 0;
    }
    return decided;
  }

  private static String contexto(String ref) {
    String artefatos = FORMS.keySet().stream().sorted()
        .map(path -> """
            {"tipo": "%s", "arquivo": "%s", "path": "%s", "sha": "%s"}""".formatted(
            path.substring(path.lastIndexOf('.') + 1), path.substring(path.lastIndexOf('/') + 1), path, commit))
        .collect(Collectors.joining(", "));
    return """
        {"modo": "validar", "release_ref": "outage-%s", "sprint_origem": "S031", "artefatos": [%s]}"""
        .formatted(ref, artefatos);
  }

  private static Map<String, String> signed(String body) throws Exception {
    String timestamp = Long.toString(System.currentTimeMillis());
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Map.of("X-Timestamp", timestamp, "X-Signature",
        "sha256=" + HexFormat.of().formatHex(hmac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8))));
  }

  /** Same port and data directory each time: what the application was given stays right across the restart. */
  private static EmbeddedPostgres startPostgres() throws IOException {
    return EmbeddedPostgres.builder().setPort(postgresPort).setDataDirectory(postgresData)
        .setCleanDataDirectory(false).start();
  }

  /** A new pool each time: the one before may hold connections the restart broke. */
  private static JdbcClient db() {
    return JdbcClient.create(postgres.getPostgresDatabase());
  }

  private static Api admin() {
    return pipeline.as("admin", ADMIN_PASSWORD);
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
