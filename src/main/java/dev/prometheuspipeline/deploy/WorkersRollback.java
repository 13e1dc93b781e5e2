package dev.prometheuspipeline.deploy;

import dev.prometheuspipeline.release.RollbackEtapa.Acao;
import java.util.List;

/** The workers' part of a rollback: the environment's agent asked for the commit it ran before the release. */
public final class WorkersRollback {
  private WorkersRollback() {}

  /**
   * @param previousCommit what the agent reported before the release's workers deploy; null or "null" when
   *     the release never reached its agent, or the agent had deployed nothing yet
   */
  public static List<Acao> previousCommit(DeployEnvironment environment, String previousCommit, String releaseRef) {
    if (environment.workersHook().isEmpty() || previousCommit == null || previousCommit.equals("null")
        || previousCommit.isBlank()) {
      return List.of();
    }
    WorkersHook hook = environment.workersHook().get();
    try {
      WorkerRollout rollout = new WorkersHookClient(hook.url(), hook.secret(), hook.timeout())
          .deploy(previousCommit, releaseRef + " (rollback)");
      return List.of(new Acao("redeploy-workers", previousCommit, Rollback.DONE, "the worker agent at " + hook.url()
          + " runs " + rollout.commit() + " again"));
    } catch (TargetException e) {
      if (e.isRetryable()) {
        throw e;
      }
      return List.of(new Acao("redeploy-workers", previousCommit, Rollback.FAILED, e.getMessage()));
    }
  }
}
