package dev.prometheuspipeline.githost;

import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.ReleaseState;
import java.util.List;
import java.util.Optional;

/**
 * What a release's state change means on its commit: validar's status until validar concludes, then
 * implantar's (waiting for the approval, deploying, deployed or failed). Whether each modo concluded, and
 * how, comes from the run store at the moment of the change.
 */
public final class CommitStatuses {
  private CommitStatuses() {
  }

  /**
   * The statuses to post.
   *
   * @param validar empty until validar concluded, then whether it succeeded
   * @param implantar likewise for implantar
   */
  public static Update of(ReleaseState state, String reason, Optional<Boolean> validar, Optional<Boolean> implantar) {
    String why = reason == null ? "" : reason;
    return switch (state) {
      case RUNNING -> running(why, validar);
      case AWAITING_APPROVAL -> new Update(List.of(
          new CommitStatus(Modo.VALIDAR, CommitStatus.State.SUCCESS, "validated; the Regra de Ouro passed"),
          new CommitStatus(Modo.IMPLANTAR, CommitStatus.State.PENDING, or(why, "waiting for approval"))), true);
      case SUCCEEDED -> implantar.isPresent()
          ? new Update(List.of(new CommitStatus(Modo.IMPLANTAR, CommitStatus.State.SUCCESS, "deployed and verified")),
              false)
          : new Update(List.of(new CommitStatus(Modo.VALIDAR, CommitStatus.State.SUCCESS, "validated")), true);
      case FAILED -> validar.orElse(false)
          ? new Update(List.of(new CommitStatus(Modo.IMPLANTAR, CommitStatus.State.FAILURE, or(why, "failed"))), false)
          : new Update(List.of(new CommitStatus(Modo.VALIDAR, CommitStatus.State.FAILURE, or(why, "failed"))),
              validar.isPresent());
      case ROLLED_BACK -> new Update(List.of(new CommitStatus(Modo.IMPLANTAR, CommitStatus.State.FAILURE,
          "rolled back" + (why.isBlank() ? "" : ": " + why))), false);
    };
  }

  private static Update running(String reason, Optional<Boolean> validar) {
    if (validar.isEmpty()) {
      return new Update(List.of(new CommitStatus(Modo.VALIDAR, CommitStatus.State.RUNNING, "validar running")), false);
    }
    if (reason.startsWith("rejected")) {
      return new Update(List.of(), false); // the release ends failed right after, in the same transaction
    }
    return new Update(List.of(new CommitStatus(Modo.IMPLANTAR, CommitStatus.State.RUNNING,
        reason.isBlank() ? "implantar running" : reason + "; deploying")), false);
  }

  private static String or(String value, String fallback) {
    return value.isBlank() ? fallback : value;
  }

  /**
   * @param uploadSarif validar concluded now with findings the host may show (GitHub code scanning)
   */
  public record Update(List<CommitStatus> statuses, boolean uploadSarif) {
    public Update {
      statuses = List.copyOf(statuses);
    }
  }
}
