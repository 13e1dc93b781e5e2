package dev.prometheuspipeline.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.deploy.TargetDefinitions;
import dev.prometheuspipeline.deploy.TargetEngineClient;
import dev.prometheuspipeline.deploy.TargetResolver;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.CompanionFile;
import dev.prometheuspipeline.source.ArtifactFetcher;
import dev.prometheuspipeline.source.WorkerCheckout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
  private final ArtifactFetcher fetcher;
  private final TargetResolver targets;
  private final RunStore runs;
  private final ObjectMapper json;
  /** Makes documentation links absolute, as SARIF viewers need them; optional. */
  private final Optional<URI> publicUrl;

  ValidateHandler(Validator validator, ArtifactFetcher fetcher, TargetResolver targets, RunStore runs,
      StageFailures failures, ObjectMapper json, @Value("${pipeline.public-url:}") String publicUrl) {
    super(failures);
    this.validator = validator;
    this.fetcher = fetcher;
    this.targets = targets;
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
    Map<String, byte[]> ruleConfig = new LinkedHashMap<>();
    runs.companions(runId).stream().filter(file -> file.kind() == CompanionFile.Kind.RULE_CONFIG)
        .forEach(file -> ruleConfig.put(file.path(), file.content()));
    List<WorkerCheckout> checkouts = new ArrayList<>();
    Report report;
    try {
      Map<String, Path> workerDirectories = new LinkedHashMap<>();
      WorkerDeclarations declarations = WorkerDeclarations.none();
      for (FetchedArtifact artifact : artifacts) {
        if (artifact.type() == ArtifactType.WORKER) {
          WorkerCheckout checkout = fetcher.checkOut(artifact.artifact());
          checkouts.add(checkout);
          workerDirectories.put(artifact.path(), checkout.directory());
          declarations = declarations.declared() ? declarations : declarationsOf(checkout);
        }
      }
      // The target is asked only about definitions the release does not ship; one client per run.
      DeployedDefinitions deployed = new TargetDefinitions(new TargetEngineClient(targets.current()));
      report = validator.validate(artifacts, new ReleaseContext(deployed, declarations, ruleConfig, workerDirectories));
    } finally {
      checkouts.forEach(WorkerCheckout::close);
    }
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
        "validationReportUrl", link(runId, htmlId),
        "validationSummary", summary(report));
    log.info("stage=validate release={} outcome={} errors={} warnings={} durationMs={}", task.getBusinessKey(),
        status.wireName(), report.errorCount(), report.warningCount(), (System.nanoTime() - started) / 1_000_000);
    // Errors are evidence for the Regra de Ouro, not a BPMN error: validar routes on validationErrors.
    service.complete(task, variables);
  }

  private static WorkerDeclarations declarationsOf(WorkerCheckout checkout) {
    Path manifest = checkout.directory().resolve("package.json");
    if (!Files.isRegularFile(manifest)) {
      return WorkerDeclarations.none();
    }
    String path = checkout.repositoryPath().isEmpty() ? "package.json" : checkout.repositoryPath() + "/package.json";
    try {
      return WorkerDeclarations.fromPackageJson(path, Files.readAllBytes(manifest));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + path + " of the checked-out worker", e);
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
