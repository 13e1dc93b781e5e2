package dev.prometheuspipeline.deploy;

import dev.prometheuspipeline.release.RollbackEtapa;
import dev.prometheuspipeline.release.RollbackEtapa.Acao;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.run.RunDeployments;
import dev.prometheuspipeline.run.StageResults;
import dev.prometheuspipeline.stage.StageFailures;
import dev.prometheuspipeline.stage.StageHandler;
import dev.prometheuspipeline.stage.StageOutcome;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.rollback}: undoes what the release deployed on the environment whose deploy, workers or
 * verification failed, and asks its worker agent for the workers commit it ran before. A rollback that
 * cannot finish is thrown: retried, then an incident whose message says what is left on the target.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.ROLLBACK,
    variableNames = {"runId", "ambiente", "releaseRef", "previousWorkersCommit"})
class RollbackHandler extends StageHandler {
  private final Rollback rollback;
  private final TargetResolver environments;
  private final RunDeployments deployments;
  private final StageResults stages;

  RollbackHandler(Rollback rollback, TargetResolver environments, RunDeployments deployments, StageResults stages,
      StageFailures failures) {
    super(failures);
    this.rollback = rollback;
    this.environments = environments;
    this.deployments = deployments;
    this.stages = stages;
  }

  @Override
  protected StageOutcome run(ExternalTask task, String runId) {
    DeployEnvironment environment = environments.require(task.getVariable("ambiente"));
    List<ProductDeployment> created = ProductDeployment.createdBy(deployments.deployments(runId, environment.name()));
    RollbackOutcome outcome = rollback.undo(environment.target(), created)
        .and(WorkersRollback.previousCommit(environment, task.getVariable("previousWorkersCommit"),
            task.getVariable("releaseRef")));
    stages.saveAfter(runId, Stage.ROLLBACK, outcome.etapa(environment.name()), RollbackEtapa::then);
    if (!outcome.succeeded()) {
      throw new IllegalStateException(outcome.whatIsLeft());
    }
    return StageOutcome.completed(StageStatus.SUCCESS, Map.of("rolledBack", true,
            "rollbackActions", outcome.actions().size()))
        .with("ambiente", environment.name()).with("actions", outcome.actions().stream().map(Acao::acao).toList());
  }
}
