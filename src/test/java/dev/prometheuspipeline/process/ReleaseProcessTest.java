package dev.prometheuspipeline.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.prometheuspipeline.release.BpmnErrors;
import dev.prometheuspipeline.release.Topics;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The release's paths from request to its end events, with validar and implantar called for real. */
@Deployment(resources = {
    "processes/release.bpmn", "processes/validar.bpmn", "processes/implantar.bpmn", "dmn/deploy-gate.dmn",
    "dmn/regra-de-ouro.dmn", "dmn/approval-routing.dmn", "forms/aprovar-release.form",
      "forms/dispensar-criterios.form"})
class ReleaseProcessTest {
  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-models.cfg.xml").build();

  private ReleaseRun release;
  private ProcessHistory history;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine.getProcessEngine());
    release = new ReleaseRun(engine.getProcessEngine());
    history = new ProcessHistory(engine.getHistoryService());
  }

  @Test
  void deploysAnApprovedReleaseThatPassedItsGate() {
    ProcessInstance run = release.awaitingApproval();
    release.approve(run);
    release.worker().passImplantar();

    assertThat(run).isEnded().hasPassedInOrder(
        "CallActivity_Validar", "Task_EvaluateGate", "Task_ApproveRelease", "CallActivity_Implantar",
        "EndEvent_ReleaseDeployed");
    assertThat(history.variable(run, "gateVerdict")).isEqualTo("aprovado");
    assertThat(history.variable(run, "aprovadoPor")).isEqualTo(ReleaseRun.APPROVER);
    assertThat(history.variable(run, "deploymentIds")).isEqualTo("dep-1,dep-2");
    assertThat(history.variable(run, "checksPassed")).isEqualTo(4);
  }

  @Test
  void passesTheBusinessKeyAndTheRunToTheCalledProcesses() {
    ProcessInstance run = release.start();

    ProcessInstance validar = BpmnAwareTests.calledProcessInstance("validar", run);
    assertThat(validar.getBusinessKey()).isEqualTo("r-42");
    assertThat(validar).variables()
        .containsEntry("runId", "run-1").containsEntry("releaseRef", "r-42").containsEntry("requestedBy", "demo");
  }

  @Test
  void bringsTheStageOutputsOfValidarIntoTheRelease() {
    ProcessInstance run = release.awaitingApproval();

    assertThat(run).isWaitingAt("Task_ApproveRelease").variables()
        .containsEntry("artifactCount", 2)
        .containsEntry("validationErrors", 0)
        .containsEntry("validationWarnings", 1)
        .containsEntry("validateReportId", "report-validate-1")
        .containsEntry("testsPassed", 12)
        .containsEntry("testsFailed", 0)
        .containsEntry("coverage", 86.5)
        .containsEntry("testReportId", "report-test-1")
        .containsKeys("artifactsSummary", "validationSummary");
  }

  @Test
  void endsAtValidationFailedWithTheReasonWhenTheFetchFails() {
    ProcessInstance run = release.start();

    release.worker().fail(Topics.FETCH, BpmnErrors.FETCH_FAILED, "worker reason for FETCH_FAILED");

    assertThat(run).isEnded().hasPassed("EndEvent_ValidationFailed").hasNotPassed("Task_EvaluateGate");
    assertThat(history.variable(run, "failureReason")).isEqualTo("worker reason for FETCH_FAILED");
  }

  @Test
  void letsTheGateJudgeValidationErrorsWithoutTestingTheModels() {
    ProcessInstance run = release.start();
    release.worker().complete(Topics.FETCH, StageWorker.fetched());
    release.worker().passEvidence(Map.of());
    release.worker().complete(Topics.VALIDATE, StageWorker.validated().putValue("validationErrors", 3));
    release.evaluateGate(run);

    // validation errors cannot be waived: no waiver is asked
    assertThat(run).isEnded().hasPassedInOrder("CallActivity_Validar", "Task_EvaluateGate", "Gateway_Waivable",
        "EndEvent_GateFailed").hasNotPassed("Task_WaiveCriteria", "Task_ApproveRelease");
    assertThat(passed("Task_TestArtifacts")).isZero();
    assertThat(history.variable(run, "gateVerdict")).isEqualTo("reprovado");
    assertThat(history.variable(run, "gateFailedCriteria")).isEqualTo("validation,tests,coverage");
    assertThat(history.variable(run, "gateWaivable")).isEqualTo(false);
    assertThat(((String) history.variable(run, "gateReasons")).lines()).filteredOn(line -> line.startsWith("fail"))
        .containsExactly(
            "fail validation: Validation found 3 error(s); fix them and run validar again.",
            "fail tests: The tests did not run: models with validation errors are not tested.",
            "fail coverage: Coverage was not measured: the tests did not run.");
  }

  @Test
  void letsTheGateJudgeFailedTests() {
    ProcessInstance run = release.throughGate(Map.of("testsFailed", 2));

    assertThat(run).isWaitingAt("Task_WaiveCriteria").hasNotPassed("Task_ApproveRelease");
    assertThat(passed("EndEvent_TestsFailed")).isEqualTo(1);
    assertThat(history.variable(run, "gateVerdict")).isEqualTo("reprovado");
    assertThat(history.variable(run, "gateFailedCriteria")).isEqualTo("tests");
    assertThat((String) history.variable(run, "gateReasons"))
        .contains("fail tests: 2 test(s) failed; every test must pass.");
  }

  private long passed(String activityId) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery().activityId(activityId).finished().count();
  }

  @Test
  void endsAtDeploymentFailedWithTheReasonWhenTheDeployFails() {
    ProcessInstance run = release.awaitingApproval();
    release.approve(run);
    release.worker().complete(Topics.DEPLOY_GATE, StageWorker.gateEvidence(true, true));

    release.worker().fail(Topics.DEPLOY, BpmnErrors.DEPLOY_FAILED, "target answered 500");
    release.worker().complete(Topics.ROLLBACK, Variables.createVariables());

    assertThat(run).isEnded().hasPassed("EndEvent_DeploymentFailed").hasNotPassed("EndEvent_ReleaseDeployed");
    assertThat(history.variable(run, "failureReason")).isEqualTo("target answered 500");
  }

  @Test
  void endsAtDeploymentFailedWithTheReasonWhenTheVerificationFails() {
    ProcessInstance run = release.awaitingApproval();
    release.approve(run);
    release.worker().passEnvironment();
    release.worker().complete(Topics.DEPLOY_GATE, StageWorker.gateEvidence(true, true));
    release.worker().complete(Topics.DEPLOY, StageWorker.deployed());
    release.worker().complete(Topics.DEPLOY_WORKERS, Variables.createVariables());

    release.worker().fail(Topics.VERIFY, BpmnErrors.VERIFY_FAILED, "smoke instance did not start");
    release.worker().complete(Topics.ROLLBACK, Variables.createVariables());

    assertThat(run).isEnded().hasPassed("EndEvent_DeploymentFailed");
    assertThat(history.variable(run, "failureReason")).isEqualTo("smoke instance did not start");
    assertThat(history.variable(run, "deploymentIds")).isEqualTo("dep-1,dep-2");
  }

  @Test
  void asksForAWaiverInsteadOfApprovalWhenCoverageIsLow() {
    ProcessInstance run = release.throughGate(Map.of("validationErrors", 0, "coverage", 42.0));

    assertThat(run).isWaitingAt("Task_WaiveCriteria").hasNotPassed("Task_ApproveRelease");
    assertThat(history.variable(run, "gateVerdict")).isEqualTo("reprovado");
    assertThat(history.variable(run, "gateScore")).isEqualTo(85.0);
    assertThat((String) history.variable(run, "gateReasons"))
        .contains("fail coverage: Coverage 42.0% is below the 80% minimum.");
  }

  @Test
  void asksForApprovalAndSaysSoWhenThereIsNothingToCover() {
    Map<String, Object> notMeasured = new HashMap<>();
    notMeasured.put("coverage", null);
    notMeasured.put("coverableModels", 0);

    ProcessInstance run = release.throughGate(notMeasured);

    assertThat(run).isWaitingAt("Task_ApproveRelease");
    assertThat(history.variable(run, "gateVerdict")).isEqualTo("aprovado");
    assertThat((String) history.variable(run, "gateReasons"))
        .contains("pass coverage: The release has no process or decision models, so the 80% coverage minimum does not apply.");
  }

  @Test
  void asksForAWaiverWhenNoDeclaredTestCoversTheModels() {
    Map<String, Object> untested = new HashMap<>();
    untested.put("coverage", null);
    untested.put("coverableModels", 2);

    ProcessInstance run = release.throughGate(untested);

    assertThat(run).isWaitingAt("Task_WaiveCriteria").hasNotPassed("Task_ApproveRelease");
    assertThat((String) history.variable(run, "gateReasons"))
        .contains("fail coverage: The release has 2 process or decision model(s) and no test measured their coverage");
  }

  @Test
  void keepsTheDecisionResultOutOfTheStoredVariables() {
    ProcessInstance run = release.awaitingApproval();

    assertThat(run).variables().doesNotContainKey("decisionResult");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(run.getId()).variableName("decisionResult").count()).isZero();
  }

  @Test
  void endsRejectedWhenTheApproverRejectsWithAComment() {
    ProcessInstance run = release.awaitingApproval();

    release.decide(run, ReleaseRun.APPROVER, Map.of("aprovado", false, "comentario", "Missing rollback plan."));

    assertThat(run).isEnded().hasPassed("EndEvent_ReleaseRejected").hasNotPassed("CallActivity_Implantar");
    assertThat(history.variable(run, "comentario")).isEqualTo("Missing rollback plan.");
    assertThat(history.variable(run, "aprovadoPor")).isEqualTo(ReleaseRun.APPROVER);
    assertThat((String) history.variable(run, "aprovadoEm")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
  }
}
