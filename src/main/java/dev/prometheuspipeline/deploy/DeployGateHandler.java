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
 * {@code pipeline.deploy-gate}: what {@code dmn/deploy-gate.dmn} (the next task, edited in the Modeler) decides
 * on: the stored bytes' digests, the approval, and the signatures checked against the artifacts fetched again.
 * It first takes the environment's turn ({@link EnvironmentTurn}), waiting while another release holds it.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.DEPLOY_GATE, variableNames = {"runId", "ambiente"})
class DeployGateHandler extends StageHandler {
  private final EnvironmentTurn turn;
  private final RunArtifacts artifacts;
  private final RunHistory history;
  private final RefetchedSignatures signatures;

  DeployGateHandler(EnvironmentTurn turn, RunArtifacts artifacts, RunHistory history, RefetchedSignatures signatures,
      StageFailures failures) {
    super(failures);
    this.turn = turn;
    this.artifacts = artifacts;
    this.history = history;
    this.signatures = signatures;
  }

  @Override
  protected StageOutcome run(ExternalTask task, String runId) {
    String ambiente = task.getVariable("ambiente");
    turn.take(runId, ambiente, task.getErrorMessage());
    boolean approved = history.approval(runId).map(Approval::aprovado).orElse(false);
    DeployEvidence evidence = DeployEvidence.of(artifacts.fetched(runId), approved);
    String problems = signatures.problems(runId);
    if (!problems.isEmpty()) {
      history.addEvent(runId, "signatures-refused", "Deploy to " + ambiente + " blocked by the signature check: "
          + problems);
    }
    return StageOutcome.completed(StageStatus.SUCCESS, Map.of("digestsMatch", evidence.digestsMatch(),
            "digestProblems", evidence.digestProblems(), "releaseApproved", evidence.releaseApproved(),
            "signaturesValid", problems.isEmpty(), "signatureProblems", problems))
        .with("ambiente", ambiente).with("digestsMatch", evidence.digestsMatch())
        .with("releaseApproved", approved).with("signaturesValid", problems.isEmpty());
  }
}
