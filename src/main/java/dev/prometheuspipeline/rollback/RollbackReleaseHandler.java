package dev.prometheuspipeline.rollback;

import dev.prometheuspipeline.deploy.DeployEnvironment;
import dev.prometheuspipeline.deploy.EnvironmentTurn;
import dev.prometheuspipeline.deploy.Rollback;
import dev.prometheuspipeline.deploy.RollbackOutcome;
import dev.prometheuspipeline.deploy.TargetResolver;
import dev.prometheuspipeline.release.RollbackEtapa;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.run.RunDeployments;
import dev.prometheuspipeline.run.StageResults;
import dev.prometheuspipeline.stage.StageFailures;
import dev.prometheuspipeline.stage.StageHandler;
import dev.prometheuspipeline.stage.StageOutcome;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.rollback-release}: undoes, on one environment, what an approved manual rollback's release
 * deployed there (the workers back at the commit its worker agent ran before), and adds it to
 * {@code etapas.rollback} with who asked, why and who approved. It takes the environment's turn first, waiting
 * while a release deploys there. A rollback that cannot finish is thrown: retried, then an incident whose message
 * says what is left on the target.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.ROLLBACK_RELEASE,
    variableNames = {"runId", "ambiente", "releaseRef", "requestedBy", "rollbackReason", "aprovadoPor"})
class RollbackReleaseHandler extends StageHandler {
  private final EnvironmentTurn turn;
  private final EnvironmentUndo undo;
  private final TargetResolver environments;
  private final RunDeployments deployments;
  private final StageResults stages;

  RollbackReleaseHandler(EnvironmentTurn turn, Rollback rollback, TargetResolver environments,
      RunDeployments deployments, StageResults stages, StageFailures failures) {
    super(failures);
    this.turn = turn;
    this.undo = new EnvironmentUndo(rollback);
    this.environments = environments;
    this.deployments = deployments;
    this.stages = stages;
  }

  @Override
  protected StageOutcome run(ExternalTask task, String runId) {
    DeployEnvironment environment = environments.require(task.getVariable("ambiente"));
    turn.take(runId, environment.name(), task.getErrorMessage());
    RollbackEtapa.Pedido pedido = new RollbackEtapa.Pedido(task.getProcessInstanceId(),
        task.getVariable("requestedBy"), task.getVariable("rollbackReason"), task.getVariable("aprovadoPor"));
    EnvironmentUndo.Result result = undo.undo(environment, deployments.deployments(runId),
        deployments.workersBefore(runId, environment.name()).flatMap(c -> c), task.getVariable("releaseRef"), pedido);
    stages.saveAfter(runId, Stage.ROLLBACK, result.etapa(), RollbackEtapa::alongside);
    RollbackOutcome outcome = result.outcome();
    if (!outcome.succeeded()) {
      throw new IllegalStateException(outcome.whatIsLeft());
    }
    return StageOutcome.completed(StageStatus.SUCCESS, Map.of("rollbackActions", outcome.actions().size()))
        .with("ambiente", environment.name()).with("actions", outcome.actions().size());
  }
}
