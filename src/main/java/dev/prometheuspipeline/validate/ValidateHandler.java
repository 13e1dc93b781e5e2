package dev.prometheuspipeline.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.release.BpmnErrors;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.RunStore;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.system.StageFailures;
import dev.prometheuspipeline.system.StageHandler;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.validate}: the report in the store as JSON, SARIF and HTML, linked from
 * {@code etapas.validate}; the findings in {@code erros} and {@code avisos}; errors fail validar.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.VALIDATE, lockDuration = 600_000, variableNames = "runId")
class ValidateHandler extends StageHandler {
  private static final Logger log = LoggerFactory.getLogger(ValidateHandler.class);
  /** The approval form shows this many findings; the full list is in the report. */
  private static final int SUMMARY_FINDINGS = 20;

  private final Validator validator;
  private final RunStore runs;
  private final ObjectMapper json;
  /** Makes documentation links absolute, as SARIF viewers need them; optional. */
  private final Optional<URI> publicUrl;

  ValidateHandler(Validator validator, RunStore runs, StageFailures failures, ObjectMapper json,
      @Value("${pipeline.public-url:}") String publicUrl) {
    super(failures);
    this.validator = validator;
    this.runs = runs;
    this.json = json;
    this.publicUrl = publicUrl.isBlank() ? Optional.empty() : Optional.of(URI.create(publicUrl.strip()));
    // Refused at start, not at every run: a relative URL would fail each validate stage.
    if (this.publicUrl.isPresent() && !this.publicUrl.get().isAbsolute()) {
      throw new IllegalArgumentException("pipeline.public-url must be absolute, such as "
          + "https://pipeline.example.com: " + publicUrl);
    }
  }

  @Override
  protected void run(ExternalTask task, ExternalTaskService service, String runId) {
    long started = System.nanoTime();
    List<FetchedArtifact> artifacts = runs.fetched(runId);
    Report report = validator.validate(artifacts);
    ReportContext context = new ReportContext(PipelineRules.all(), artifacts, publicUrl);
    String reportId = save(runId, "validation", ReportFormat.JSON, report, context);
    String sarifId = save(runId, "validation-sarif", ReportFormat.SARIF, report, context);
    String htmlId = save(runId, "validation-html", ReportFormat.HTML, report, context);
    StageStatus status = report.hasErrors() ? StageStatus.FAILED : StageStatus.SUCCESS;
    ObjectNode etapa = json.createObjectNode().put("status", status.wireName());
    etapa.set("erros", JsonReport.findings(report.errors(), context));
    etapa.set("avisos", JsonReport.findings(report.warnings(), context));
    etapa.put("relatorio", link(runId, reportId));
    etapa.put("relatorio_sarif", link(runId, sarifId));
    etapa.put("relatorio_html", link(runId, htmlId));
    runs.saveStage(runId, Stage.VALIDATE, status, etapa);
    Map<String, Object> variables = Map.of(
        "validationErrors", report.errorCount(),
        "validationWarnings", report.warningCount(),
        "validateReportId", reportId,
        "validationSummary", summary(report));
    log.info("stage=validate release={} outcome={} errors={} warnings={} durationMs={}", task.getBusinessKey(),
        status.wireName(), report.errorCount(), report.warningCount(), (System.nanoTime() - started) / 1_000_000);
    if (report.hasErrors()) {
      service.handleBpmnError(task, BpmnErrors.VALIDATION_FAILED, report.summary(), variables);
    } else {
      service.complete(task, variables);
    }
  }

  private String save(String runId, String kind, ReportFormat format, Report report, ReportContext context) {
    return runs.saveReport(runId, kind, format.mediaType(), format.write(report, context));
  }

  private static String link(String runId, String reportId) {
    return "/api/releases/" + runId + "/reports/" + reportId;
  }

  private static String summary(Report report) {
    if (report.findings().isEmpty()) {
      return "No findings.";
    }
    StringBuilder text = new StringBuilder();
    report.findings().stream().limit(SUMMARY_FINDINGS)
        .forEach(f -> text.append("- ").append(f.describe()).append('\n'));
    if (report.findings().size() > SUMMARY_FINDINGS) {
      text.append("- … and ").append(report.findings().size() - SUMMARY_FINDINGS).append(" more in the report\n");
    }
    return text.toString();
  }
}
