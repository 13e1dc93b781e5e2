package dev.prometheuspipeline.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static targetengine.Artifacts.fetched;
import static targetengine.Artifacts.uniqueProduct;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.deploy.CamundaTarget;
import dev.prometheuspipeline.deploy.DeployEnvironment;
import dev.prometheuspipeline.deploy.Deployer;
import dev.prometheuspipeline.deploy.ProductDeployment;
import dev.prometheuspipeline.deploy.Rollback;
import dev.prometheuspipeline.deploy.TargetEngineClient;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.RollbackEtapa;
import dev.prometheuspipeline.release.RollbackEtapa.Acao;
import dev.prometheuspipeline.release.TargetDeployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import targetengine.Models;
import targetengine.TargetEngine;
import targetengine.TargetEngineTest;

/**
 * A manual rollback on a real engine over HTTP, as {@code pipeline.rollback-release} runs it: a release
 * verified on homologacao and producao (one product each on this one engine, as two engines would hold
 * them) is undone in {@link RollbackOrder}'s order, and each key starts its previous version again.
 */
@TargetEngineTest
class ManualRollbackOnTargetTest {
  private static final RollbackEtapa.Pedido PEDIDO =
      new RollbackEtapa.Pedido("rollback-1", "bob", "pedidos stuck", "erin");

  @LocalServerPort
  int port;

  private final Deployer deployer = new Deployer(TargetEngine.clients());
  private final EnvironmentUndo undo = new EnvironmentUndo(new Rollback(TargetEngine.clients()));
  private CamundaTarget target;
  private TargetEngineClient engine;
  private final List<TargetDeployment> recorded = new ArrayList<>();
  private Instant clock = Instant.parse("2026-12-01T10:00:00Z");

  @BeforeEach
  void theTarget() {
    target = TargetEngine.target(port);
    engine = TargetEngine.client(target);
  }

  /** Deploys v1 before the release, then the release's v2, recorded as the run records it. */
  private String verifiedOn(String environment) {
    String product = uniqueProduct("Genesis");
    String key = product + "_order";
    deployer.deploy(target, release(product, key, "Order v1"));
    ProductDeployment v2 = deployer.deploy(target, release(product, key, "Order v2")).products().get(0);
    clock = clock.plusSeconds(60);
    recorded.add(new TargetDeployment(environment, product, v2.deploymentId(), v2.deploymentName(), v2.created(),
        target.restUrl().toString(), clock));
    assertThat(startedByKey(key)).contains("Order v2");
    return key;
  }

  private static List<FetchedArtifact> release(String product, String key, String label) {
    return List.of(fetched(ArtifactType.BPMN, product + "/order.bpmn", Models.bpmn(key, label)));
  }

  private String startedByKey(String key) {
    JsonNode latest = engine.get("/process-definition/key/{key}", Map.of("key", key), JsonNode.class);
    return engine.get("/process-definition/{id}/xml", Map.of("id", latest.path("id").asText()), JsonNode.class)
        .path("bpmn20Xml").asText();
  }

  private RollbackEtapa rollBackEveryEnvironment() {
    RollbackEtapa etapa = null;
    for (String environment : RollbackOrder.reversed(recorded)) {
      EnvironmentUndo.Result result = undo.undo(new DeployEnvironment(environment, target, Optional.empty()),
          recorded, PEDIDO);
      assertThat(result.outcome().succeeded()).as(result.outcome().toString()).isTrue();
      etapa = etapa == null ? result.etapa() : etapa.alongside(result.etapa());
    }
    return etapa;
  }

  @Test
  void theKeysStartTheirPreviousVersionAgainOnEveryEnvironmentTheLastDeployedUndoneFirst() {
    String homologacao = verifiedOn("homologacao");
    String producao = verifiedOn("producao");

    RollbackEtapa etapa = rollBackEveryEnvironment();

    assertThat(startedByKey(producao)).contains("Order v1").doesNotContain("Order v2");
    assertThat(startedByKey(homologacao)).contains("Order v1").doesNotContain("Order v2");
    assertThat(etapa.ambiente()).isEqualTo("producao, homologacao");
    assertThat(etapa.acoes()).extracting(Acao::alvo)
        .containsExactly(recorded.get(1).deploymentId(), recorded.get(0).deploymentId());
    assertThat(etapa.pedido()).contains(PEDIDO);
    assertThat(etapa.status().wireName()).isEqualTo("success");
  }

  @Test
  void aVersionThatInstancesUseStaysSuspendedWhileThePreviousOneIsLatestAgain() {
    String producao = verifiedOn("producao");
    String running = engine.post("/process-definition/key/{key}/start", Map.of("key", producao), Map.of(),
        JsonNode.class).path("id").asText();

    RollbackEtapa etapa = rollBackEveryEnvironment();

    assertThat(startedByKey(producao)).contains("Order v1");
    assertThat(etapa.acoes()).extracting(Acao::acao).containsExactly("redeploy-previous", "suspend-definition");
    assertThat(engine.get("/process-instance/{id}", Map.of("id", running), JsonNode.class).path("id").asText())
        .isEqualTo(running);
  }
}
