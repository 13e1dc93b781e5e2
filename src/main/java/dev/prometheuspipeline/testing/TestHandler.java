package dev.prometheuspipeline.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.release.BpmnErrors;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.RunStore;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.system.StageFailures;
import dev.prometheuspipeline.system.StageHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.test}: deploys the release into a throwaway engine, as the target will receive it.
 * {@code cobertura} stays null until process and decision tests exist; the gate decides what that means.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.TEST, lockDuration = 600_000, variableNames = "runId")
class TestHandler extends StageHandler {
  private static final Logger log = LoggerFactory.getLogger(TestHandler.class);

  private final SandboxTester tester;
  private final RunStore runs;
  private final ObjectMapper json;

  TestHandler(SandboxTester tester, RunStore runs, StageFailures failures, ObjectMapper json) {
    super(failures);
    this.tester = tester;
    this.runs = runs;
    this.json = json;
  }

  @Override
  protected void run(ExternalTask task, ExternalTaskService service, String runId) {
    long started = System.nanoTime();
    List<FetchedArtifact> artifacts = runs.fetched(runId);
    boolean nothingToTest = artifacts.stream().noneMatch(a -> a.type().isEngineResource());
    TestReport report = tester.test(artifacts);
    StageStatus status = nothingToTest ? StageStatus.SKIPPED
        : report.hasFailures() ? StageStatus.FAILED : StageStatus.SUCCESS;
    ObjectNode etapa = json.createObjectNode().put("status", status.wireName());
    etapa.putNull("cobertura");
    etapa.put("passou", report.passed());
    etapa.put("falhou", report.failed());
    ArrayNode falhas = etapa.putArray("falhas");
    report.failures().forEach(f -> falhas.addObject().put("file", f.file()).put("message", f.message()));
    if (nothingToTest) {
      etapa.put("motivo", "the release has no engine resources (bpmn, dmn, form, html) to deploy in the sandbox");
    }
    String reportId = runs.saveReport(runId, "test", etapa);
    etapa.put("relatorio", "/api/releases/" + runId + "/reports/" + reportId);
    runs.saveStage(runId, Stage.TEST, status, etapa);
    Map<String, Object> variables = new HashMap<>();
    variables.put("testsPassed", report.passed());
    variables.put("testsFailed", report.failed());
    variables.put("coverage", null);
    variables.put("testReportId", reportId);
    log.info("stage=test release={} outcome={} passed={} failed={} durationMs={}", task.getBusinessKey(),
        status.wireName(), report.passed(), report.failed(), (System.nanoTime() - started) / 1_000_000);
    if (report.hasFailures()) {
      service.handleBpmnError(task, BpmnErrors.TESTS_FAILED, report.summary(), variables);
    } else {
      service.complete(task, variables);
    }
  }
}
