package dev.prometheuspipeline.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.dto.task.CompleteTaskDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.sub.task.impl.TaskResourceImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A failed Regra de Ouro: release-admin may waive its waivable criteria (never the release's author), or leave
 * it failed; the waiver expires like the approval. A gate that passes with reservations goes to the approval.
 */
@Deployment(resources = {
    "processes/release.bpmn", "processes/validar.bpmn", "processes/implantar.bpmn", "dmn/deploy-gate.dmn",
    "dmn/regra-de-ouro.dmn", "dmn/approval-routing.dmn", "forms/aprovar-release.form",
    "forms/dispensar-criterios.form"})
class WaiverTest {
  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-models.cfg.xml").build();

  static final String ADMIN = "rita";

  private ReleaseRun release;
  private ProcessHistory history;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine.getProcessEngine());
    release = new ReleaseRun(engine.getProcessEngine());
    history = new ProcessHistory(engine.getHistoryService());
  }

  @AfterEach
  void forgetWhoIsLoggedIn() {
    engine.getIdentityService().clearAuthentication();
  }

  /** Coverage under the minimum and no CHANGELOG entry: reprovado, both waivable. */
  private ProcessInstance failedButWaivable() {
    ProcessInstance run = release.throughGate(Map.of("coverage", 42.0, "changelogEntry", false));
    assertThat(run).isWaitingAt("Task_WaiveCriteria");
    return run;
  }

  @Test
  void offersTheWaiverToReleaseAdminWithTheWaiverForm() {
    ProcessInstance run = failedButWaivable();
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(run.getId())
        .initializeFormKeys().singleResult();

    assertThat(task).hasCandidateGroup("release-admin").isNotAssigned();
    assertThat(task.getCamundaFormRef().getKey()).isEqualTo("dispensarCriterios");
    assertThat(run).variables().containsEntry("gateFailedCriteria", "coverage,changelog")
        .containsEntry("gateWaivable", true).containsEntry("gateScore", 80.0);
  }

  @Test
  void aWaivedReleaseGoesOnToItsApprovalWithReservationsAndTheWaiverNamed() {
    ProcessInstance run = failedButWaivable();

    release.waive(run, ADMIN, Map.of("waive", true, "waiverReason", "Hotfix; tests follow in 2.1.1."));
    release.routeApproval(run);

    assertThat(run).isWaitingAt("Task_ApproveRelease")
        .hasPassedInOrder("Task_WaiveCriteria", "Gateway_Waived", "Task_RouteApproval");
    assertThat(run).variables()
        .containsEntry("waivedCriteria", "coverage,changelog")
        .containsEntry("waivedBy", ADMIN)
        .containsEntry("waiverReason", "Hotfix; tests follow in 2.1.1.")
        .containsEntry("gateVerdict", "aprovado com ressalvas");
    assertThat(((String) history.variable(run, "gateReasons")).lines()).startsWith(
        "waived coverage,changelog by rita: Hotfix; tests follow in 2.1.1.").contains(
        "fail coverage: Coverage 42.0% is below the 80% minimum.");

    // A waived criterion needs a second pair of eyes (dmn/approval-routing.dmn).
    assertThat(run).variables().containsEntry("approvalQuorum", 2)
        .containsEntry("approvalRoutingReason", "waived criteria: coverage,changelog");
    release.approve(run);
    release.decide(run, "joao", Map.of("aprovado", true, "comentario", "Agreed."));
    release.worker().passImplantar();
    assertThat(run).isEnded().hasPassed("EndEvent_ReleaseDeployed");
  }

  @Test
  void aRefusedWaiverEndsTheReleaseAsGateFailed() {
    ProcessInstance run = failedButWaivable();

    release.waive(run, ADMIN, Map.of("waive", false));

    assertThat(run).isEnded().hasPassed("EndEvent_GateFailed").hasNotPassed("Task_ApproveRelease");
    assertThat(history.variable(run, "gateVerdict")).isEqualTo("reprovado");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(run.getId())
        .variableName("waivedCriteria").count()).isZero();
  }

  @Test
  void theAuthorCanNeitherClaimNorWaive() {
    ProcessInstance run = failedButWaivable();
    Task task = release.waiver(run);

    assertThatThrownBy(() -> engine.getTaskService().claim(task.getId(), ReleaseRun.REQUESTER))
        .hasRootCauseInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> release.waive(run, ReleaseRun.REQUESTER, Map.of("waive", true, "waiverReason", "mine")))
        .isExactlyInstanceOf(AuthorizationException.class).hasMessageContaining("cannot waive");
    assertThat(run).isWaitingAt("Task_WaiveCriteria");
  }

  @Test
  void theAuthorsWaiverOverRestIsAnswered403() {
    ProcessInstance run = failedButWaivable();
    Task task = release.waiver(run);
    engine.getIdentityService().setAuthenticatedUserId(ReleaseRun.REQUESTER);

    Throwable refusal = ReleaseRun.restFailure(() -> new TaskResourceImpl(engine.getProcessEngine(), task.getId(), "/engine-rest",
        new ObjectMapper(), false, false, false).complete(waiver(true, "mine")));

    assertThat(refusal).isInstanceOf(AuthorizationException.class);
    assertThat(ExceptionHandlerHelper.getInstance().getStatus(refusal).getStatusCode()).isEqualTo(403);
  }

  @Test
  void aWaiverNeedsAnAuthenticatedUserAndAReason() {
    ProcessInstance run = failedButWaivable();
    Task task = release.waiver(run);

    assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(), Map.of("waive", true, "waiverReason", "x")))
        .isExactlyInstanceOf(AuthorizationException.class).hasMessageContaining("authenticated");
    assertThatThrownBy(() -> release.waive(run, ADMIN, Map.of("waive", true, "waiverReason", " ")))
        .isExactlyInstanceOf(FormFieldValidationException.class).hasMessageContaining("waiverReason is required");
    assertThatThrownBy(() -> release.waive(run, ADMIN, Map.of("waiverReason", "no decision")))
        .isExactlyInstanceOf(FormFieldValidationException.class).hasMessageContaining("Field waive");
    assertThat(run).isWaitingAt("Task_WaiveCriteria");
  }

  @Test
  void anExpiredWaiverEndsTheReleaseAsGateFailed() {
    ProcessInstance run = failedButWaivable();

    release.executeTimer(run, "Timer_WaiverExpired");

    assertThat(run).isEnded().hasPassed("EndEvent_WaiverExpired").hasNotPassed("Task_ApproveRelease");
  }

  @Test
  void unsignedArtifactsCannotBeWaived() {
    ProcessInstance run = release.throughGate(Map.of("coverage", 42.0, "unsignedArtifacts", 1));

    assertThat(run).isEnded().hasPassed("EndEvent_GateFailed").hasNotPassed("Task_WaiveCriteria");
    assertThat(history.variable(run, "gateFailedCriteria")).isEqualTo("coverage,signatures");
    assertThat(history.variable(run, "gateWaivable")).isEqualTo(false);
  }

  @Test
  void aGateWithReservationsGoesStraightToTheApproval() {
    ProcessInstance run = release.throughGate(Map.of("changelogEntry", false));

    assertThat(run).isWaitingAt("Task_ApproveRelease").hasNotPassed("Task_WaiveCriteria");
    assertThat(run).variables().containsEntry("gateVerdict", "aprovado com ressalvas")
        .containsEntry("gateFailedCriteria", "changelog").containsEntry("gateScore", 95.0);
    assertThat((String) history.variable(run, "gateSummary"))
        .contains("| changelog | FAIL | 5 | No CHANGELOG.md entry names this release");
  }

  private static CompleteTaskDto waiver(boolean waive, String reason) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("waive", waive);
    form.put("waiverReason", reason);
    return ReleaseRun.restForm(form);
  }
}
