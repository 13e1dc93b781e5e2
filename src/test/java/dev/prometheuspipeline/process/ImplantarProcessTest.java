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

/** implantar started alone, as the backlog contract's modo implantar starts it. */
@Deployment(resources = "processes/implantar.bpmn")
class ImplantarProcessTest {
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

  private ProcessInstance startImplantar() {
    return engine.getRuntimeService().startProcessInstanceByKey("implantar", "r-42",
        Map.of("runId", "run-1", "releaseRef", "r-42", "requestedBy", "demo"));
  }

  @Test
  void endsVerifiedWhenDeployAndVerifyPass() {
    ProcessInstance run = startImplantar();

    worker.passImplantar();

    assertThat(run).isEnded().hasPassedInOrder("Task_DeployArtifacts", "Task_VerifyDeployment", "EndEvent_Deployed");
  }

  @Test
  void aloneJustEndsWhenTheDeployFails() {
    ProcessInstance run = startImplantar();

    worker.fail(Topics.DEPLOY, BpmnErrors.DEPLOY_FAILED, "target refused the deployment: 401");

    assertThat(run).isEnded().hasPassed("EndEvent_DeployFailed").hasNotPassed("Task_VerifyDeployment");
    assertThat(history.variable(run, "failureReason")).isEqualTo("target refused the deployment: 401");
  }

  @Test
  void aloneJustEndsWhenTheVerificationFails() {
    ProcessInstance run = startImplantar();

    worker.complete(Topics.DEPLOY, StageWorker.deployed());
    worker.fail(Topics.VERIFY, BpmnErrors.VERIFY_FAILED, "2 of 4 checks failed");

    assertThat(run).isEnded().hasPassed("EndEvent_VerifyFailed").hasNotPassed("EndEvent_Deployed");
    assertThat(history.variable(run, "failureReason")).isEqualTo("2 of 4 checks failed");
  }
}
