package dev.prometheuspipeline.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Releases started on the first model, which bound the approval code by class name, still finish after the
 * models that bind it by bean are deployed. They keep running on their own definition, so the classes must
 * keep their names (public, with a no-argument constructor) until no such release is open.
 */
class ReleaseMigrationTest {
  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-models.cfg.xml").build();

  /**
   * The release models as deployed before the beans: release, validar and the Regra de Ouro of then (no
   * supply-chain evidence), the rest unchanged.
   */
  private static final String[] FIRST_RESOURCES = {
      "migration/release-v1.bpmn", "migration/validar-v1.bpmn", "processes/implantar.bpmn", "dmn/deploy-gate.dmn",
      "migration/regra-de-ouro-v1.dmn", "forms/aprovar-release.form"};

  /** The models as deployed before the scored Regra de Ouro: its gate said aprovado or reprovado, no waiver. */
  private static final String[] UNSCORED_RESOURCES = {
      "migration/release-v2.bpmn", "processes/validar.bpmn", "processes/implantar.bpmn", "dmn/deploy-gate.dmn",
      "migration/regra-de-ouro-v2.dmn", "forms/aprovar-release.form"};

  private final List<String> deployments = new ArrayList<>();
  private ReleaseRun release;
  private ProcessHistory history;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine.getProcessEngine());
    release = new ReleaseRun(engine.getProcessEngine());
    history = new ProcessHistory(engine.getHistoryService());
  }

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
    engine.getIdentityService().clearAuthentication();
  }

  @Test
  void theFirstModelBindsTheApprovalCodeByClassName() throws Exception {
    String first = new String(getClass().getClassLoader().getResourceAsStream("migration/release-v1.bpmn")
        .readAllBytes(), StandardCharsets.UTF_8);

    assertThat(first).contains(
        "camunda:class=\"dev.prometheuspipeline.approval.EscalateApproval\"",
        "class=\"dev.prometheuspipeline.approval.FourEyesListener\"",
        "class=\"dev.prometheuspipeline.approval.GateVerdictListener\"");
  }

  @Test
  void aReleaseWaitingForApprovalOnTheFirstModelIsDeployedAfterTheBeanModelsArrive() {
    ProcessInstance run = waitingForApprovalOnTheFirstModel();

    deploy(ReleaseRun.RESOURCES);
    release.approve(run);
    release.worker().passImplantar();

    assertThat(definitionOf(run).getVersion()).isEqualTo(1);
    assertThat(run).isEnded().hasPassedInOrder("Task_ApproveRelease", "CallActivity_Implantar",
        "EndEvent_ReleaseDeployed");
    // set by the four-eyes listener on the flow out of the approval: the old binding still ran it
    assertThat(history.variable(run, "aprovadoPor")).isEqualTo(ReleaseRun.APPROVER);
  }

  @Test
  void theFourEyesRuleStillGuardsAReleaseOfTheFirstModel() {
    ProcessInstance run = waitingForApprovalOnTheFirstModel();
    deploy(ReleaseRun.RESOURCES);
    Task task = release.approval(run);

    assertThatThrownBy(() -> engine.getTaskService().claim(task.getId(), ReleaseRun.REQUESTER))
        .hasRootCauseInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> release.decide(run, ReleaseRun.REQUESTER, Map.of("aprovado", true)))
        .isExactlyInstanceOf(AuthorizationException.class).hasMessageContaining("Four-eyes rule");
    assertThat(run).isWaitingAt("Task_ApproveRelease");
  }

  @Test
  void aReleaseOfTheFirstModelStillEscalates() {
    ProcessInstance run = waitingForApprovalOnTheFirstModel();
    deploy(ReleaseRun.RESOURCES);

    release.executeTimer(run, "Timer_ApprovalEscalation");

    Task task = release.approval(run);
    assertThat(task.getPriority()).isEqualTo(80);
    assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
        .filteredOn(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .extracting(link -> link.getGroupId()).containsExactlyInAnyOrder("ms-produto", "ms-produto-gestores");
  }

  /** The first validar caught VALIDATION_FAILED; the stage now completes with the errors as figures. */
  @Test
  void aReleaseInTheFirstValidarWhenValidationFindsErrorsIsRejectedByTheGate() {
    deploy(FIRST_RESOURCES);
    ProcessInstance run = release.start();
    deploy(ReleaseRun.RESOURCES);

    release.worker().passValidarWithoutEvidence(Map.of("validationErrors", 2));
    release.evaluateGate(run);

    assertThat(run).isEnded().hasPassed("EndEvent_GateFailed").hasNotPassed("Task_ApproveRelease");
    assertThat((String) history.variable(run, "gateReasons"))
        .contains("reprovado: Validation found 2 error(s); fix them and run validar again.");
  }

  @Test
  void aReleaseStartedAfterTheBeanModelsArriveRunsOnThem() {
    waitingForApprovalOnTheFirstModel();
    deploy(ReleaseRun.RESOURCES);

    ProcessInstance run = release.awaitingApproval();

    assertThat(definitionOf(run).getVersion()).isEqualTo(2);
    assertThat(history.variable(run, "gateVerdict")).isEqualTo("aprovado");
  }

  @Test
  void aReleaseAtTheGateOfTheUnscoredModelsIsJudgedByItsOwnDecisionAfterTheScoreArrives() {
    deploy(UNSCORED_RESOURCES);
    ProcessInstance run = release.start();
    release.worker().passValidar(Map.of());
    deploy(ReleaseRun.RESOURCES);

    release.evaluateGate(run);

    assertThat(run).isWaitingAt("Task_ApproveRelease");
    assertThat(definitionOf(run).getVersion()).isEqualTo(1);
    assertThat(history.variable(run, "gateVerdict")).isEqualTo("aprovado");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(run.getId())
        .variableName("gateScore").count()).as("no score from the unscored decision").isZero();
    assertThat((String) history.variable(run, "gateReasons")).contains("aprovado: Coverage 86.5% meets the 80% minimum.");
  }

  @Test
  void aReleaseThatFailsTheGateOfTheUnscoredModelsEndsThereWithoutAWaiver() {
    deploy(UNSCORED_RESOURCES);
    ProcessInstance run = release.start();
    release.worker().passValidar(Map.of("coverage", 42.0));
    deploy(ReleaseRun.RESOURCES);

    release.evaluateGate(run);

    assertThat(run).isEnded().hasPassed("EndEvent_GateFailed");
    assertThat((String) history.variable(run, "gateReasons"))
        .contains("reprovado: Coverage 42.0% is below the 80% minimum.");
  }

  private ProcessInstance waitingForApprovalOnTheFirstModel() {
    deploy(FIRST_RESOURCES);
    ProcessInstance run = release.awaitingApprovalOnTheFirstModel();
    assertThat(run).isWaitingAt("Task_ApproveRelease");
    assertThat(history.variable(run, "gateVerdict")).isEqualTo("aprovado");
    return run;
  }

  private void deploy(String... resources) {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("release-models");
    for (String resource : resources) {
      deployment.addClasspathResource(resource);
    }
    deployments.add(deployment.deploy().getId());
  }

  private ProcessDefinition definitionOf(ProcessInstance run) {
    RepositoryService repository = engine.getRepositoryService();
    return repository.getProcessDefinition(run.getProcessDefinitionId());
  }
}
