package dev.prometheuspipeline.deploy;

import dev.prometheuspipeline.release.BpmnErrors;
import dev.prometheuspipeline.release.DeployEtapa;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.TargetDeployment;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.run.RunArtifacts;
import dev.prometheuspipeline.run.RunDeployments;
import dev.prometheuspipeline.run.StageResults;
import dev.prometheuspipeline.stage.StageFailures;
import dev.prometheuspipeline.stage.StageHandler;
import dev.prometheuspipeline.stage.StageOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.deploy}: deploys exactly the bytes that were validated and approved (read from the
 * store, not from Git again) to the environment {@code ambiente}'s engine, one stable-named deployment
 * per product.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.DEPLOY, variableNames = {"runId", "ambiente"})
class DeployHandler extends StageHandler {
  private final Deployer deployer;
  private final TargetResolver environments;
  private final RunArtifacts artifacts;
  private final RunDeployments deployments;
  private final StageResults stages;

  DeployHandler(Deployer deployer, TargetResolver environments, RunArtifacts artifacts, RunDeployments deployments,
      StageResults stages, StageFailures failures) {
    super(failures);
    this.deployer = deployer;
    this.environments = environments;
    this.artifacts = artifacts;
    this.deployments = deployments;
    this.stages = stages;
  }

  @Override
  protected StageOutcome run(ExternalTask task, String runId) {
    DeployEnvironment environment = environments.require(task.getVariable("ambiente"));
    CamundaTarget target = environment.target();
    List<FetchedArtifact> fetched = artifacts.fetched(runId);
    try {
      DeployOutcome outcome = deployer.deploy(target, fetched, (product, newestNow) ->
          deployments.firstAttempt(runId, environment.name(), product, newestNow));
      Instant now = Instant.now();
      outcome.products().forEach(p -> deployments.save(runId, new TargetDeployment(environment.name(), p.product(),
          p.deploymentId(), p.deploymentName(), p.created(), target.restUrl().toString(), now)));
      stages.saveAfter(runId, Stage.DEPLOY, outcome.etapa(environment.name(), fetched), DeployEtapa::then);
      return StageOutcome.completed(StageStatus.SUCCESS, Map.of("deploymentIds",
              String.join(",", outcome.deploymentIds()), "deployedResources", outcome.deployedResources()))
          .with("ambiente", environment.name()).with("deployments", outcome.deploymentIds())
          .with("newResources", outcome.deployedResources());
    } catch (TargetException e) {
      // Refused credentials are a configuration fault, not the release's: retry, then an incident to fix
      // the configuration and retry from Cockpit, rather than failing a release that may be fine.
      if (e.isRetryable() || e.refusedCredentials()) {
        throw e;
      }
      return failed(runId, environment.name(), fetched, e.getMessage());
    } catch (DuplicateResourceException e) {
      return failed(runId, environment.name(), fetched, e.getMessage());
    }
  }

  private StageOutcome failed(String runId, String ambiente, List<FetchedArtifact> fetched, String reason) {
    stages.saveAfter(runId, Stage.DEPLOY, DeployEtapa.failed(ambiente, DeployOutcome.workerCommits(fetched), reason),
        DeployEtapa::then);
    return StageOutcome.bpmnError(BpmnErrors.DEPLOY_FAILED, reason, Map.of()).with("reason", reason);
  }
}
