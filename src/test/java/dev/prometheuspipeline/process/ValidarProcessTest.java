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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
  void endsValidatedWhenFetchValidateAndTestPass() {
    ProcessInstance run = startValidar();

    worker.passValidar(Map.of());

    assertThat(run).isEnded().hasPassedInOrder(
        "Task_FetchArtifacts", "Task_ValidateArtifacts", "Task_TestArtifacts", "EndEvent_Validated");
  }

  @ParameterizedTest(name = "{1} on {0} ends at {2}")
  @CsvSource({
      "pipeline.fetch, FETCH_FAILED, EndEvent_FetchFailed",
      "pipeline.validate, VALIDATION_FAILED, EndEvent_ValidationFailed",
      "pipeline.test, TESTS_FAILED, EndEvent_TestsFailed"})
  void aloneJustEndsAtTheFailedStageWithTheWorkersReason(String topic, String errorCode, String endEvent) {
    ProcessInstance run = startValidar();

    failAt(topic, errorCode, "stage said no: " + errorCode);

    assertThat(run).isEnded().hasPassed(endEvent).hasNotPassed("EndEvent_Validated");
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    assertThat(history.variable(run, "failureReason")).isEqualTo("stage said no: " + errorCode);
  }

  /** Completes the stages before the failing one, then fails it. */
  private void failAt(String topic, String errorCode, String message) {
    if (!topic.equals(Topics.FETCH)) {
      worker.complete(Topics.FETCH, StageWorker.fetched());
    }
    if (topic.equals(Topics.TEST)) {
      worker.complete(Topics.VALIDATE, StageWorker.validated());
    }
    worker.fail(topic, errorCode, message);
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
