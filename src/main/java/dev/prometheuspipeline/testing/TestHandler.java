package dev.prometheuspipeline.testing;

import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.Topics;
import dev.prometheuspipeline.run.RunArtifacts;
import dev.prometheuspipeline.run.RunReports;
import dev.prometheuspipeline.run.StageResults;
import dev.prometheuspipeline.stage.StageFailures;
import dev.prometheuspipeline.stage.StageHandler;
import dev.prometheuspipeline.stage.StageOutcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code pipeline.test}: the release in a sandbox, its declared model tests with coverage, and its workers'
 * own tests. The etapa carries the contract's figures and a breakdown; JSON, HTML (with the coverage
 * pictures) and JUnit XML reports go to the store.
 */
@Component
@ExternalTaskSubscription(topicName = Topics.TEST, variableNames = "runId")
class TestHandler extends StageHandler {
  private final TestStage testing;
  private final RunArtifacts artifacts;
  private final RunReports reports;
  private final StageResults stages;

  TestHandler(TestStage testing, RunArtifacts artifacts, RunReports reports, StageResults stages,
      StageFailures failures) {
    super(failures);
    this.testing = testing;
    this.artifacts = artifacts;
    this.reports = reports;
    this.stages = stages;
  }

  @Override
  protected StageOutcome run(ExternalTask task, String runId) {
    List<FetchedArtifact> fetched = artifacts.fetched(runId);
    ReleaseTestOutcome outcome = testing.test(fetched, artifacts.companions(runId));
    TestStage.TestReportSet rendered = TestStage.reports("Tests of " + task.getBusinessKey(), outcome, fetched);
    String jsonId = reports.save(runId, "test", "application/json", rendered.json());
    String htmlLink = RunReports.link(runId, reports.save(runId, "test-html", "text/html", rendered.html()));
    String junitLink = RunReports.link(runId,
        reports.save(runId, "test-junit", "application/xml", rendered.junitXml()));
    stages.save(runId, Stage.TEST, TestEtapas.of(outcome, RunReports.link(runId, jsonId), htmlLink, junitLink));

    Map<String, Object> variables = new HashMap<>();
    variables.put("testsPassed", outcome.passed());
    variables.put("testsFailed", outcome.failed());
    variables.put("coverage", outcome.coveragePercent().orElse(null));
    variables.put("coverableModels", outcome.coverableModels());
    variables.put("testReportId", jsonId);
    variables.put("testReportUrl", htmlLink);
    // Failed tests do not end the release here: the Regra de Ouro judges them with the rest of the evidence.
    return StageOutcome.completed(outcome.status(), variables).with("passed", outcome.passed())
        .with("failed", outcome.failed()).with("coverage", outcome.coveragePercent().orElse(null));
  }
}
