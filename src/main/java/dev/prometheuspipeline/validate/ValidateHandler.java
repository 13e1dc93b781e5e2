package dev.prometheuspipeline.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.release.BpmnErrors;
import dev.prometheuspipeline.release.RunStore;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.system.StageFailures;
import dev.prometheuspipeline.system.StageHandler;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** {@code pipeline.validate}: every finding in the store and in {@code etapas.validate.erros}; errors fail validar. */
@Component
@ExternalTaskSubscription(topicName = Topics.VALIDATE, lockDuration = 600_000, variableNames = "runId")
class ValidateHandler extends StageHandler {
  private static final Logger log = LoggerFactory.getLogger(ValidateHandler.class);
  /** The approval form shows this many findings; the full list is in the report. */
  private static final int SUMMARY_FINDINGS = 20;

  private final Validator validator;
  private final RunStore runs;
  private final ObjectMapper json;

  ValidateHandler(Validator validator, RunStore runs, StageFailures failures, ObjectMapper json) {
    super(failures);
    this.validator = validator;
    this.runs = runs;
    this.json = json;
  }

  @Override
  protected void run(ExternalTask task, ExternalTaskService service, String runId) {
    long started = System.nanoTime();
    Report report = validator.validate(runs.fetched(runId));
    String reportId = runs.saveReport(runId, "validation", toJson(report));
    StageStatus status = report.hasErrors() ? StageStatus.FAILED : StageStatus.SUCCESS;
    ObjectNode etapa = json.createObjectNode().put("status", status.wireName());
    etapa.set("erros", findings(report.errors()));
    etapa.set("avisos", findings(report.warnings()));
    etapa.put("relatorio", "/api/releases/" + runId + "/reports/" + reportId);
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

  private ArrayNode findings(List<Finding> findings) {
    ArrayNode list = json.createArrayNode();
    for (Finding f : findings) {
      list.addObject()
          .put("file", f.file())
          .put("line", f.line())
          .put("column", f.column())
          .put("elementId", f.elementId())
          .put("rule", f.rule())
          .put("severity", f.severity().name().toLowerCase())
          .put("message", f.message())
          .put("fix", f.fix());
    }
    return list;
  }

  private ObjectNode toJson(Report report) {
    ObjectNode node = json.createObjectNode()
        .put("errors", report.errorCount())
        .put("warnings", report.warningCount())
        .put("summary", report.summary());
    node.set("findings", findings(report.findings()));
    return node;
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
