package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/releases/{id}/approval}: a release approved or rejected without Tasklist, by the
 * authenticated caller, judged by the engine as Tasklist's user would be.
 */
class ApprovalApiTest extends PipelineApplicationTest {

  /** A whole release on a busy machine: generous, never a measure of speed. */
  private static final Duration PATIENCE = Duration.ofMinutes(5);

  @Test
  void anApproverApprovesThroughTheApiAndTheReleaseDeploys() {
    String ref = uniqueRef("api-approved");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));
    awaitState(id, "awaiting_approval", PATIENCE);

    Api.Response requester = as("alice").post(approval(id), "{\"aprovado\": true}");
    Api.Response reader = as("carol").post(approval(id), "{\"aprovado\": true}");
    Api.Response noComment = as("bob").post(approval(id), "{\"aprovado\": false}");
    Api.Response anonymous = anonymous().post(approval(id), "{\"aprovado\": true}");

    assertThat(requester.status()).as(requester.body()).isEqualTo(403);
    assertThat(requester.json().path("detail").asText()).contains("Four-eyes", "alice");
    assertThat(reader.status()).as(reader.body()).isEqualTo(403);
    assertThat(reader.json().path("detail").asText()).contains("carol");
    assertThat(noComment.status()).as(noComment.body()).isEqualTo(400);
    assertThat(noComment.json().path("field").asText()).isEqualTo("comentario");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(approvalTaskId("bob", ref)).as("refusals leave the task open and unclaimed").isNotBlank();
    assertThat(as("bob").get("/engine-rest/task?processInstanceBusinessKey=" + ref).json().get(0).path("assignee")
        .isNull()).isTrue();

    Api.Response approved = as("bob").post(approval(id), "{\"aprovado\": true, \"comentario\": \"Conferido\"}");

    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().path("id").asText()).isEqualTo(id);
    assertThat(approved.json().at("/aprovacao/por").asText()).isEqualTo("bob");
    assertThat(approved.json().at("/aprovacao/comentario").asText()).isEqualTo("Conferido");
    Api.Response again = as("bob").post(approval(id), "{\"aprovado\": true}");
    assertThat(again.status()).as(again.body()).isEqualTo(409);
    JsonNode done = awaitState(id, "succeeded", PATIENCE);
    assertThat(done.at("/aprovacao/aprovado").asBoolean()).isTrue();
  }

  @Test
  void aRejectionWithItsReasonEndsTheRelease() {
    String id = startValidar("alice", uniqueRef("api-rejected"), sampleArtifacts(git.head()));
    awaitState(id, "awaiting_approval", PATIENCE);

    Api.Response rejected = as("bob").post(approval(id), "{\"aprovado\": false, \"comentario\": \"Falta o teste\"}");

    assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
    JsonNode failed = awaitState(id, "failed", PATIENCE);
    assertThat(failed.at("/aprovacao/aprovado").asBoolean()).isFalse();
    assertThat(failed.at("/aprovacao/por").asText()).isEqualTo("bob");
    assertThat(failed.path("state_reason").asText()).contains("Falta o teste");
  }

  @Test
  void unknownReleasesAndMalformedDecisionsAreRefused() {
    assertThat(as("bob").post(approval("no-such-release"), "{\"aprovado\": true}").status()).isEqualTo(404);
    Api.Response notBoolean = as("bob").post(approval("no-such-release"), "{\"aprovado\": \"sim\"}");
    assertThat(notBoolean.status()).isEqualTo(400);
    assertThat(notBoolean.json().path("field").asText()).isEqualTo("aprovado");
    assertThat(as("bob").post(approval("no-such-release"), "not json").status()).isEqualTo(400);
  }

  private static String approval(String id) {
    return "/api/releases/" + id + "/approval";
  }
}
