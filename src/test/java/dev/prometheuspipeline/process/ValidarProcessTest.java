package dev.prometheuspipeline.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.prometheuspipeline.release.BpmnErrors;
import dev.prometheuspipeline.release.Topics;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** validar started alone, as the backlog contract's modo validar starts it. */
@Deployment(resources = "processes/validar.bpmn")
class ValidarProcessTest {
  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-models.cfg.xml").build();

  private StageWorker worker;
  private ProcessHistory history;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine.getProcessEngine());
    worker = new StageWorker(engine.getExternalTaskService());
    history = new ProcessHistory(engine.getHistoryService());
  }

  private ProcessInstance startValidar() {
    return engine.getRuntimeService().startProcessInstanceByKey("validar", "r-42",
        Map.of("runId", "run-1", "releaseRef", "r-42", "requestedBy", "demo"));
  }

  @Test
  void endsValidatedWhenFetchEvidenceValidateAndTestPass() {
    ProcessInstance run = startValidar();

    worker.passValidar(Map.of());

    assertThat(run).isEnded().hasPassedInOrder("Task_FetchArtifacts", "Task_BuildSbom", "Task_ScanVulnerabilities",
        "Task_SignEvidence", "Task_CompareWithTarget", "Task_ValidateArtifacts", "Task_TestArtifacts", "EndEvent_Validated");
  }

  @Test
  void aloneJustEndsAtFetchFailedWithTheWorkersReason() {
    ProcessInstance run = startValidar();

    worker.fail(Topics.FETCH, BpmnErrors.FETCH_FAILED, "stage said no: FETCH_FAILED");

    assertThat(run).isEnded().hasPassed("EndEvent_FetchFailed").hasNotPassed("EndEvent_Validated");
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    assertThat(history.variable(run, "failureReason")).isEqualTo("stage said no: FETCH_FAILED");
  }

  @Test
  void aloneEndsAtValidationFailedWithoutTestingWhenValidationFindsErrors() {
    ProcessInstance run = startValidar();
    worker.complete(Topics.FETCH, StageWorker.fetched());
    worker.passEvidence(Map.of());

    worker.complete(Topics.VALIDATE, StageWorker.validated().putValue("validationErrors", 3));

    assertThat(run).isEnded().hasPassedInOrder("Task_ValidateArtifacts", "EndEvent_ValidationFailed")
        .hasNotPassed("Task_TestArtifacts", "EndEvent_Validated");
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    assertThat(history.variable(run, "validationErrors")).isEqualTo(3);
  }

  @Test
  void aloneEndsAtTestsFailedWhenATestFails() {
    ProcessInstance run = startValidar();

    worker.passValidar(Map.of("testsFailed", 2));

    assertThat(run).isEnded().hasPassedInOrder("Task_TestArtifacts", "EndEvent_TestsFailed")
        .hasNotPassed("EndEvent_Validated");
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    assertThat(history.variable(run, "testsFailed")).isEqualTo(2);
  }

  @Test
  void aStageErrorCodeOfAnotherModeIsNotCaughtHere() {
    ProcessInstance run = startValidar();

    worker.fail(Topics.FETCH, BpmnErrors.DEPLOY_FAILED, "wrong mode");

    // An error no boundary catches ends the instance too (the engine's default), but not at a failure end
    // event; this pins that each boundary catches only its own code.
    assertThat(run).isEnded().hasNotPassed("EndEvent_FetchFailed");
  }
}
