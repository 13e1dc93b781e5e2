package dev.prometheuspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static targetengine.Artifacts.fetched;
import static targetengine.Artifacts.uniqueProduct;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.RollbackEtapa.Acao;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import targetengine.Models;
import targetengine.TargetEngine;
import targetengine.TargetEngineTest;

/** Rolling a release back on a real engine over HTTP: deleted when unused, otherwise superseded and suspended. */
@TargetEngineTest
class RollbackTest {
  @LocalServerPort
  int port;

  private final Deployer deployer = new Deployer(TargetEngine.clients());
  private final Rollback rollback = new Rollback(TargetEngine.clients());
  private CamundaTarget target;
  private TargetEngineClient engine;
  private String product;
  private String key;

  @BeforeEach
  void aProductOfItsOwn() {
    target = TargetEngine.target(port);
    engine = TargetEngine.client(target);
    product = uniqueProduct("Genesis");
    key = product + "_order";
  }

  private List<FetchedArtifact> release(String label) {
    return List.of(fetched(ArtifactType.BPMN, product + "/order.bpmn", Models.bpmn(key, label)));
  }

  private String startedByKeyRuns() {
    JsonNode latest = engine.get("/process-definition/key/{key}", Map.of("key", key), JsonNode.class);
    JsonNode xml = engine.get("/process-definition/{id}/xml", Map.of("id", latest.path("id").asText()), JsonNode.class);
    return xml.path("bpmn20Xml").asText();
  }

  private String startInstance() {
    return engine.post("/process-definition/key/{key}/start", Map.of("key", key), Map.of(), JsonNode.class)
        .path("id").asText();
  }

  @Test
  void aNewVersionNoInstanceUsesIsDeletedAndTheKeyStartsThePreviousOneAgain() {
    deployer.deploy(target, release("Order v1"));
    ProductDeployment bad = deployer.deploy(target, release("Order v2")).products().get(0);
    assertThat(startedByKeyRuns()).contains("Order v2");

    RollbackOutcome outcome = rollback.undo(target, List.of(bad));

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.actions()).extracting(Acao::acao, Acao::alvo)
        .containsExactly(tuple("delete-deployment", bad.deploymentId()));
    assertThat(engine.deployment(bad.deploymentId())).isEmpty();
    assertThat(startedByKeyRuns()).contains("Order v1");
  }

  @Test
  void aVersionInUseStaysButThePreviousContentIsLatestAgainAndTheBadVersionIsSuspended() {
    deployer.deploy(target, release("Order v1"));
    ProductDeployment bad = deployer.deploy(target, release("Order v2")).products().get(0);
    String running = startInstance();

    RollbackOutcome outcome = rollback.undo(target, List.of(bad));

    assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
    assertThat(outcome.actions()).extracting(Acao::acao).containsExactly("redeploy-previous", "suspend-definition");
    assertThat(engine.deployment(bad.deploymentId())).isPresent();
    assertThat(startedByKeyRuns()).contains("Order v1");
    assertThat(engine.get("/process-instance/{id}", Map.of("id", running), JsonNode.class).path("id").asText())
        .isEqualTo(running);
    JsonNode badVersion = engine.get("/process-definition", Map.of("deploymentId", bad.deploymentId()),
        JsonNode.class).get(0);
    assertThat(badVersion.path("suspended").asBoolean()).isTrue();
  }

  @Test
  void aRollbackRunTwiceAfterACrashLeavesTheSameTargetAndCreatesNothingMore() {
    deployer.deploy(target, release("Order v1"));
    ProductDeployment bad = deployer.deploy(target, release("Order v2")).products().get(0);
    startInstance();
    rollback.undo(target, List.of(bad));
    int deployments = engine.deployments(product, Deployer.SOURCE).size();

    RollbackOutcome again = rollback.undo(target, List.of(bad));

    assertThat(again.succeeded()).isTrue();
    assertThat(again.actions()).allSatisfy(a -> assertThat(a.status()).isEqualTo("done"));
    assertThat(engine.deployments(product, Deployer.SOURCE)).hasSize(deployments);
    assertThat(startedByKeyRuns()).contains("Order v1");
  }

  @Test
  void aBrandNewKeyWithInstancesIsOnlySuspendedAndTheRollbackSaysItHadNoEarlierVersion() {
    ProductDeployment bad = deployer.deploy(target, release("Order v1")).products().get(0);
    startInstance();

    RollbackOutcome outcome = rollback.undo(target, List.of(bad));

    assertThat(outcome.actions()).extracting(Acao::acao).containsExactly("redeploy-previous", "suspend-definition");
    assertThat(outcome.actions().get(0).detalhe()).contains("order.bpmn had no earlier version");
    assertThat(outcome.etapa("producao").status().wireName()).isEqualTo("success");
  }

  @Test
  void whatIsLeftNamesTheActionThatFailed() {
    RollbackOutcome outcome = new RollbackOutcome(List.of(new Acao("delete-deployment", "d-1", "done", "deleted"),
        new Acao("suspend-definition", "order:3", "failed", "HTTP 403")));

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.whatIsLeft()).contains("suspend-definition order:3 failed (HTTP 403)")
        .doesNotContain("d-1");
    assertThat(outcome.etapa("producao").status().wireName()).isEqualTo("failed");
  }
}
