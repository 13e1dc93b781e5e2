package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.run.EnvironmentTurns;
import java.time.Duration;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One release at a time on an environment: while another release holds producao, an approved release waits at its
 * deploy gate (offered again and again, no try spent, no incident), says why, and deploys once producao is given
 * back; its own pass then gives producao back.
 */
class EnvironmentTurnTest extends PipelineApplicationTest {
  @Autowired EnvironmentTurns turns;

  @Test
  void aReleaseWaitsForTheEnvironmentAnotherReleaseHoldsThenDeploys() {
    String holderRef = uniqueRef("holder");
    String holder = startValidar("alice", holderRef, sampleArtifacts(git.head()));
    awaitState(holder, "awaiting_approval");
    String ref = uniqueRef("waits");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));
    awaitState(id, "awaiting_approval");

    // Once no earlier test's release is still deploying there.
    await().atMost(Duration.ofSeconds(120)).until(() -> turns.take("producao", holder).isEmpty());
    try {
      assertThat(decide("bob", approvalTaskId("bob", ref), true, "ok").status()).isEqualTo(204);
      ExternalTask waiting = await().atMost(Duration.ofSeconds(90)).until(() -> gate(ref),
          task -> task != null && task.getErrorMessage() != null);
      assertThat(waiting.getErrorMessage()).startsWith("waiting for environment producao: release " + holderRef
          + " has held it since ");
      // Offered again every retry pause (1 s here): several more offers, and still no try spent and no incident.
      await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(30)).until(() -> true);
      ExternalTask stillWaiting = gate(ref);
      assertThat(stillWaiting.getRetries()).isEqualTo(3);
      assertThat(engine.getRuntimeService().createIncidentQuery()
          .processInstanceId(stillWaiting.getProcessInstanceId()).count()).isZero();
      JsonNode meanwhile = release(id);
      assertThat(meanwhile.path("state").asText()).isEqualTo("running");
      assertThat(meanwhile.path("history")).filteredOn(e -> e.path("kind").asText().equals("waiting-for-environment"))
          .as("said once, not at every offer").singleElement()
          .satisfies(e -> assertThat(e.path("message").asText()).contains("release " + holderRef));
    } finally {
      // Given back even when an assertion above fails: the holder's process waits on, and would block producao for
      // every later test of this application context.
      turns.giveBack("producao", holder);
    }

    assertThat(awaitState(id, "succeeded").path("deployments")).isNotEmpty();
    assertThat(turns.holder("producao").filter(h -> h.runId().equals(id))).as("the release's pass gave producao back")
        .isEmpty();
  }

  /** The release's deploy-gate task, wherever its process stands. */
  private ExternalTask gate(String ref) {
    return engine.getExternalTaskService().createExternalTaskQuery().topicName("pipeline.deploy-gate").list().stream()
        .filter(task -> ref.equals(task.getBusinessKey())).findFirst().orElse(null);
  }
}
