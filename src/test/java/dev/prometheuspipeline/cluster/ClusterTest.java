package dev.prometheuspipeline.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.Api;
import dev.prometheuspipeline.GitFixture;
import dev.prometheuspipeline.crash.EngineProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Camunda 7's own clustering, as an operator runs it: two application nodes (engine, webapps, API, job
 * executor on both, {@code deployment-aware=false}, one engine name) and one worker-only process
 * ({@code java ... worker}) on one PostgreSQL, each in a JVM of its own ({@link EngineProcess}). The worker
 * process works the supply-chain and test topics as its own user; the nodes work the others. A burst of
 * releases started at once through the API (both nodes), the backlog and the webhook (both nodes) all end,
 * none lost, none twice, each backlog row consumed once and each approval task created once.
 * {@code -Dcluster.releases=N} bounds the burst (200 by default).
 */
// The burst first: it counts every release in the database.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
  private static final int RELEASES = Integer.getInteger("cluster.releases", 200);
  private static final String ADMIN_PASSWORD = "admin-password-for-cluster-tests";
  private static final String IN_APP_WORKER_PASSWORD = "in-app-worker-password-for-cluster-tests";
  private static final String WORKER_USER = "stage-worker";
  private static final String WORKER_PASSWORD = "stage-worker-password-for-cluster-tests";
  private static final String APPROVER = "bob";
  private static final String APPROVER_PASSWORD = "approver-password-for-cluster-tests";
  private static final String WEBHOOK_SECRET = "webhook-secret-for-cluster-tests";
  /**
   * The worker-only process's topics: stages of validar that need no target engine. Each process's client works
   * one task at a time, so the stages are shared out between the three.
   */
  private static final List<String> WORKER_TOPICS = List.of("pipeline.test", "pipeline.sbom", "pipeline.sign");
  private static final List<String> NODE_TOPICS = List.of("pipeline.fetch", "pipeline.validate",
      "pipeline.vulnerabilities", "pipeline.compare",
      "pipeline.deploy-gate", "pipeline.deploy", "pipeline.deploy-workers", "pipeline.verify", "pipeline.rollback",
      "pipeline.rollback-release", "pipeline.notify");
  private static final List<String> END_STATES = List.of("succeeded", "failed", "rolled_back");

  private static EmbeddedPostgres postgres;
  private static JdbcClient db;
  private static GitFixture git;
  private static final List<EngineProcess> nodes = new ArrayList<>();
  private static EngineProcess worker;

  @BeforeAll
  static void startTheCluster() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    db = JdbcClient.create(postgres.getPostgresDatabase());
    git = GitFixture.create();
    PortalProduct.commit(git);
    Path shared = Files.createTempDirectory("cluster");
    Map<String, String> common = new LinkedHashMap<>();
    common.put("spring.profiles.active", "postgres");
    common.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
    common.put("spring.datasource.username", "postgres");
    common.put("spring.datasource.password", "postgres");
    common.put("pipeline.source.repository", git.uri());
    // One signing key for the cluster: a release signed on one process is checked on another.
    common.put("pipeline.signing.generated-key-file", shared.resolve("signing-key.pem").toString());
    common.put("pipeline.vulnerabilities.npm-registry", "");
    common.put("pipeline.stages.retry-backoff", "1s");
    common.put("camunda.bpm.client.async-response-timeout", "1000");

    Map<String, String> node = new LinkedHashMap<>(common);
    node.put("pipeline.admin.password", ADMIN_PASSWORD);
    // Every node resets the in-app worker's password at start: the nodes must agree on it.
    node.put("pipeline.worker.password", IN_APP_WORKER_PASSWORD);
    node.put("pipeline.worker.topics", String.join(",", NODE_TOPICS));
    node.put("pipeline.access.workers." + WORKER_USER + ".password", WORKER_PASSWORD);
    node.put("pipeline.access.workers." + WORKER_USER + ".topics", String.join(",", WORKER_TOPICS));
    node.put("pipeline.webhook.secret", WEBHOOK_SECRET);
    node.put("pipeline.source.products", "Portal");
    node.put("pipeline.backlog.poll-interval", "500ms");
    node.put("pipeline.verify.incident-watch", "PT0S");
    node.put("camunda.bpm.job-execution.deployment-aware", "false");
    Map<String, String> workerProperties = new LinkedHashMap<>(common);
    workerProperties.put("camunda.bpm.client.worker-id", "worker");
    workerProperties.put("pipeline.worker.username", WORKER_USER);
    workerProperties.put("pipeline.worker.password", WORKER_PASSWORD);
    workerProperties.put("pipeline.worker.topics", String.join(",", WORKER_TOPICS));
    workerProperties.put("pipeline.source.cache-dir", shared.resolve("worker-git").toString());
    // The first node deploys the product's processes and creates the users; then the second node and the
    // worker-only process (which fetches from the first node's engine REST API) start side by side.
    nodes.add(EngineProcess.start("node-a", nodeProperties(node, shared, "node-a")));
    workerProperties.put("camunda.bpm.client.base-url", "http://localhost:" + nodes.get(0).port() + "/engine-rest");
    CompletableFuture<EngineProcess> workerStarted =
        CompletableFuture.supplyAsync(() -> EngineProcess.startWorker("worker", workerProperties));
    nodes.add(EngineProcess.start("node-b", nodeProperties(node, shared, "node-b")));
    worker = workerStarted.join();
    createApprover();
  }

  private static Map<String, String> nodeProperties(Map<String, String> node, Path shared, String name) {
    Map<String, String> properties = new LinkedHashMap<>(node);
    properties.put("pipeline.source.cache-dir", shared.resolve(name + "-git").toString());
    properties.put("camunda.bpm.client.worker-id", name);
    // Names the node in the engine's job log, to count what each job executor ran.
    properties.put("camunda.bpm.generic-properties.properties.hostname", name);
    return properties;
  }

  @AfterAll
  static void stopTheCluster() throws Exception {
    if (worker != null) {
      worker.close();
    }
    nodes.forEach(EngineProcess::close);
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  @Order(1)
  void twoNodesAndAWorkerProcessEndEveryReleaseOfABurstOnceWithNoneLost() throws Exception {
    String sampleCommit = git.head();
    // A webhook release is of a commit: one commit of its own each.
    int webhooks = RELEASES / 10;
    List<String> webhookCommits = new ArrayList<>();
    for (int i = 0; i < webhooks; i++) {
      webhookCommits.add(git.commit("Note " + i, Map.of("docs/note-" + i + ".md", "note " + i)));
    }
    int backlogRows = RELEASES * 3 / 10;
    int apiReleases = RELEASES - webhooks - backlogRows;

    long started = System.nanoTime();
    ExecutorService burst = Executors.newFixedThreadPool(16);
    List<Future<?>> requests = new ArrayList<>();
    for (int i = 0; i < RELEASES; i++) {
      int n = i;
      requests.add(burst.submit(() -> {
        if (n < apiReleases) {
          Api.Response answer = admin(n % 2).post("/api/releases", PortalProduct.contexto("burst-api-" + n, sampleCommit));
          assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        } else if (n < apiReleases + backlogRows) {
          db.sql("INSERT INTO backlog (tipo, contexto, origem) VALUES ('executar_pipeline', :contexto, 'PROMETHEUS')")
              .param("contexto", PortalProduct.contextoOnly("burst-backlog-" + n, sampleCommit)).update();
        } else {
          String body = "{\"branch\":\"main\",\"commit\":\"" + webhookCommits.get(n - apiReleases - backlogRows)
              + "\"}";
          Api.Response answer = Api.anonymous(nodes.get(n % 2).port()).post("/webhooks/git", body, signed(body));
          assertThat(answer.status()).as(answer.body()).isIn(200, 202);
        }
        return null;
      }));
    }
    for (Future<?> request : requests) {
      request.get();
    }
    burst.shutdown();
    long accepted = System.nanoTime();

    AtomicInteger decided = new AtomicInteger();
    await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      decided.addAndGet(decidePendingApprovals());
      return db.sql("SELECT count(*) FROM release_run WHERE state IN ('succeeded', 'failed', 'rolled_back')")
          .query(Integer.class).single() >= RELEASES;
    });
    long drained = System.nanoTime();

    assertThat(db.sql("SELECT count(*) FROM release_run").query(Integer.class).single())
        .as("releases recorded").isEqualTo(RELEASES);
    assertThat(db.sql("SELECT count(DISTINCT release_ref) FROM release_run").query(Integer.class).single())
        .as("distinct release refs").isEqualTo(RELEASES);
    assertThat(db.sql("SELECT DISTINCT state FROM release_run").query(String.class).list())
        .isSubsetOf(END_STATES);
    // Each row started exactly one release, and none is left behind.
    assertThat(db.sql("SELECT count(*) FROM backlog WHERE tipo = 'executar_pipeline' AND status = 'concluido'")
        .query(Integer.class).single()).as("backlog rows consumed").isEqualTo(backlogRows);
    assertThat(db.sql("SELECT count(DISTINCT run_id) FROM backlog WHERE tipo = 'executar_pipeline'")
        .query(Integer.class).single()).as("runs started by backlog rows").isEqualTo(backlogRows);
    assertThat(db.sql("SELECT count(*) FROM release_run WHERE trigger_source = 'backlog'").query(Integer.class)
        .single()).isEqualTo(backlogRows);
    // The engine's own record: one release instance per run, one approval task per release instance.
    assertThat(db.sql("SELECT count(*) FROM act_hi_procinst p JOIN act_re_procdef d ON d.id_ = p.proc_def_id_ "
        + "WHERE d.key_ = 'release'").query(Integer.class).single()).as("release instances").isEqualTo(RELEASES);
    assertThat(db.sql("SELECT count(*) FROM act_hi_taskinst WHERE task_def_key_ = 'Task_ApproveRelease'")
        .query(Integer.class).single()).as("approval tasks").isEqualTo(RELEASES);
    assertThat(db.sql("SELECT count(DISTINCT proc_inst_id_) FROM act_hi_taskinst "
        + "WHERE task_def_key_ = 'Task_ApproveRelease'").query(Integer.class).single()).isEqualTo(RELEASES);
    assertThat(decided.get()).as("approvals decided through the API").isEqualTo(RELEASES);

    Map<String, Integer> stagesByProcess = countBy("SELECT worker_id_ AS k, count(*) AS n FROM act_hi_ext_task_log "
        + "WHERE state_ = 2 GROUP BY worker_id_");
    Map<String, Integer> jobsByNode = countBy("SELECT hostname_ AS k, count(*) AS n FROM act_hi_job_log "
        + "WHERE job_state_ = 2 GROUP BY hostname_");
    Map<String, Integer> endStates = countBy("SELECT state AS k, count(*) AS n FROM release_run GROUP BY state");
    Map<String, Integer> triggers = countBy("SELECT trigger_source AS k, count(*) AS n FROM release_run "
        + "GROUP BY trigger_source");
    String figures = "releases=" + RELEASES + " accepted_in_ms=" + (accepted - started) / 1_000_000
        + " drained_in_ms=" + (drained - started) / 1_000_000 + " triggers=" + triggers + " end_states=" + endStates
        + " stages_completed_by=" + stagesByProcess + " jobs_executed_by=" + jobsByNode;
    System.out.println("CLUSTER FIGURES " + figures);
    Files.writeString(worker.log().resolveSibling("cluster-figures.txt"), figures + "\n", StandardCharsets.UTF_8);
    assertThat(stagesByProcess).as(figures).containsKeys("node-a", "node-b", "worker");
    assertThat(stagesByProcess.values()).as(figures).allMatch(count -> count > 0);
  }

  @Test
  @Order(2)
  void theWorkerUserMayWorkOnlyOnTheTasksOfItsTopicsProcesses() throws Exception {
    Api stageWorker = nodes.get(0).as(WORKER_USER, WORKER_PASSWORD);
    // Its grants, as the application made them: two permissions on validar, nothing else, no group.
    JsonNode grants = admin(0).get("/engine-rest/authorization?userIdIn=" + WORKER_USER).json();
    assertThat(grants).hasSize(1);
    assertThat(grants.get(0).path("resourceType").asInt()).isEqualTo(6); // process definition
    assertThat(grants.get(0).path("resourceId").asText()).isEqualTo("validar");
    assertThat(grants.get(0).path("permissions")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("READ_INSTANCE", "UPDATE_INSTANCE");
    assertThat(admin(0).get("/engine-rest/group?member=" + WORKER_USER).json()).isEmpty();

    // It cannot start anything, not even validar, whose tasks it works on; it does not even see the definitions.
    for (String process : List.of("release", "validar", "implantar")) {
      String definition = admin(0).get("/engine-rest/process-definition/key/" + process).json().path("id").asText();
      Api.Response start = stageWorker.post("/engine-rest/process-definition/" + definition + "/start", "{}");
      assertThat(start.status()).as(process + ": " + start.body()).isIn(403, 404);
      assertThat(stageWorker.post("/engine-rest/process-definition/key/" + process + "/start", "{}").status())
          .isIn(403, 404);
      assertThat(db.sql("SELECT count(*) FROM act_hi_procinst WHERE proc_def_id_ = :id AND start_user_id_ = :user")
          .param("id", definition).param("user", WORKER_USER).query(Integer.class).single()).isZero();
    }
    // A release's instance and variables (requester, verdict, artifacts) are not its business.
    assertThat(admin(0).post("/api/releases", PortalProduct.contexto("privilege-probe", git.head())).status()).isEqualTo(202);
    String releaseInstance = await().atMost(Duration.ofMinutes(2)).until(() -> db.sql(
            "SELECT p.id_ FROM act_hi_procinst p JOIN act_re_procdef d ON d.id_ = p.proc_def_id_ "
                + "WHERE d.key_ = 'release' AND p.business_key_ = 'privilege-probe'").query(String.class).optional(),
        java.util.Optional::isPresent).orElseThrow();
    Api.Response variables = stageWorker.get("/engine-rest/process-instance/" + releaseInstance + "/variables");
    assertThat(variables.status()).as(variables.body()).isIn(403, 404);
    assertThat(stageWorker.get("/engine-rest/process-instance?processDefinitionKey=release").status()).isEqualTo(403);
    assertThat(stageWorker.get("/engine-rest/history/variable-instance?processInstanceId=" + releaseInstance)
        .status()).isEqualTo(403);

    // An external task of a process outside its topics: invisible to fetch-and-lock, refused on complete.
    deployProbe();
    assertThat(admin(0).post("/engine-rest/process-definition/key/cluster-probe/start", "{}").status())
        .isEqualTo(200);
    JsonNode probeTask = admin(0).get("/engine-rest/external-task?topicName=probe.other").json().get(0);
    Api.Response fetched = stageWorker.post("/engine-rest/external-task/fetchAndLock", "{\"workerId\":\"intruder\","
        + "\"maxTasks\":5,\"topics\":[{\"topicName\":\"probe.other\",\"lockDuration\":10000}]}");
    assertThat(fetched.status()).as(fetched.body()).isEqualTo(403);
    for (String action : List.of("lock", "extendLock", "complete", "failure", "bpmnError")) {
      Api.Response refused = stageWorker.post("/engine-rest/external-task/" + probeTask.path("id").asText() + "/"
          + action, "{\"workerId\":\"intruder\",\"lockDuration\":10000,\"newDuration\":10000}");
      assertThat(refused.status()).as(action + ": " + refused.body()).isEqualTo(403);
    }
    assertThat(admin(0).get("/engine-rest/external-task/" + probeTask.path("id").asText()).json()
        .path("workerId").isNull()).as("still unlocked").isTrue();
    // Another topic of validar, whose tasks Camunda's grants would let it fetch: refused by topic.
    Api.Response otherTopic = stageWorker.post("/engine-rest/external-task/fetchAndLock", "{\"workerId\":\"w\","
        + "\"maxTasks\":1,\"topics\":[{\"topicName\":\"pipeline.validate\",\"lockDuration\":10000}]}");
    assertThat(otherTopic.status()).as(otherTopic.body()).isEqualTo(403);
    assertThat(otherTopic.json().path("message").asText()).contains("pipeline.validate");
    // UPDATE_INSTANCE on validar would also let it change variables or move tokens there: refused.
    String validar = await().atMost(Duration.ofMinutes(2)).until(() -> db.sql("SELECT p.id_ FROM act_hi_procinst p "
        + "JOIN act_re_procdef d ON d.id_ = p.proc_def_id_ WHERE d.key_ = 'validar' LIMIT 1").query(String.class)
        .optional(), java.util.Optional::isPresent).orElseThrow();
    assertThat(stageWorker.post("/engine-rest/process-instance/" + validar + "/variables",
        "{\"modifications\":{\"validationErrors\":{\"value\":0,\"type\":\"Integer\"}}}").status()).isEqualTo(403);
    assertThat(stageWorker.get("/engine-rest/process-instance/" + validar + "/variables").status()).isEqualTo(403);
    // Its own topics it may fetch.
    assertThat(stageWorker.post("/engine-rest/external-task/fetchAndLock", "{\"workerId\":\"w\",\"maxTasks\":1,"
        + "\"topics\":[{\"topicName\":\"pipeline.test\",\"lockDuration\":1}]}").status()).isEqualTo(200);
  }

  private static final String PROBE_BPMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Probe" targetNamespace="probe">
        <bpmn:process id="cluster-probe" name="Cluster probe" isExecutable="true" camunda:historyTimeToLive="P1D">
          <bpmn:startEvent id="Start" name="Start" />
          <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Other" />
          <bpmn:serviceTask id="Task_Other" name="Other topic" camunda:type="external" camunda:topic="probe.other" />
          <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Other" targetRef="End" />
          <bpmn:endEvent id="End" name="End" />
        </bpmn:process>
      </bpmn:definitions>
      """;

  /** As an operator would, beside the pipeline: a process whose topic is none of the worker's. */
  private static void deployProbe() throws Exception {
    String boundary = "probe-" + System.nanoTime();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nprobe\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"probe.bpmn\"; filename=\"probe.bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + PROBE_BPMN.strip() + "\r\n--" + boundary + "--\r\n";
    HttpResponse<String> deployed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + nodes.get(0).port() + "/engine-rest/deployment/create"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
  }

  /** Approves one release in twenty, rejects the others; answers how many it decided. */
  private static int decidePendingApprovals() {
    Api bob = nodes.get(0).as(APPROVER, APPROVER_PASSWORD);
    JsonNode tasks = bob.get("/engine-rest/task?taskDefinitionKey=Task_ApproveRelease&maxResults=100").json();
    int count = 0;
    for (JsonNode task : tasks) {
      String ref = db.sql("SELECT business_key_ FROM act_hi_procinst WHERE id_ = :id")
          .param("id", task.path("processInstanceId").asText()).query(String.class).single();
      boolean approve = ref.startsWith("burst-api-") && Integer.parseInt(ref.substring(10)) % 20 == 0;
      Api.Response decided = nodes.get(count % 2).as(APPROVER, APPROVER_PASSWORD).post(
          "/engine-rest/task/" + task.path("id").asText() + "/submit-form",
          "{\"variables\":{\"aprovado\":{\"value\":" + approve + ",\"type\":\"Boolean\"},"
              + "\"comentario\":{\"value\":\"Burst decision\",\"type\":\"String\"}}}");
      if (decided.status() == 204) {
        count++;
      }
    }
    return count;
  }

  private static Map<String, Integer> countBy(String sql) {
    return db.sql(sql).query((row, i) -> Map.entry(String.valueOf(row.getString("k")), row.getInt("n")))
        .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Integer::sum,
            java.util.TreeMap::new));
  }

  private static Api admin(int node) {
    return nodes.get(node).as("admin", ADMIN_PASSWORD);
  }

  private static void createApprover() {
    Api.Response created = admin(0).post("/engine-rest/user/create", "{\"profile\":{\"id\":\"" + APPROVER
        + "\",\"firstName\":\"Bob\",\"lastName\":\"Aprovador\",\"email\":\"bob@zarah.example\"},"
        + "\"credentials\":{\"password\":\"" + APPROVER_PASSWORD + "\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(204);
    Api.Response member = admin(0).put("/engine-rest/group/ms-produto/members/" + APPROVER, "");
    assertThat(member.status()).as(member.body()).isEqualTo(204);
  }

  /** The seed's workflow: {@code echo -n "$TIMESTAMP.$BODY" | openssl dgst -sha256 -hmac "$SECRET"}. */
  private static Map<String, String> signed(String body) {
    try {
      long timestamp = System.currentTimeMillis();
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] signature = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return Map.of("X-Timestamp", Long.toString(timestamp),
          "X-Signature", "sha256=" + HexFormat.of().formatHex(signature));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
