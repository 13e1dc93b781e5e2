package dev.prometheuspipeline.githost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.githost.CommitStatus.State;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.ReleaseState;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each step of a release shows on its commit. */
class CommitStatusesTest {
  private static final Optional<Boolean> NOT_YET = Optional.empty();

  @Test
  void aStartedReleaseShowsValidarRunning() {
    CommitStatuses.Update update = CommitStatuses.of(ReleaseState.RUNNING, "", NOT_YET, NOT_YET);

    assertThat(update.statuses()).containsExactly(new CommitStatus(Modo.VALIDAR, State.RUNNING, "validar running"));
    assertThat(update.uploadSarif()).isFalse();
  }

  @Test
  void waitingForApprovalMeansValidatedAndImplantarPendingWithTheFindings() {
    CommitStatuses.Update update = CommitStatuses.of(ReleaseState.AWAITING_APPROVAL, "waiting for ms-produto",
        Optional.of(true), NOT_YET);

    assertThat(update.statuses()).extracting(CommitStatus::modo, CommitStatus::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Modo.VALIDAR, State.SUCCESS),
            org.assertj.core.groups.Tuple.tuple(Modo.IMPLANTAR, State.PENDING));
    assertThat(update.statuses().get(1).description()).isEqualTo("waiting for ms-produto");
    assertThat(update.uploadSarif()).isTrue();
  }

  @Test
  void aFailureIsValidarsUntilValidarSucceededThenImplantars() {
    assertThat(CommitStatuses.of(ReleaseState.FAILED, "Validation failed", Optional.of(false), NOT_YET).statuses())
        .containsExactly(new CommitStatus(Modo.VALIDAR, State.FAILURE, "Validation failed"));
    assertThat(CommitStatuses.of(ReleaseState.FAILED, "Validation failed", Optional.of(false), NOT_YET).uploadSarif())
        .isTrue();
    assertThat(CommitStatuses.of(ReleaseState.FAILED, "Release rejected by bob: no", Optional.of(true), NOT_YET)
        .statuses()).containsExactly(new CommitStatus(Modo.IMPLANTAR, State.FAILURE, "Release rejected by bob: no"));
  }

  @Test
  void approvalAndDeploymentMoveImplantarOn() {
    assertThat(CommitStatuses.of(ReleaseState.RUNNING, "approved by bob", Optional.of(true), NOT_YET).statuses())
        .containsExactly(new CommitStatus(Modo.IMPLANTAR, State.RUNNING, "approved by bob; deploying"));
    assertThat(CommitStatuses.of(ReleaseState.RUNNING, "rejected by bob", Optional.of(true), NOT_YET).statuses())
        .isEmpty();
    assertThat(CommitStatuses.of(ReleaseState.SUCCEEDED, "", Optional.of(true), Optional.of(true)).statuses())
        .containsExactly(new CommitStatus(Modo.IMPLANTAR, State.SUCCESS, "deployed and verified"));
  }

  @Test
  void descriptionsFitTheHostsLimit() {
    CommitStatus status = new CommitStatus(Modo.VALIDAR, State.FAILURE, "x".repeat(500));

    assertThat(status.description()).hasSize(CommitStatus.MAX_DESCRIPTION);
  }
}
