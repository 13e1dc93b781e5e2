package dev.prometheuspipeline.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.Api;
import dev.prometheuspipeline.GitFixture;
import dev.prometheuspipeline.crash.HoldingProxy.Phase;
import dev.prometheuspipeline.deploy.Deployer;
import dev.prometheuspipeline.deploy.TargetEngineClient;
import dev.prometheuspipeline.release.ArtifactType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import targetengine.Artifacts;
import targetengine.TargetEngine;
import targetengine.TargetEngineTest;

/**
 * SIGKILL the pipeline at a chosen moment of {@code implantar} and start it again on the same PostgreSQL:
 * the release ends as it would have without the kill, with one deployment per product on the target and
 * no rollback lost. The pipeline runs in a process of its own ({@link EngineProcess}); the target engine
 * is the test's {@code TargetEngineApplication}, reached through a {@link HoldingProxy} that holds the
 * request at which the pipeline is killed. One pipeline process serves every test, killed and started
 * again once per test.
 */
@TargetEngineTest
class CrashSafetyTest {
  private static final String ADMIN_PASSWORD = "admin-password-for-crash-tests";
  private static final String APPROVER_PASSWORD = "approver-password-for-crash-tests";
  private static final String REST = "/engine-rest/engine/" + TargetEngine.ENGINE;
  private static final Duration RELEASE_TIMEOUT = Duration.ofMinutes(3);
  private static final String SMOKE_FILE = "tests/Genesis/smoke/pedido.json";
  /** Run on the target after each deploy: an order checked there, through the real user task and decision. */
  private static final String SMOKE_PEDIDO = """
      { "testCases": [ { "name": "A large order is checked on the target and gets its discount", "instructions": [
        { "type": "CREATE_PROCESS_INSTANCE", "processDefinitionSelector": { "processDefinitionId": "pedido" } },
        { "type": "COMPLETE_USER_TASK", "userTaskSelector": { "elementId": "Task_ConferirPedido" },
          "variables": { "valor": 1500.0, "conferido": true } },
        { "type": "ASSERT_PROCESS_INSTANCE", "processInstanceSelector": { "processDefinitionId": "pedido" },
          "state": "IS_COMPLETED" } ] } ] }
      """;

  private static EmbeddedPostgres postgres;
  private static GitFixture git;
  private static HoldingProxy proxy;
  private static EngineProcess pipeline;

  @LocalServerPort
  int targetPort;

  private TargetEngineClient target;

  @BeforeEach
  void onePipelineForEveryTest() throws IOException {
    target = TargetEngine.client(TargetEngine.target(targetPort));
    if (pipeline != null) {
      proxy.corrupt(request -> false);
      proxy.down(false);
      return;
    }
    postgres = EmbeddedPostgres.builder().start();
    git = GitFixture.withSampleProducts();
    proxy = new HoldingProxy(TargetEngine.restUrl(targetPort).resolve("/"));
    Map<String, String> properties = CrashPipeline.properties(postgres, git, proxy.url() + REST, ADMIN_PASSWORD);
    pipeline = EngineProcess.start("pipeline", properties);
    CrashPipeline.createApprover(admin(), APPROVER_PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    CrashPipeline.closeInOrder(pipeline, proxy, postgres);
  }

  @Test
  void killedWhileTheDeployIsOnItsWayTheReleaseDeploysOnceAfterTheRestart() throws Exception {
    releaseSurvivesAKillAt(request -> request.equals("POST " + REST + "/deployment/create"),
        Phase.BEFORE_THE_ENGINE);
  }

  @Test
  void killedAfterTheEngineDeployedTheRestartedReleaseRecognisesItsDeployment() throws Exception {
    releaseSurvivesAKillAt(request -> request.equals("POST " + REST + "/deployment/create"),
        Phase.AFTER_THE_ENGINE);
  }

  @Test
  void killedWhileVerifyingTheRestartedReleaseVerifiesAndSucceeds() throws Exception {
    releaseSurvivesAKillAt(request -> request.startsWith("GET " + REST + "/deployment/")
        && request.endsWith("/data"), Phase.AFTER_THE_ENGINE);
  }

  @Test
  void killedDuringASmokeRunTheRestartedReleaseRunsItAgainAndLeavesNoSmokeInstanceOnTheTarget() throws Exception {
    // From here on every release here has it (the commits pile up); it passes on each.
    git.commit("A smoke file for pedido", Map.of(SMOKE_FILE, SMOKE_PEDIDO));

    String ref = releaseSurvivesAKillAt(
        request -> request.equals("POST " + REST + "/process-definition/key/pedido/start"), Phase.AFTER_THE_ENGINE)
        .path("release_ref").asText();

    JsonNode left = target.get("/process-instance", Map.of("businessKeyLike", "smoke:" + ref + ":%"), JsonNode.class);
    assertThat(left).as("smoke instances left on the target").isEmpty();
  }

  @Test
  void killedDuringTheRollbackTheRestartedReleaseFinishesItAndThePreviousVersionsAreLatestAgain()
      throws Exception {
    BadRelease bad = badRelease("bad");
    // The pipeline dies when the engine has deleted the first deployment and before it heard so.
    proxy.holdFirst(request -> request.startsWith("DELETE " + REST + "/deployment/"), Phase.AFTER_THE_ENGINE);
    approve(bad.id(), bad.label());
    killWhenHeldAndRestart();

    JsonNode failed = awaitState(bad.id(), "failed");

    JsonNode implantar = failed.path("implantar");
    assertThat(implantar.path("status").asText()).isEqualTo("falha");
    assertThat(implantar.at("/etapas/verify/status").asText()).isEqualTo("failed");
    assertThat(implantar.at("/etapas/rollback/status").asText()).as(implantar.toPrettyString())
        .isEqualTo("success");
    List<String> deployed = CrashPipeline.createdDeploymentIds(failed);
    assertThat(deployed).as("one deployment per product").hasSize(CrashPipeline.PRODUCTS.size());
    assertThat(implantar.at("/etapas/rollback/acoes")).extracting(a -> a.path("alvo").asText())
        .containsExactlyInAnyOrderElementsOf(deployed);
    assertThat(implantar.at("/etapas/rollback/acoes"))
        .allSatisfy(a -> assertThat(a.path("status").asText()).as(a.toString()).isEqualTo("done"));
    deployed.forEach(deployment -> assertThat(target.deployment(deployment)).as(deployment).isEmpty());
    assertThat(pipelineDeployments()).isEqualTo(bad.before());
    assertRolledBack(failed, bad);
    assertNoStageFailed(bad.label());
  }

  @Test
  void killedWhileTheRollbackDeploysThePreviousVersionAgainItIsDeployedOnceAndTheBadVersionSuspended()
      throws Exception {
    BadRelease bad = badRelease("in-use");
    // Held before the engine reads anything for verification: someone starts the new version meanwhile.
    proxy.holdFirst(request -> request.startsWith("GET " + REST + "/deployment/") && request.endsWith("/data"),
        Phase.BEFORE_THE_ENGINE);
    approve(bad.id(), bad.label());
    assertThat(proxy.awaitHeld(RELEASE_TIMEOUT)).as(() -> "verification not held; " + pipeline.tail()).isTrue();
    assertThat(latestXml("pedido")).contains("Pedido " + bad.label());
    String running = target.post("/process-definition/key/{key}/start", Map.of("key", "pedido"), Map.of(),
        JsonNode.class).path("id").asText();
    // The held read fails (a dropped connection: tried again); verification then fails, and the rollback
    // cannot delete a deployment in use, so it deploys the previous pedido again: killed once the engine has.
    proxy.releaseAndHoldFirst(request -> request.equals("POST " + REST + "/deployment/create"),
        Phase.AFTER_THE_ENGINE);
    killWhenHeldAndRestart();

    JsonNode failed = awaitState(bad.id(), "failed");

    JsonNode rollback = failed.at("/implantar/etapas/rollback");
    assertThat(rollback.path("status").asText()).as(rollback.toPrettyString()).isEqualTo("success");
    assertThat(rollback.path("acoes")).extracting(a -> a.path("acao").asText())
        .contains("redeploy-previous", "suspend-definition", "delete-deployment");
    Map<String, List<String>> after = pipelineDeployments();
    assertThat(after.get("Prometheus")).as("the unused deployment deleted")
        .isEqualTo(bad.before().get("Prometheus"));
    List<String> genesis = new ArrayList<>(after.get("Genesis"));
    genesis.removeAll(bad.before().get("Genesis"));
    assertThat(genesis).as("the release's deployment, in use, and the previous pedido deployed again once")
        .hasSize(2);
    assertRolledBack(failed, bad);
    JsonNode badVersion = target.get("/process-instance/{id}", Map.of("id", running), JsonNode.class);
    JsonNode badDefinition = target.get("/process-definition/{id}",
        Map.of("id", badVersion.path("definitionId").asText()), JsonNode.class);
    assertThat(badDefinition.path("suspended").asBoolean()).as("nothing new starts on the bad version").isTrue();
    assertThat(badVersion.path("suspended").asBoolean()).as("the running instance goes on").isFalse();
  }

  @Test
  void aTargetThatIsDownIsTriedAgainThenRaisesAnIncidentAndRetryingItContinuesTheRelease() throws Exception {
    String label = label("down");
    String id = releaseAwaitingApproval(label);
    Map<String, List<String>> before = pipelineDeployments();
    int seenBefore = proxy.seen().size();
    proxy.down(true);
    try {
      approve(id, label);

      String instance = await().atMost(RELEASE_TIMEOUT).pollInterval(Duration.ofMillis(500))
          .until(() -> release(id).path("incidents"), incidents -> incidents.size() == 1)
          .get(0).path("process_instance_id").asText();
      assertThat(release(id).path("state").asText()).isEqualTo("running");
      // What Cockpit shows of it.
      JsonNode incident = admin().get("/engine-rest/incident?processInstanceId=" + instance).json().get(0);
      assertThat(incident.path("activityId").asText()).isEqualTo("Task_DeployArtifacts");
      assertThat(incident.path("incidentType").asText()).isEqualTo("failedExternalTask");
      assertThat(incident.path("incidentMessage").asText()).contains("503");
      List<String> tries = proxy.seen().subList(seenBefore, proxy.seen().size());
      assertThat(tries).as("each of the three tries reached the target").hasSize(3);
    } finally {
      proxy.down(false);
    }
    String instance = release(id).path("incidents").get(0).path("process_instance_id").asText();
    JsonNode task = admin().get("/engine-rest/external-task?activityId=Task_DeployArtifacts&processInstanceId="
        + instance).json().get(0);
    assertThat(admin().get("/engine-rest/external-task/" + task.path("id").asText() + "/errorDetails").body())
        .contains("TargetException");
    assertThat(task.path("retries").asInt()).isZero();

    // What Cockpit's "Retry" does.
    Api.Response retried = admin().put("/engine-rest/external-task/" + task.path("id").asText() + "/retries",
        "{\"retries\":1}");
    assertThat(retried.status()).as(retried.body()).isEqualTo(204);

    JsonNode done = awaitState(id, "succeeded");
    assertDeployedOnceAndVerified(done, before, label);
  }

  /**
   * A version of pedido and triagem deployed without the pipeline, then a release of new versions waiting
   * for its approval, whose verification will fail: the proxy corrupts the files the target sends it, so
   * the checksums differ and the environment is rolled back.
   */
  private BadRelease badRelease(String prefix) {
    String previous = label("previous");
    deployDirectly(previous);
    Map<String, List<String>> before = pipelineDeployments();
    String label = label(prefix);
    String id = releaseAwaitingApproval(label);
    // Only verification's reads: the rollback reads the previous files to deploy them again, and those must
    // arrive intact. Counting instances is the rollback's first question, which verification never asks.
    AtomicBoolean rollingBack = new AtomicBoolean();
    proxy.corrupt(request -> {
      if (request.endsWith("/process-instance/count")) {
        rollingBack.set(true);
      }
      return !rollingBack.get() && request.endsWith("/data");
    });
    return new BadRelease(id, label, previous, before);
  }

  private record BadRelease(String id, String label, String previous, Map<String, List<String>> before) {}

  /** The release failed once, and starting either process by key runs the version before it again. */
  private void assertRolledBack(JsonNode failed, BadRelease bad) {
    assertThat(latestXml("pedido")).contains("Pedido " + bad.previous());
    assertThat(latestXml("triagem")).contains("Triagem " + bad.previous());
    assertThat(CrashPipeline.historyKinds(failed)).containsOnlyOnce("failed").doesNotContain("succeeded");
  }

  private JsonNode releaseSurvivesAKillAt(Predicate<String> request, Phase phase) throws Exception {
    String label = label("crash");
    String id = releaseAwaitingApproval(label);
    Map<String, List<String>> before = pipelineDeployments();
    proxy.holdFirst(request, phase);
    approve(id, label);
    killWhenHeldAndRestart();

    JsonNode done = awaitState(id, "succeeded");

    assertDeployedOnceAndVerified(done, before, label);
    assertNoStageFailed(label);
    return done;
  }

  private void killWhenHeldAndRestart() throws InterruptedException {
    assertThat(proxy.awaitHeld(RELEASE_TIMEOUT)).as(() -> "no request held; " + pipeline.tail()).isTrue();
    pipeline.kill();
    proxy.releaseAll();
    pipeline.restart();
  }

  private void assertDeployedOnceAndVerified(JsonNode done, Map<String, List<String>> before, String label) {
    JsonNode implantar = done.path("implantar");
    assertThat(implantar.path("status").asText()).as(implantar.toPrettyString()).isEqualTo("sucesso");
    assertThat(implantar.at("/etapas/deploy/status").asText()).isEqualTo("success");
    assertThat(implantar.at("/etapas/verify/status").asText()).isEqualTo("success");
    // Without smoke files (before the smoke test committed one) that check is skipped, saying so.
    assertThat(implantar.at("/etapas/verify/checks")).allSatisfy(c -> assertThat(c.path("status").asText())
        .as(c.toString()).isEqualTo(c.path("name").asText().equals("smoke:*") ? "skipped" : "passed"));
    Map<String, List<String>> after = pipelineDeployments();
    List<String> made = new ArrayList<>();
    for (String product : CrashPipeline.PRODUCTS) {
      List<String> mine = new ArrayList<>(after.get(product));
      mine.removeAll(before.get(product));
      assertThat(mine).as("new deployments of " + product + " on the target").hasSize(1);
      made.addAll(mine);
    }
    assertThat(CrashPipeline.createdDeploymentIds(done)).containsExactlyInAnyOrderElementsOf(made);
    assertThat(latestXml("pedido")).contains("Pedido " + label);
    assertThat(latestXml("triagem")).contains("Triagem " + label);
    assertThat(CrashPipeline.historyKinds(done)).containsOnlyOnce("succeeded", "implantar-sucesso").doesNotContain("failed");
  }

  /** The kill is not a failure: no stage of implantar reported one, so none spent a retry. */
  private static void assertNoStageFailed(String label) {
    JsonNode implantar = admin().get("/engine-rest/history/process-instance?processDefinitionKey=implantar"
        + "&processInstanceBusinessKey=" + ref(label)).json();
    assertThat(implantar).hasSize(1);
    JsonNode failures = admin().get("/engine-rest/history/external-task-log?failureLog=true&processInstanceId="
        + implantar.get(0).path("id").asText()).json();
    assertThat(failures).as(failures::toPrettyString).isEmpty();
  }

  // --- the release, driven as people drive it: a commit, the REST API, the approval in Tasklist

  private String releaseAwaitingApproval(String label) {
    String sha = git.commit("Release " + label, Map.of(
        "Genesis/bpmn/pedido.bpmn", CrashPipeline.pedido(label),
        "Prometheus/bpmn/triagem.bpmn", CrashPipeline.triagem(label)));
    Api.Response started = admin().post("/api/releases", CrashPipeline.releaseRequest(ref(label), sha));
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String id = started.json().path("id").asText();
    awaitState(id, "awaiting_approval");
    return id;
  }

  private void approve(String id, String label) {
    Api bob = pipeline.as(CrashPipeline.APPROVER, APPROVER_PASSWORD);
    JsonNode tasks = bob.get("/engine-rest/task?processInstanceBusinessKey=" + ref(label)
        + "&taskDefinitionKey=Task_ApproveRelease").json();
    assertThat(tasks).as("approval task of " + id).hasSize(1);
    Api.Response approved = CrashPipeline.decide(bob, tasks.get(0).path("id").asText(), true, "Conferido");
    assertThat(approved.status()).as(approved.body()).isEqualTo(204);
  }

  private JsonNode awaitState(String id, String state) {
    await().atMost(RELEASE_TIMEOUT).pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(release(id).path("state").asText())
            .as(() -> release(id).toPrettyString() + "\n" + pipeline.tail()).isEqualTo(state));
    return release(id);
  }

  private static JsonNode release(String id) {
    return CrashPipeline.release(admin(), id);
  }

  private static Api admin() {
    return pipeline.as("admin", ADMIN_PASSWORD);
  }

  // --- what the target holds, asked directly, not through the proxy

  private Map<String, List<String>> pipelineDeployments() {
    return CrashPipeline.pipelineDeployments(target);
  }

  /** A release's processes as the pipeline deploys them, without the pipeline: the version to roll back to. */
  private void deployDirectly(String label) {
    new Deployer(TargetEngine.clients()).deploy(TargetEngine.target(targetPort), List.of(
        Artifacts.fetched(ArtifactType.BPMN, "Genesis/bpmn/pedido.bpmn", CrashPipeline.pedido(label)),
        Artifacts.fetched(ArtifactType.BPMN, "Prometheus/bpmn/triagem.bpmn", CrashPipeline.triagem(label))));
  }

  /** The BPMN that starting {@code key} runs: the latest version by key. */
  private String latestXml(String key) {
    JsonNode latest = target.get("/process-definition/key/{key}", Map.of("key", key), JsonNode.class);
    return target.get("/process-definition/{id}/xml", Map.of("id", latest.path("id").asText()), JsonNode.class)
        .path("bpmn20Xml").asText();
  }

  private static String label(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String ref(String label) {
    return "r-" + label;
  }
}
