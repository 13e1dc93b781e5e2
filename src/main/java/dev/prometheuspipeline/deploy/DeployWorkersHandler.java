package dev.prometheuspipeline.deploy;

import dev.prometheuspipeline.release.BpmnErrors;
import dev.prometheuspipeline.release.DeployEtapa;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.run.RunArtifacts;
import dev.prometheuspipeline.run.RunDeployments;
import dev.prometheuspipeline.run.StageResults;
import dev.prometheuspipeline.stage.StageFailures;
import dev.prometheuspipeline.stage.StageHandler;
import dev.prometheuspipeline.stage.StageOutcome;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.deploy-workers}: asks the environment's worker agent to deploy the release's workers
 * commit and waits until it reports that commit. The commit the agent ran before is kept in the process
 * ({@code previousWorkersCommit}) and in the run store, so that a rollback, automatic or manual, can ask for it again.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.DEPLOY_WORKERS, variableNames = {"runId", "ambiente", "releaseRef"})
class DeployWorkersHandler extends StageHandler {
  private final TargetResolver environments;
  private final RunArtifacts artifacts;
  private final StageResults stages;
  private final RunDeployments deployments;

  DeployWorkersHandler(TargetResolver environments, RunArtifacts artifacts, StageResults stages,
      RunDeployments deployments, StageFailures failures) {
    super(failures);
    this.environments = environments;
    this.artifacts = artifacts;
    this.stages = stages;
    this.deployments = deployments;
  }

  @Override
  protected StageOutcome run(ExternalTask task, String runId) {
    DeployEnvironment environment = environments.require(task.getVariable("ambiente"));
    String commits = DeployOutcome.workerCommits(artifacts.fetched(runId));
    Optional<String> commit = commits.isEmpty() ? Optional.empty() : Optional.of(commits);
    if (commits.contains(",")) {
      String reason = "the release pins its workers at several commits (" + commits + "), but a worker agent runs "
          + "one checkout; pin every worker artifact at the same commit";
      return StageOutcome.bpmnError(BpmnErrors.WORKERS_FAILED, reason, Map.of()).with("reason", reason);
    }
    if (commit.isEmpty() || environment.workersHook().isEmpty()) {
      // No workers in the release, or an environment whose workers are deployed some other way.
      return StageOutcome.completed(StageStatus.SKIPPED, Map.of()).with("ambiente", environment.name())
          .with("workers", commit.isEmpty() ? "none-in-release" : "no-hook-configured");
    }
    WorkersHook hook = environment.workersHook().get();
    WorkersHookClient agent = new WorkersHookClient(hook.url(), hook.secret(), hook.timeout());
    String before = String.valueOf(agent.status().commit());
    deployments.saveWorkersBefore(runId, environment.name(), Optional.of(before).filter(c -> !c.equals("null")));
    try {
      WorkerRollout rollout = agent.deploy(commit.get(), task.getVariable("releaseRef"));
      stages.saveAfter(runId, Stage.DEPLOY, DeployEtapa.deployed(new DeployEtapa.Ambiente(environment.name(), "",
          rollout.commit(), null, null)), (earlier, now) -> earlier.withWorkersCommit(environment.name(),
          rollout.commit()));
      return StageOutcome.completed(StageStatus.SUCCESS, Map.of("previousWorkersCommit", before))
          .with("ambiente", environment.name()).with("commit", rollout.commit())
          .with("agentMs", rollout.duration().toMillis());
    } catch (TargetException e) {
      if (e.isRetryable()) {
        throw e; // the agent is down or slow: retried, then an incident; retrying it continues the release
      }
      return StageOutcome.bpmnError(BpmnErrors.WORKERS_FAILED, e.getMessage(),
          Map.of("previousWorkersCommit", before)).with("reason", e.getMessage());
    }
  }
}
