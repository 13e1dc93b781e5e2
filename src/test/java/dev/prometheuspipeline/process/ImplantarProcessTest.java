package dev.prometheuspipeline.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.prometheuspipeline.release.BpmnErrors;
import dev.prometheuspipeline.release.Topics;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * implantar started alone, as the backlog contract's modo implantar starts it, over the two environments
 * of {@link TwoEnvironments}: homologacao, then producao.
 */
@Deployment(resources = {"processes/implantar.bpmn", "dmn/deploy-gate.dmn"})
class ImplantarProcessTest {
  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-models.cfg.xml").build();

  private StageWorker worker;
  private ProcessHistory history;

  @BeforeEach
  void setUp() {
    TurnsGivenBack.GIVEN_BACK.clear();
    BpmnAwareTests.init(engine.getProcessEngine());
    worker = new StageWorker(engine.getExternalTaskService());
    history = new ProcessHistory(engine.getHistoryService());
  }

  private ProcessInstance startImplantar() {
    return engine.getRuntimeService().startProcessInstanceByKey("implantar", "r-42",
        Map.of("runId", "run-1", "releaseRef", "r-42", "requestedBy", "demo"));
  }

  @Test
  void deploysAndVerifiesEachEnvironmentInOrder() {
    ProcessInstance run = startImplantar();

    worker.passImplantar();

    assertThat(run).isEnded().hasPassed("EndEvent_Deployed");
    assertThat(environmentsPassing(Topics.VERIFY)).containsExactly("homologacao", "producao");
    // Each pass gives its environment's turn back as it ends, before the next pass takes the next one.
    assertThat(TurnsGivenBack.GIVEN_BACK).containsExactly("run-1/homologacao", "run-1/producao");
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(run.getId())
        .activityId("Task_RollBack").count()).isZero();
  }

  @Test
  void theNextEnvironmentWaitsForThePreviousOnesVerification() {
    ProcessInstance run = startImplantar();

    worker.complete(Topics.DEPLOY_GATE, StageWorker.gateEvidence(true, true));
    worker.complete(Topics.DEPLOY, StageWorker.deployed());
    worker.complete(Topics.DEPLOY_WORKERS, Variables.createVariables());

    assertThat(run).isWaitingAt("Task_VerifyDeployment");
    assertThat(environmentsPassing(Topics.DEPLOY)).containsExactly("homologacao");
    assertThat(TurnsGivenBack.GIVEN_BACK).as("homologacao is held until its verification").isEmpty();
  }

  @Test
  void aFailedDeployRollsTheEnvironmentBackAndNeverReachesTheNext() {
    ProcessInstance run = startImplantar();

    worker.complete(Topics.DEPLOY_GATE, StageWorker.gateEvidence(true, true));
    worker.fail(Topics.DEPLOY, BpmnErrors.DEPLOY_FAILED, "target refused the deployment: 401");
    worker.complete(Topics.ROLLBACK, Variables.createVariables());

    assertThat(run).isEnded().hasPassed("Task_RollBack", "EndEvent_RolledBack").hasNotPassed("EndEvent_Deployed");
    assertThat(history.variable(run, "failureReason")).isEqualTo("target refused the deployment: 401");
    assertThat(environmentsPassing(Topics.DEPLOY)).containsExactly("homologacao");
    assertThat(TurnsGivenBack.GIVEN_BACK).as("given back once rolled back").containsExactly("run-1/homologacao");
  }

  @Test
  void aFailedVerificationInProductionRollsProductionBack() {
    ProcessInstance run = startImplantar();
    worker.passEnvironment();

    worker.complete(Topics.DEPLOY_GATE, StageWorker.gateEvidence(true, true));
    worker.complete(Topics.DEPLOY, StageWorker.deployed());
    worker.complete(Topics.DEPLOY_WORKERS, Variables.createVariables());
    worker.fail(Topics.VERIFY, BpmnErrors.VERIFY_FAILED, "smoke:tests/Genesis/smoke/pedido.json failed");
    worker.complete(Topics.ROLLBACK, Variables.createVariables());

    assertThat(run).isEnded().hasPassed("EndEvent_RolledBack").hasNotPassed("EndEvent_Deployed");
    assertThat(environmentsPassing(Topics.ROLLBACK)).containsExactly("producao");
    assertThat(history.variable(run, "failureReason")).isEqualTo("smoke:tests/Genesis/smoke/pedido.json failed");
  }

  @Test
  void workersThatDoNotReportTheCommitRollBackToo() {
    ProcessInstance run = startImplantar();

    worker.complete(Topics.DEPLOY_GATE, StageWorker.gateEvidence(true, true));
    worker.complete(Topics.DEPLOY, StageWorker.deployed());
    worker.fail(Topics.DEPLOY_WORKERS, BpmnErrors.WORKERS_FAILED, "agent reported failed: npm ci exited 1");
    worker.complete(Topics.ROLLBACK, Variables.createVariables());

    assertThat(run).isEnded().hasPassed("BoundaryEvent_WorkersFailed", "Task_RollBack", "EndEvent_RolledBack");
  }

  @Test
  void homologacaoNeedsNoApprovalButProductionDoes() {
    ProcessInstance run = startImplantar();

    worker.complete(Topics.DEPLOY_GATE, StageWorker.gateEvidence(true, false));
    worker.complete(Topics.DEPLOY, StageWorker.deployed());
    worker.complete(Topics.DEPLOY_WORKERS, Variables.createVariables());
    worker.complete(Topics.VERIFY, StageWorker.verified());
    worker.complete(Topics.DEPLOY_GATE, StageWorker.gateEvidence(true, false));

    assertThat(run).isEnded().hasPassed("EndEvent_GateRefused", "EndEvent_DeployBlocked");
    assertThat(environmentsPassing(Topics.DEPLOY)).containsExactly("homologacao");
    assertThat(history.variable(run, "failureReason"))
        .isEqualTo("producao needs the release approved by MS_PRODUTO, and it is not");
  }

  @Test
  void anArtifactThatFailsItsSignatureCheckNeverReachesAnEngineEvenWhenApproved() {
    ProcessInstance run = startImplantar();

    worker.complete(Topics.DEPLOY_GATE, StageWorker.gateEvidence(true, true).putValue("signaturesValid", false)
        .putValue("signatureProblems", "Genesis/bpmn/pedido.bpmn: tampered"));

    assertThat(run).isEnded().hasPassed("EndEvent_DeployBlocked").hasNotPassed("Task_DeployArtifacts");
    assertThat(history.variable(run, "failureReason")).isEqualTo("the artifacts to deploy to homologacao fail their"
        + " signature check: Genesis/bpmn/pedido.bpmn: tampered; run modo validar again");
  }

  @Test
  void aGateWithoutASignatureCheckRefusesTheDeploy() {
    ProcessInstance run = startImplantar();

    worker.complete(Topics.DEPLOY_GATE, StageWorker.gateEvidence(true, true).putValue("signaturesValid", null)
        .putValue("signatureProblems", "no signature check ran"));

    assertThat(run).isEnded().hasPassed("EndEvent_DeployBlocked").hasNotPassed("Task_DeployArtifacts");
    assertThat(TurnsGivenBack.GIVEN_BACK).as("given back when the gate refuses").containsExactly("run-1/homologacao");
  }

  @Test
  void artifactsThatAreNotTheValidatedBytesNeverReachAnEngine() {
    ProcessInstance run = startImplantar();

    worker.complete(Topics.DEPLOY_GATE, StageWorker.gateEvidence(false, true));

    assertThat(run).isEnded().hasPassed("EndEvent_DeployBlocked").hasNotPassed("Task_DeployArtifacts");
    assertThat((String) history.variable(run, "failureReason"))
        .startsWith("the artifacts to deploy to homologacao are not the bytes that were validated: ")
        .contains("Genesis/bpmn/pedido.bpmn");
  }

  /** The {@code ambiente} each task of {@code topic} was locked with, in order, as a worker sees it. */
  private List<String> environmentsPassing(String topic) {
    return worker.environmentsSeen(topic);
  }
}
