package dev.prometheuspipeline.rollback;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.deploy.DeployEnvironment;
import dev.prometheuspipeline.deploy.ProductDeployment;
import dev.prometheuspipeline.deploy.Rollback;
import dev.prometheuspipeline.deploy.RollbackOutcome;
import dev.prometheuspipeline.release.RollbackEtapa;
import dev.prometheuspipeline.release.TargetDeployment;
import java.util.List;
import java.util.Optional;

/**
 * The core of {@code pipeline.rollback-release}: undoes on one environment what a verified release
 * created there, and says so as that environment's part of the manual rollback's {@code etapas.rollback}.
 */
final class EnvironmentUndo {
  private final Rollback rollback;

  EnvironmentUndo(Rollback rollback) {
    this.rollback = requireNonNull(rollback, "rollback");
  }

  /** What one environment's undo did: the actions, and the etapa that records them with the request. */
  record Result(RollbackOutcome outcome, RollbackEtapa etapa) {}

  /**
   * @param recorded every deployment the release's run recorded, on every environment
   * @throws dev.prometheuspipeline.deploy.TargetException (retryable) when the environment's engine is down
   */
  Result undo(DeployEnvironment environment, List<TargetDeployment> recorded, RollbackEtapa.Pedido pedido) {
    List<TargetDeployment> here = recorded.stream().filter(d -> d.environment().equals(environment.name())).toList();
    RollbackOutcome outcome = rollback.undo(environment.target(), ProductDeployment.createdBy(here));
    RollbackEtapa done = outcome.etapa(environment.name());
    return new Result(outcome, new RollbackEtapa(done.status(), done.ambiente(), done.acoes(), Optional.of(pedido)));
  }
}
