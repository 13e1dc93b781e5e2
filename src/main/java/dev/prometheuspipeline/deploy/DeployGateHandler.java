package dev.prometheuspipeline.deploy;

import dev.prometheuspipeline.release.Approval;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.run.RunArtifacts;
import dev.prometheuspipeline.run.RunHistory;
import dev.prometheuspipeline.stage.StageFailures;
import dev.prometheuspipeline.stage.StageHandler;
import dev.prometheuspipeline.stage.StageOutcome;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.deploy-gate}: gathers what the deploy gate decides on. The decision itself is
 * {@code dmn/deploy-gate.dmn}, a business rule task right after this one, so that it is read and
 * changed in the Modeler, not here.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.DEPLOY_GATE, variableNames = {"runId", "ambiente"})
class DeployGateHandler extends StageHandler {
  private final RunArtifacts artifacts;
  private final RunHistory history;

  DeployGateHandler(RunArtifacts artifacts, RunHistory history, StageFailures failures) {
    super(failures);
    this.artifacts = artifacts;
    this.history = history;
  }

  @Override
  protected StageOutcome run(ExternalTask task, String runId) {
    boolean approved = history.approval(runId).map(Approval::aprovado).orElse(false);
    DeployEvidence evidence = DeployEvidence.of(artifacts.fetched(runId), approved);
    return StageOutcome.completed(StageStatus.SUCCESS, Map.of("digestsMatch", evidence.digestsMatch(),
            "digestProblems", evidence.digestProblems(), "releaseApproved", evidence.releaseApproved()))
        .with("ambiente", task.getVariable("ambiente")).with("digestsMatch", evidence.digestsMatch())
        .with("releaseApproved", approved);
  }
}
