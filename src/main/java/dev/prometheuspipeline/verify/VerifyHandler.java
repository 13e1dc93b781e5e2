package dev.prometheuspipeline.verify;

import dev.prometheuspipeline.deploy.DeployEnvironment;
import dev.prometheuspipeline.deploy.TargetResolver;
import dev.prometheuspipeline.release.BpmnErrors;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.release.VerifyEtapa;
import dev.prometheuspipeline.run.RunArtifacts;
import dev.prometheuspipeline.run.RunDeployments;
import dev.prometheuspipeline.run.StageResults;
import dev.prometheuspipeline.smoke.SmokeFiles;
import dev.prometheuspipeline.stage.StageFailures;
import dev.prometheuspipeline.stage.StageHandler;
import dev.prometheuspipeline.stage.StageOutcome;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.verify}: the target holds what we deployed, byte for byte, starts it by key, passes the
 * release's smoke files, and runs it.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.VERIFY, variableNames = {"runId", "ambiente"})
class VerifyHandler extends StageHandler {
  private final ReleaseVerification verification;
  private final TargetResolver targets;
  private final RunArtifacts artifacts;
  private final RunDeployments deployments;
  private final StageResults stages;

  VerifyHandler(ReleaseVerification verification, TargetResolver targets, RunArtifacts artifacts,
      RunDeployments deployments, StageResults stages, StageFailures failures) {
    super(failures);
    this.verification = verification;
    this.targets = targets;
    this.artifacts = artifacts;
    this.deployments = deployments;
    this.stages = stages;
  }

  /** An unreachable target or refused credentials are technical: retried, then an incident to fix. */
  @Override
  protected StageOutcome run(ExternalTask task, String runId) {
    DeployEnvironment environment = targets.require(task.getVariable("ambiente"));
    VerifyOutcome outcome = verification.verify(environment.target(), artifacts.fetched(runId),
        deployments.deployments(runId, environment.name()), task.getBusinessKey(),
        SmokeFiles.of(artifacts.companions(runId)));
    VerifyEtapa etapa = outcome.etapa(environment.name());
    stages.saveAfter(runId, Stage.VERIFY, etapa, VerifyEtapa::then);
    Map<String, Object> variables = Map.of("checksPassed", outcome.passed(), "checksFailed", outcome.failed());
    StageOutcome result = outcome.allPassed()
        ? StageOutcome.completed(etapa.status(), variables)
        : StageOutcome.bpmnError(BpmnErrors.VERIFY_FAILED,
            outcome.failed() + " check(s) failed: " + outcome.describeFailures(), variables);
    return result.with("ambiente", environment.name()).with("passed", outcome.passed()).with("failed", outcome.failed());
  }
}
