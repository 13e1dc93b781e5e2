package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bar of a release pipeline: a new version that fails its smoke run on the target (a service task
 * whose topic no worker there serves) ends {@code falha}, rolled back, and the target starts the previous
 * version by key again. On this application's own engine, where nothing serves {@code classificar-chamado}.
 */
class SmokeRollbackReleaseTest extends PipelineApplicationTest {
  private static final String SMOKE = """
      {
        "testCases": [
          {
            "name": "A ticket opened on the target is classified by the real worker",
            "instructions": [
              { "type": "CREATE_PROCESS_INSTANCE", "processDefinitionSelector": { "processDefinitionId": "triagem" },
                "variables": { "titulo": "Impressora parada" } },
              { "type": "ASSERT_PROCESS_INSTANCE", "processInstanceSelector": { "processDefinitionId": "triagem" },
                "state": "IS_COMPLETED" }
            ]
          }
        ]
      }
      """;

  @Test
  void aVersionThatFailsItsSmokeRunIsRolledBackAndThePreviousOneIsStartedByKeyAgain() {
    runToSuccess(uniqueRef("good"), git.head());
    JsonNode good = as(ADMIN).get("/engine-rest/process-definition/key/triagem").json();

    String sha = git.commit("Triagem v2, with a smoke run on the target", Map.of(
        "Prometheus/bpmn/triagem.bpmn", GitFixture.resource("fixtures/Prometheus/bpmn/triagem.bpmn")
            .replace("name=\"Triagem\"", "name=\"Triagem v2\""),
        "tests/Prometheus/smoke/triagem.json", SMOKE));
    String ref = uniqueRef("bad");
    String id = startValidar("alice", ref, sampleArtifacts(sha));
    JsonNode validated = awaitState(id, "awaiting_approval");
    assertThat(validated.at("/validar/etapas/test/passou").asInt())
        .as("the smoke file is not run in the sandbox: the same five tests as before").isEqualTo(5);
    assertThat(decide("bob", approvalTaskId("bob", ref), true, "ok").status()).isEqualTo(204);

    JsonNode failed = awaitState(id, "failed");

    JsonNode implantar = failed.path("implantar");
    assertThat(implantar.path("status").asText()).as(implantar.toPrettyString()).isEqualTo("falha");
    JsonNode smoke = checkNamed(implantar, "smoke:tests/Prometheus/smoke/triagem.json");
    assertThat(smoke.path("status").asText()).isEqualTo("failed");
    assertThat(smoke.path("detail").asText()).contains("to be completed within PT20S", "Task_Classificar", "classificar-chamado", "which no worker has locked");
    assertThat(checkNamed(implantar, "incident-watch").path("status").asText()).isEqualTo("skipped");
    JsonNode rollback = implantar.at("/etapas/rollback");
    assertThat(rollback.path("status").asText()).as(rollback.toPrettyString()).isEqualTo("success");
    assertThat(rollback.path("acoes")).isNotEmpty()
        .allSatisfy(a -> assertThat(a.path("status").asText()).as(a.toString()).isEqualTo("done"));

    JsonNode startedByKey = as(ADMIN).get("/engine-rest/process-definition/key/triagem").json();
    assertThat(startedByKey.path("id").asText()).as("the target starts the previous version again")
        .isEqualTo(good.path("id").asText());
    assertThat(as(ADMIN).get("/engine-rest/process-instance?businessKey=smoke:" + ref + ":1").json())
        .as("the smoke instance was deleted").isEmpty();
  }

  private static JsonNode checkNamed(JsonNode implantar, String name) {
    for (JsonNode check : implantar.at("/etapas/verify/checks")) {
      if (check.path("name").asText().equals(name)) {
        return check;
      }
    }
    throw new AssertionError("no check " + name + " in " + implantar.at("/etapas/verify/checks"));
  }

  private JsonNode runToSuccess(String ref, String sha) {
    String id = startValidar("alice", ref, sampleArtifacts(sha));
    awaitState(id, "awaiting_approval");
    assertThat(decide("bob", approvalTaskId("bob", ref), true, "ok").status()).isEqualTo(204);
    return awaitState(id, "succeeded");
  }
}
