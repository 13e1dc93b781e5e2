package dev.prometheuspipeline.supplychain;

import dev.prometheuspipeline.release.CompanionFile;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StoredReport;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.run.RunArtifacts;
import dev.prometheuspipeline.run.RunReports;
import dev.prometheuspipeline.run.StageResults;
import dev.prometheuspipeline.stage.StageFailures;
import dev.prometheuspipeline.stage.StageHandler;
import dev.prometheuspipeline.stage.StageOutcome;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.vulnerabilities}: the SBOM's packages against the configured advisory sources, less the
 * unexpired suppressions of {@code .prometheus/suppressions.yaml}. The counts are evidence for the Regra de Ouro,
 * not a reason to stop here; the full report goes to the store.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.VULNERABILITIES, variableNames = "runId")
class VulnerabilitiesHandler extends StageHandler {
  private final VulnerabilityScan scan;
  private final RunArtifacts artifacts;
  private final RunReports reports;
  private final StageResults stages;

  VulnerabilitiesHandler(VulnerabilityScan scan, RunArtifacts artifacts, RunReports reports, StageResults stages,
      StageFailures failures) {
    super(failures);
    this.scan = scan;
    this.artifacts = artifacts;
    this.reports = reports;
    this.stages = stages;
  }

  @Override
  protected StageOutcome run(ExternalTask task, String runId) {
    List<Dependency> packages = reports.latest(runId, SbomReports.CYCLONEDX).map(StoredReport::body)
        .map(SbomReports::packages).orElse(List.of());
    Suppressions suppressions = artifacts.companions(runId).stream()
        .filter(file -> file.kind() == CompanionFile.Kind.SUPPRESSIONS).findFirst()
        .map(file -> Suppressions.parse(file.text(), file.path())).orElse(Suppressions.none());
    VulnerabilityReport report = scan.scan(packages, suppressions, LocalDate.now(ZoneOffset.UTC));
    String id = reports.save(runId, VulnerabilityReports.KIND, VulnerabilityReports.MEDIA_TYPE,
        VulnerabilityReports.json(report));
    var etapa = VulnerabilityReports.etapa(report, RunReports.link(runId, id));
    stages.save(runId, Stage.VULNERABILITIES, etapa);
    long blocking = VulnerabilityReports.blocking(report);
    return StageOutcome.completed(etapa.status(), Map.of("vulnerabilitiesBlocking", (int) blocking,
            "vulnerabilitySourcesFailed", report.incompleteSources().size(),
            "vulnerabilitiesSummary", VulnerabilityReports.summary(report, packages.size())))
        .with("packages", packages.size()).with("blocking", blocking)
        .with("incompleteSources", report.incompleteSources().size());
  }
}
