package dev.prometheuspipeline.deploy;

import dev.prometheuspipeline.release.Approval;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.StoredReport;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.run.RunArtifacts;
import dev.prometheuspipeline.run.RunHistory;
import dev.prometheuspipeline.run.RunReports;
import dev.prometheuspipeline.source.ArtifactFetcher;
import dev.prometheuspipeline.source.SourceException;
import dev.prometheuspipeline.stage.StageFailures;
import dev.prometheuspipeline.stage.StageHandler;
import dev.prometheuspipeline.stage.StageOutcome;
import dev.prometheuspipeline.supplychain.AttestationSet;
import dev.prometheuspipeline.supplychain.SignatureCheck;
import dev.prometheuspipeline.supplychain.SignatureReport;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.deploy-gate}: what {@code dmn/deploy-gate.dmn} (the next task, edited in the Modeler) decides
 * on: the stored bytes' digests, the approval, and the signatures checked against the artifacts fetched again.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.DEPLOY_GATE, variableNames = {"runId", "ambiente"})
class DeployGateHandler extends StageHandler {
  private final RunArtifacts artifacts;
  private final RunHistory history;
  private final RunReports reports;
  private final ArtifactFetcher fetcher;
  private final SignatureCheck signatures;

  DeployGateHandler(RunArtifacts artifacts, RunHistory history, RunReports reports, ArtifactFetcher fetcher,
      SignatureCheck signatures, StageFailures failures) {
    super(failures);
    this.artifacts = artifacts;
    this.history = history;
    this.reports = reports;
    this.fetcher = fetcher;
    this.signatures = signatures;
  }

  @Override
  protected StageOutcome run(ExternalTask task, String runId) {
    boolean approved = history.approval(runId).map(Approval::aprovado).orElse(false);
    DeployEvidence evidence = DeployEvidence.of(artifacts.fetched(runId), approved);
    String problems = signatureProblems(runId);
    if (!problems.isEmpty()) {
      history.addEvent(runId, "signatures-refused", "Deploy to " + task.getVariable("ambiente")
          + " blocked by the signature check: " + problems);
    }
    return StageOutcome.completed(StageStatus.SUCCESS, Map.of("digestsMatch", evidence.digestsMatch(),
            "digestProblems", evidence.digestProblems(), "releaseApproved", evidence.releaseApproved(),
            "signaturesValid", problems.isEmpty(), "signatureProblems", problems))
        .with("ambiente", task.getVariable("ambiente")).with("digestsMatch", evidence.digestsMatch())
        .with("releaseApproved", approved).with("signaturesValid", problems.isEmpty());
  }

  /** Empty when every artifact, fetched again, carries validar's signature over those very bytes. */
  private String signatureProblems(String runId) {
    List<FetchedArtifact> refetched;
    try {
      // Fetched again, not read from the store: what reaches the engine must be what Git holds at those commits.
      refetched = fetcher.fetch(artifacts.artifacts(runId));
    } catch (SourceException e) {
      if (e.isRetryable()) {
        throw e;
      }
      return "the artifacts could not be fetched again at their commits: " + e.getMessage();
    }
    SignatureReport signed = signatures.check(refetched,
        reports.latest(runId, AttestationSet.KIND).map(StoredReport::body));
    return signed.passed() ? "" : SignatureCheck.boundedSummary(signed);
  }
}
