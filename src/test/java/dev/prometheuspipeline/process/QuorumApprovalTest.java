package dev.prometheuspipeline.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.dto.VariableValueDto;
import org.camunda.bpm.engine.rest.dto.task.CompleteTaskDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.sub.task.impl.TaskResourceImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A release the approval routing asks two approvers for (here: a breaking release with its major bumped):
 * two distinct people, neither the requester, approve it; one rejection is enough to reject it.
 */
@Deployment(resources = {
    "processes/release.bpmn", "processes/validar.bpmn", "processes/implantar.bpmn", "dmn/deploy-gate.dmn",
    "dmn/regra-de-ouro.dmn", "dmn/approval-routing.dmn", "forms/aprovar-release.form"})
class QuorumApprovalTest {
  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-models.cfg.xml").build();

  private static final String SECOND_APPROVER = "joao";

  private ReleaseRun release;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine.getProcessEngine());
    release = new ReleaseRun(engine.getProcessEngine());
  }

  @AfterEach
  void forgetWhoIsLoggedIn() {
    engine.getIdentityService().clearAuthentication();
  }

  private ProcessInstance breakingRelease() {
    return release.throughGate(Map.of("breakingChanges", 2, "breakingSummary", "process key order removed",
        "semverMajorBumped", true));
  }

  private static Map<String, Object> approval() {
    return Map.of("aprovado", true, "comentario", "Fine by me.");
  }

  @Test
  void anOrdinaryReleaseIsRoutedToOneApproverFromMsProduto() {
    ProcessInstance run = release.awaitingApproval();

    assertThat(run).isWaitingAt("Task_ApproveRelease").variables()
        .containsEntry("approvalGroups", "ms-produto")
        .containsEntry("approvalQuorum", 1)
        .containsEntry("approvalRoutingReason", "one approver from ms-produto");
  }

  @Test
  void aBreakingReleaseIsRoutedToTwoApproversWithTheReason() {
    ProcessInstance run = breakingRelease();

    assertThat(run).isWaitingAt("Task_ApproveRelease").variables()
        .containsEntry("approvalQuorum", 2)
        .containsEntry("approvalRoutingReason", "breaking release: 2 breaking change(s) against the target")
        .containsEntry("approvers", "");
    assertThat(candidateGroups(release.approval(run))).containsExactly("ms-produto");
  }

  @Test
  void twoDistinctApproversDeployIt() {
    ProcessInstance run = breakingRelease();

    release.decide(run, ReleaseRun.APPROVER, approval());
    assertThat(run).isWaitingAt("Task_ApproveRelease").variables()
        .containsEntry("approvers", ReleaseRun.APPROVER).containsEntry("approvalCount", 1);

    release.decide(run, SECOND_APPROVER, approval());
    assertThat(run).isWaitingAt("CallActivity_Implantar").variables()
        .containsEntry("approvers", ReleaseRun.APPROVER + "," + SECOND_APPROVER)
        .containsEntry("approvalCount", 2)
        .containsEntry("aprovado", true)
        .containsEntry("aprovadoPor", SECOND_APPROVER);
  }

  @Test
  void theSameApproverCannotApproveTwice() {
    ProcessInstance run = breakingRelease();
    release.decide(run, ReleaseRun.APPROVER, approval());

    assertThatThrownBy(() -> release.decide(run, ReleaseRun.APPROVER, approval()))
        .isExactlyInstanceOf(AuthorizationException.class)
        .hasMessage("Four-eyes rule: maria already approved release r-42, which needs 2 distinct approvers"
            + " and cannot decide it again.");
    assertThatThrownBy(() -> engine.getTaskService().claim(release.approval(run).getId(), ReleaseRun.APPROVER))
        .hasRootCauseInstanceOf(AuthorizationException.class);
    assertThat(run).isWaitingAt("Task_ApproveRelease").variables().containsEntry("approvalCount", 1);
  }

  @Test
  void theSameApproverIsRefusedOverRestWith403() {
    ProcessInstance run = breakingRelease();
    release.decide(run, ReleaseRun.APPROVER, approval());
    Task task = release.approval(run);
    engine.getIdentityService().setAuthenticatedUserId(ReleaseRun.APPROVER);

    Throwable refusal = failure(() -> new TaskResourceImpl(engine.getProcessEngine(), task.getId(), "/engine-rest",
        new ObjectMapper(), false, false, false).complete(completion()));

    assertThat(refusal).isInstanceOf(AuthorizationException.class);
    assertThat(ExceptionHandlerHelper.getInstance().getStatus(refusal).getStatusCode()).isEqualTo(403);
  }

  @Test
  void theRequesterCannotBeTheSecondApprover() {
    ProcessInstance run = breakingRelease();
    release.decide(run, ReleaseRun.APPROVER, approval());

    assertThatThrownBy(() -> release.decide(run, ReleaseRun.REQUESTER, approval()))
        .isExactlyInstanceOf(AuthorizationException.class)
        .hasMessageContaining("Four-eyes rule: demo requested release r-42");
    assertThat(run).isWaitingAt("Task_ApproveRelease");
  }

  @Test
  void theSecondApprovalNeedsItsOwnDecision() {
    ProcessInstance run = breakingRelease();
    release.decide(run, ReleaseRun.APPROVER, approval());

    // the first approver's aprovado is forgotten when the approval is asked again: it never counts twice
    assertThatThrownBy(() -> release.decide(run, SECOND_APPROVER, Map.of()))
        .isInstanceOf(FormFieldValidationException.class).hasMessageContaining("was missing");
    assertThat(run).isWaitingAt("Task_ApproveRelease");
  }

  @Test
  void oneRejectionRejectsTheRelease() {
    ProcessInstance run = breakingRelease();
    release.decide(run, ReleaseRun.APPROVER, approval());

    release.decide(run, SECOND_APPROVER, Map.of("aprovado", false, "comentario", "Callers still use order."));

    assertThat(run).isEnded().hasPassed("EndEvent_ReleaseRejected").hasNotPassed("CallActivity_Implantar");
  }

  @Test
  void theApprovalStillExpiresAfterTheFirstApproval() {
    ProcessInstance run = breakingRelease();
    release.decide(run, ReleaseRun.APPROVER, approval());

    release.executeTimer(run, "Timer_ApprovalExpired");

    assertThat(run).isEnded().hasPassed("EndEvent_ApprovalExpired").hasNotPassed("Gateway_Approved");
  }

  @Test
  void anEscalationAlsoOffersTheApprovalsStillToComeToTheManagers() {
    ProcessInstance run = breakingRelease();
    release.executeTimer(run, "Timer_ApprovalEscalation");
    release.decide(run, ReleaseRun.APPROVER, approval());

    assertThat(candidateGroups(release.approval(run))).containsExactlyInAnyOrder("ms-produto", "ms-produto-gestores");
  }

  @Test
  void theApprovalFormSaysWhoApprovedHowManyAreNeededAndWhy() throws java.io.IOException {
    String form = java.nio.file.Files.readString(java.nio.file.Path.of("forms/aprovar-release.form"));

    assertThat(form).contains("{{approvalCount}}", "{{approvalQuorum}}", "{{approvalRoutingReason}}",
        "{{approvers}}");
  }

  private java.util.List<String> candidateGroups(Task task) {
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .map(IdentityLink::getGroupId).toList();
  }

  private static CompleteTaskDto completion() {
    VariableValueDto aprovado = new VariableValueDto();
    aprovado.setValue(true);
    aprovado.setType("Boolean");
    CompleteTaskDto dto = new CompleteTaskDto();
    dto.setVariables(Map.of("aprovado", aprovado));
    return dto;
  }

  private static Throwable failure(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("the call was not refused");
  }
}
