package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.release.DeployedDefinitions;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.run.RunArtifacts;
import dev.prometheuspipeline.run.RunReports;
import dev.prometheuspipeline.run.StageResults;
import dev.prometheuspipeline.stage.StageFailures;
import dev.prometheuspipeline.stage.StageHandler;
import dev.prometheuspipeline.stage.StageOutcome;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.validate}: the report in the store as JSON, SARIF and HTML, linked from
 * {@code etapas.validate}; the findings in {@code erros} and {@code avisos}, for the gate to judge.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.VALIDATE, variableNames = "runId")
class ValidateHandler extends StageHandler {
  /** The stored reports, by the kind the API lists them under. */
  private static final Map<ReportFormat, String> REPORTS = Map.of(ReportFormat.JSON, "validation",
      ReportFormat.SARIF, "validation-sarif", ReportFormat.HTML, "validation-html");

  private final ValidationStage validation;
  private final DeployedDefinitions.Source target;
  private final RunArtifacts artifacts;
  private final RunReports reports;
  private final StageResults stages;

  ValidateHandler(ValidationStage validation, DeployedDefinitions.Source target, RunArtifacts artifacts,
      RunReports reports, StageResults stages, StageFailures failures) {
    super(failures);
    this.validation = validation;
    this.target = target;
    this.artifacts = artifacts;
    this.reports = reports;
    this.stages = stages;
  }

  @Override
  protected StageOutcome run(ExternalTask task, String runId) {
    List<FetchedArtifact> fetched = artifacts.fetched(runId);
    // The target is asked only about definitions the release does not ship; one view of it per run.
    ValidationStage.Validation result = validation.validate(fetched, artifacts.companions(runId), target.open());
    Map<ReportFormat, String> ids = new EnumMap<>(ReportFormat.class);
    Map<ReportFormat, String> links = new EnumMap<>(ReportFormat.class);
    for (ReportFormat format : List.of(ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.HTML)) {
      ids.put(format, reports.save(runId, REPORTS.get(format), format.mediaType(), result.render(format)));
      links.put(format, RunReports.link(runId, ids.get(format)));
    }
    stages.save(runId, Stage.VALIDATE, result.etapa(links));
    Report report = result.report();
    Map<String, Object> variables = Map.of(
        "validationErrors", report.errorCount(),
        "validationWarnings", report.warningCount(),
        "validateReportId", ids.get(ReportFormat.JSON),
        "validationReportUrl", links.get(ReportFormat.HTML),
        "validationSummary", result.summary());
    // Errors do not end the release here: the Regra de Ouro judges them with the rest of the evidence.
    return StageOutcome.completed(result.status(), variables)
        .with("errors", report.errorCount()).with("warnings", report.warningCount());
  }
}
