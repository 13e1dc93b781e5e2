package dev.prometheuspipeline.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.CompanionFile;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.RunStore;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.source.ArtifactFetcher;
import dev.prometheuspipeline.source.WorkerCheckout;
import dev.prometheuspipeline.system.StageFailures;
import dev.prometheuspipeline.system.StageHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.test}: the release in a sandbox, its declared model tests with coverage, and its workers'
 * own tests. The etapa carries the contract's figures and a breakdown; JSON, HTML (with the coverage
 * pictures) and JUnit XML reports go to the store.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.TEST, lockDuration = 1_800_000, variableNames = "runId")
class TestHandler extends StageHandler {
  private static final Logger log = LoggerFactory.getLogger(TestHandler.class);
  /** The etapa lists this many failures; the reports hold them all. */
  private static final int ETAPA_FAILURES = 50;

  private final ReleaseTester tester;
  private final ArtifactFetcher fetcher;
  private final RunStore runs;
  private final ObjectMapper json;

  TestHandler(ReleaseTester tester, ArtifactFetcher fetcher, RunStore runs, StageFailures failures, ObjectMapper json) {
    super(failures);
    this.tester = tester;
    this.fetcher = fetcher;
    this.runs = runs;
    this.json = json;
  }

  @Override
  protected void run(ExternalTask task, ExternalTaskService service, String runId) {
    long started = System.nanoTime();
    List<FetchedArtifact> artifacts = runs.fetched(runId);
    List<TestFile> tests = runs.companions(runId).stream()
        .filter(file -> file.kind() == CompanionFile.Kind.TEST)
        .map(file -> new TestFile(file.path(), file.content()))
        .toList();
    List<WorkerCheckout> checkouts = new ArrayList<>();
    try {
      Map<String, Path> workers = new LinkedHashMap<>();
      for (FetchedArtifact artifact : artifacts) {
        if (artifact.type() == ArtifactType.WORKER) {
          WorkerCheckout checkout = fetcher.checkOut(artifact.artifact());
          checkouts.add(checkout);
          workers.put(artifact.path(), checkout.directory());
        }
      }
      ReleaseTestOutcome outcome = tester.test(artifacts, tests, workers);
      report(task, service, runId, artifacts, outcome, started);
    } finally {
      checkouts.forEach(WorkerCheckout::close);
    }
  }

  private void report(ExternalTask task, ExternalTaskService service, String runId, List<FetchedArtifact> artifacts,
      ReleaseTestOutcome outcome, long started) {
    List<FetchedArtifact> models = artifacts.stream().filter(a -> a.type().isEngineResource()).toList();
    String title = "Tests of " + task.getBusinessKey();
    String jsonId = runs.saveReport(runId, "test", "application/json", TestReports.json(outcome.run()));
    String htmlId = runs.saveReport(runId, "test-html", "text/html", TestReports.html(title, outcome.run(), models));
    String junitId = runs.saveReport(runId, "test-junit", "application/xml",
        TestReports.junitXml(outcome.run().results()));
    String reports = "/api/releases/" + runId + "/reports/";

    StageStatus status = outcome.status();
    ObjectNode etapa = json.createObjectNode().put("status", status.wireName());
    etapa.put("passou", outcome.passed());
    etapa.put("falhou", outcome.failed());
    outcome.coveragePercent().ifPresentOrElse(percent -> etapa.put("cobertura", percent), () -> etapa.putNull("cobertura"));
    outcome.skipReason().ifPresent(reason -> etapa.put("motivo", reason));
    etapa.set("por_tipo", byKind(outcome));
    etapa.set("cobertura_detalhe", coverage(outcome));
    etapa.set("falhas", failures(outcome));
    etapa.put("relatorio", reports + jsonId);
    etapa.put("relatorio_html", reports + htmlId);
    etapa.put("relatorio_junit", reports + junitId);
    runs.saveStage(runId, Stage.TEST, status, etapa);

    Map<String, Object> variables = new HashMap<>();
    variables.put("testsPassed", outcome.passed());
    variables.put("testsFailed", outcome.failed());
    variables.put("coverage", outcome.coveragePercent().orElse(null));
    variables.put("coverableModels", outcome.coverableModels());
    variables.put("testReportId", jsonId);
    variables.put("testReportUrl", reports + htmlId);
    log.info("stage=test release={} outcome={} passed={} failed={} coverage={} durationMs={}", task.getBusinessKey(),
        status.wireName(), outcome.passed(), outcome.failed(), outcome.coveragePercent().orElse(null),
        (System.nanoTime() - started) / 1_000_000);
    // Failed tests are evidence for the Regra de Ouro, not a BPMN error: validar routes on testsFailed.
    service.complete(task, variables);
  }

  private ObjectNode byKind(ReleaseTestOutcome outcome) {
    ObjectNode kinds = json.createObjectNode();
    kinds.putObject("implantacao_sandbox")
        .put("passou", outcome.deployment().passed()).put("falhou", outcome.deployment().failed());
    for (TestResult.Kind kind : TestResult.Kind.values()) {
      List<TestResult> ofKind = outcome.run().results().stream().filter(r -> r.kind() == kind).toList();
      long passed = ofKind.stream().filter(TestResult::passed).count();
      long skipped = ofKind.stream().filter(r -> r.status() == TestResult.Status.SKIPPED).count();
      kinds.putObject(kindName(kind)).put("passou", passed).put("falhou", ofKind.size() - passed - skipped);
    }
    return kinds;
  }

  private ObjectNode coverage(ReleaseTestOutcome outcome) {
    Coverage coverage = outcome.run().coverage();
    ObjectNode detail = json.createObjectNode();
    ArrayNode processes = detail.putArray("processos");
    for (Coverage.ProcessCoverage process : coverage.processes()) {
      processes.addObject().put("key", process.key()).put("name", process.name()).put("file", process.file())
          .put("cobertos", process.covered()).put("total", process.total()).put("cobertura", percent(process.ratio()));
    }
    ArrayNode decisions = detail.putArray("decisoes");
    for (Coverage.DecisionCoverage decision : coverage.decisions()) {
      decisions.addObject().put("key", decision.key()).put("name", decision.name()).put("file", decision.file())
          .put("regras_disparadas", decision.fired()).put("regras", decision.total())
          .put("cobertura", percent(decision.ratio()));
    }
    outcome.run().workerCoverage().ifPresent(worker -> detail.putObject("workers")
        .put("cobertura", percent(worker.ratio())).put("linhas_cobertas", worker.coveredLines())
        .put("linhas", worker.totalLines()).put("fonte", worker.source()));
    return detail;
  }

  private ArrayNode failures(ReleaseTestOutcome outcome) {
    ArrayNode list = json.createArrayNode();
    outcome.deployment().failures().forEach(f -> list.addObject().put("file", f.file()).put("test", "sandbox deployment")
        .put("message", f.message()));
    outcome.run().results().stream()
        .filter(result -> result.failure().isPresent() && result.status() != TestResult.Status.SKIPPED)
        .limit(ETAPA_FAILURES)
        .forEach(result -> {
          TestResult.Failure failure = result.failure().get();
          list.addObject().put("file", result.file()).put("test", result.name())
              .put("status", result.status().name().toLowerCase())
              .put("step", failure.step()).put("instruction", failure.instruction())
              .put("expected", failure.expected()).put("actual", failure.actual()).put("message", failure.message());
        });
    return list;
  }

  private static String summary(ReleaseTestOutcome outcome) {
    String counts = outcome.passed() + " passed, " + outcome.failed() + " failed";
    if (outcome.deployment().hasFailures()) {
      return counts + "; first: " + outcome.deployment().failures().get(0).describe();
    }
    return outcome.run().results().stream().filter(r -> r.failure().isPresent() && !r.passed()
            && r.status() != TestResult.Status.SKIPPED)
        .findFirst()
        .map(r -> counts + "; first: " + r.file() + " \"" + r.name() + "\": " + r.failure().get().message())
        .orElse(counts);
  }

  private static String kindName(TestResult.Kind kind) {
    return switch (kind) {
      case SCENARIO -> "cenarios";
      case DECISION -> "decisoes";
      case WORKER -> "workers";
    };
  }

  private static double percent(double ratio) {
    return Math.round(ratio * 1000) / 10.0;
  }
}
