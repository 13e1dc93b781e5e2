package dev.prometheuspipeline.supplychain;

import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.release.SbomEtapa;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.run.ReleaseRuns;
import dev.prometheuspipeline.run.RunArtifacts;
import dev.prometheuspipeline.run.RunReports;
import dev.prometheuspipeline.run.StageResults;
import dev.prometheuspipeline.source.ArtifactFetcher;
import dev.prometheuspipeline.source.SourceProperties;
import dev.prometheuspipeline.source.WorkerCheckouts;
import dev.prometheuspipeline.stage.StageFailures;
import dev.prometheuspipeline.stage.StageHandler;
import dev.prometheuspipeline.stage.StageOutcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.sbom}: the release's SBOM in CycloneDX and SPDX, stored in the run store and linked from
 * {@code etapas.sbom}; the workers are checked out at their commits to read their lock files.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.SBOM, variableNames = "runId")
class SbomHandler extends StageHandler {
  private final SbomBuilder builder;
  private final ArtifactFetcher fetcher;
  private final SourceProperties source;
  private final ReleaseRuns runs;
  private final RunArtifacts artifacts;
  private final RunReports reports;
  private final StageResults stages;

  SbomHandler(SbomBuilder builder, ArtifactFetcher fetcher, SourceProperties source, ReleaseRuns runs,
      RunArtifacts artifacts, RunReports reports, StageResults stages, StageFailures failures) {
    super(failures);
    this.builder = builder;
    this.fetcher = fetcher;
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
    // The run's creation time, not the clock: the same run gives the same SBOM bytes if the stage runs again.
    SbomSubject subject = new SbomSubject(run.releaseRef(), runId, source.repositoryWithoutCredentials(),
        source.workersRepositoryWithoutCredentials(), run.createdAt());
    Sbom sbom;
    try (WorkerCheckouts workers = WorkerCheckouts.of(fetcher, fetched)) {
      sbom = builder.build(subject, fetched, workers.all().stream()
          .map(checkout -> new WorkerSource(checkout.artifact(), checkout.directory())).toList());
    }
    String cyclonedxId = reports.save(runId, SbomReports.CYCLONEDX, SbomReports.CYCLONEDX_MEDIA_TYPE,
        sbom.cyclonedxJson());
    String spdxId = reports.save(runId, SbomReports.SPDX, SbomReports.SPDX_MEDIA_TYPE, sbom.spdxJson());
    stages.save(runId, Stage.SBOM, new SbomEtapa(StageStatus.SUCCESS, sbom.components(), sbom.dependencies().size(),
        RunReports.link(runId, cyclonedxId), RunReports.link(runId, spdxId),
        BundleVerifier.hex(SigningKeys.sha256(sbom.cyclonedxJson().getBytes(StandardCharsets.UTF_8))), sbom.problems()));
    // A worker without a lock file leaves the SBOM thin, not absent: the etapa says so in problemas.
    return StageOutcome.completed(StageStatus.SUCCESS, Map.of("sbomPresent", true,
            "sbomComponents", sbom.components(), "sbomReportId", cyclonedxId))
        .with("components", sbom.components()).with("dependencies", sbom.dependencies().size())
        .with("problems", sbom.problems().size());
  }
}
