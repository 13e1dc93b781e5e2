package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/releases/{id}/rollback}: who may call it, what it refuses, and a rollback approved by a
 * third member of ms-produto undoing the release on this application's own engine, its target.
 */
class RollbackApiTest extends PipelineApplicationTest {
  private static final String ROLLBACK = "{\"motivo\":\"pedidos stuck since this release\"}";

  /** erin approves rollbacks that alice (the release's author) and bob (who asks) cannot. */
  @BeforeEach
  void erin() {
    ensureUser(engine.getIdentityService(), "erin", "ms-produto");
  }

  @Test
  void askingForARollbackNeedsAuthentication() {
    assertThat(anonymous().post("/api/releases/any/rollback", ROLLBACK).status()).isEqualTo(401);
  }

  @Test
  void anUnknownReleaseIsNotFound() {
    assertThat(as("bob").post("/api/releases/" + UUID.randomUUID() + "/rollback", ROLLBACK).status())
        .isEqualTo(404);
  }

  @Test
  void aReleaseNotYetDeployedCannotBeRolledBackAndTheMotivoIsRequired() {
    String id = startValidar("alice", uniqueRef("not-deployed"), sampleArtifacts(git.head()));
    awaitState(id, "awaiting_approval");

    Api.Response withoutMotivo = as("bob").post("/api/releases/" + id + "/rollback", "{}");
    Api.Response refused = as("bob").post("/api/releases/" + id + "/rollback", ROLLBACK);

    assertThat(withoutMotivo.status()).as(withoutMotivo.body()).isEqualTo(400);
    assertThat(withoutMotivo.json().path("field").asText()).isEqualTo("motivo");
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.json().path("detail").asText()).contains("cannot be rolled back")
        .contains("implantar ended verified").contains("awaiting_approval");
    assertThat(release(id).path("rollback").isNull()).isTrue();
  }

  @Test
  void anApprovedRollbackUndoesTheReleaseAndTheReleaseSaysSo() {
    String ref = uniqueRef("rollback");
    String id = deployedWithANewForm(ref);
    String deploymentId = release(id).at("/deployments/0/deployment_id").asText();

    Api.Response started = as("bob").post("/api/releases/" + id + "/rollback", ROLLBACK);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(started.header("Location")).isEqualTo("/api/releases/" + id);
    String rollbackId = started.json().at("/rollback/id").asText();
    assertThat(started.json().at("/rollback/state").asText()).isEqualTo("awaiting_approval");
    assertThat(started.json().at("/rollback/requested_by").asText()).isEqualTo("bob");

    Api.Response again = as("carol").post("/api/releases/" + id + "/rollback", ROLLBACK);
    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.json().path("detail").asText()).contains(rollbackId).contains("awaiting_approval");

    String task = rollbackTaskId(ref);
    assertThat(decide("bob", task, true, null).status()).isEqualTo(403);
    assertThat(decide("alice", task, true, null).status()).isEqualTo(403);
    assertThat(decide("erin", task, true, "Confirmed with the on-call").status()).isEqualTo(204);

    JsonNode rolledBack = awaitState(id, "rolled_back");
    assertThat(rolledBack.path("state_reason").asText()).contains(rollbackId).contains("bob").contains("erin");
    assertThat(rolledBack.at("/rollback/state").asText()).isEqualTo("rolled_back");
    JsonNode etapa = rolledBack.at("/implantar/etapas/rollback");
    assertThat(etapa.path("status").asText()).isEqualTo("success");
    assertThat(etapa.at("/pedido/rollback").asText()).isEqualTo(rollbackId);
    assertThat(etapa.at("/pedido/por").asText()).isEqualTo("bob");
    assertThat(etapa.at("/pedido/aprovado_por").asText()).isEqualTo("erin");
    assertThat(etapa.path("acoes")).anySatisfy(acao -> {
      assertThat(acao.path("acao").asText()).isEqualTo("delete-deployment");
      assertThat(acao.path("alvo").asText()).isEqualTo(deploymentId);
    });
    assertThat(as(ADMIN).get("/engine-rest/deployment/" + deploymentId).status()).isEqualTo(404);
    assertThat(rolledBack.path("history")).extracting(e -> e.path("kind").asText())
        .contains("rollback-requested", "rollback-approved", "rollback-rolled-back");

    Api.Response afterwards = as("bob").post("/api/releases/" + id + "/rollback", ROLLBACK);
    assertThat(afterwards.status()).isEqualTo(409);
    assertThat(afterwards.json().path("detail").asText()).contains("already rolled back");
  }

  @Test
  void aRejectedRollbackLeavesTheReleaseDeployed() {
    String ref = uniqueRef("rejected");
    String id = deployedWithANewForm(ref);
    assertThat(as("bob").post("/api/releases/" + id + "/rollback", ROLLBACK).status()).isEqualTo(202);

    assertThat(decide("erin", rollbackTaskId(ref), false, "Not the cause").status()).isEqualTo(204);

    JsonNode release = release(id);
    assertThat(release.path("state").asText()).isEqualTo("succeeded");
    assertThat(release.at("/rollback/state").asText()).isEqualTo("rejected");
    assertThat(release.at("/rollback/state_reason").asText()).contains("erin").contains("Not the cause");
    assertThat(release.at("/implantar/etapas/rollback").isMissingNode()).isTrue();
  }

  private String rollbackTaskId(String ref) {
    Api.Response tasks = as("erin").get("/engine-rest/task?processInstanceBusinessKey=" + ref
        + "&taskDefinitionKey=Task_ApproveRollback");
    assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
    assertThat(tasks.json()).as("rollback approval visible to erin").hasSize(1);
    return tasks.json().get(0).path("id").asText();
  }
}
