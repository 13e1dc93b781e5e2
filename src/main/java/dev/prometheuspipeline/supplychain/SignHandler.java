package dev.prometheuspipeline.supplychain;

import dev.prometheuspipeline.release.AssinaturasEtapa;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.StoredReport;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.run.ReleaseRuns;
import dev.prometheuspipeline.run.RunArtifacts;
import dev.prometheuspipeline.run.RunReports;
import dev.prometheuspipeline.run.StageResults;
import dev.prometheuspipeline.source.SourceProperties;
import dev.prometheuspipeline.stage.StageFailures;
import dev.prometheuspipeline.stage.StageHandler;
import dev.prometheuspipeline.stage.StageOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.sign}: a Sigstore bundle for every artifact and for the SBOM, and the signed provenance; the
 * bundles go to the run store ({@code /attestations}) with the statement signed, the key's id and the counts to
 * {@code etapas.assinaturas}.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.SIGN, variableNames = "runId")
class SignHandler extends StageHandler {
  private final ReleaseSigning signing;
  private final SourceProperties source;
  private final ReleaseRuns runs;
  private final RunArtifacts artifacts;
  private final RunReports reports;
  private final StageResults stages;

  SignHandler(ReleaseSigning signing, SourceProperties source, ReleaseRuns runs, RunArtifacts artifacts,
      RunReports reports, StageResults stages, StageFailures failures) {
    super(failures);
    this.signing = signing;
    this.source = source;
    this.runs = runs;
    this.artifacts = artifacts;
    this.reports = reports;
    this.stages = stages;
  }

  @Override
  protected StageOutcome run(ExternalTask task, String runId) {
    ReleaseRun run = runs.require(runId);
    List<FetchedArtifact> fetched = artifacts.fetched(runId);
    Optional<String> sbom = reports.latest(runId, SbomReports.CYCLONEDX).map(StoredReport::body);
    ReleaseSigning.Run facts = new ReleaseSigning.Run(runId, run.releaseRef(), source.repositoryWithoutCredentials(),
        source.workersRepositoryWithoutCredentials(), runs.contextoText(runId, "intent_id").orElse(""),
        runs.contextoText(runId, "plan_id"), run.createdAt());
    ReleaseSigning.Signed signed = signing.sign(facts, fetched, sbom,
        sbom.map(SbomReports::packages).orElse(List.of()), Instant.now());
    String id = reports.save(runId, AttestationSet.KIND, AttestationSet.MEDIA_TYPE,
        AttestationSet.json(signed.attestations()));
    if (!signed.provenanceStatement().isEmpty()) {
      reports.save(runId, Provenance.REPORT_KIND, Provenance.MEDIA_TYPE, signed.provenanceStatement());
    }
    stages.save(runId, Stage.SIGNATURES, new AssinaturasEtapa(StageStatus.SUCCESS, signed.artifactsSigned(),
        signed.keyId(), signed.provenanceSha256(), "/api/releases/" + runId + "/attestations"));
    int unsigned = fetched.size() - signed.artifactsSigned();
    return StageOutcome.completed(StageStatus.SUCCESS, Map.of("unsignedArtifacts", unsigned,
            "signingKeyId", signed.keyId(), "attestationsReportId", id))
        .with("signed", signed.artifactsSigned()).with("unsigned", unsigned).with("key", signed.keyId());
  }
}
