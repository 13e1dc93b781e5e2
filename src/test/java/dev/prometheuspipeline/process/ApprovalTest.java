package dev.prometheuspipeline.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.dto.task.CompleteTaskDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
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

/** The approval: its routing and quorum, four-eyes, the form's rules, reminder, escalation and expiry. */
@Deployment(resources = {
    "processes/release.bpmn", "processes/validar.bpmn", "processes/implantar.bpmn", "dmn/deploy-gate.dmn",
    "dmn/regra-de-ouro.dmn", "dmn/approval-routing.dmn", "forms/aprovar-release.form",
      "forms/dispensar-criterios.form"})
class ApprovalTest {
  private static final String SECOND_APPROVER = "joao";
  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-models.cfg.xml").build();

  private static final long DAY_MS = 86_400_000L;

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

  @Test
  void offersTheApprovalToMsProdutoWithTheApprovalForm() {
    ProcessInstance run = release.awaitingApproval();
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(run.getId())
        .initializeFormKeys().singleResult();

    assertThat(task).hasCandidateGroup("ms-produto").isNotAssigned();
    assertThat(task.getCamundaFormRef().getKey()).isEqualTo("aprovarRelease");
    assertThat(task.getCamundaFormRef().getBinding()).isEqualTo("deployment");
  }

  @Test
  void letsAnotherMemberClaimTheApproval() {
    ProcessInstance run = release.awaitingApproval();
    Task task = release.approval(run);

    engine.getTaskService().claim(task.getId(), ReleaseRun.APPROVER);

    assertThat(release.approval(run)).isAssignedTo(ReleaseRun.APPROVER);
  }

  @Test
  void refusesTheRequesterAsAssigneeWithAnAuthorizationExceptionAsCause() {
    ProcessInstance run = release.awaitingApproval();
    Task task = release.approval(run);

    // The engine wraps every task listener failure (ENGINE-03051 is the outer wrapper);
    // the four-eyes refusal is the root cause and its message is kept.
    assertThatThrownBy(() -> engine.getTaskService().claim(task.getId(), ReleaseRun.REQUESTER))
        .isExactlyInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("Four-eyes rule: demo requested release r-42 and cannot claim its approval")
        .hasRootCauseInstanceOf(AuthorizationException.class);
    assertThat(release.approval(run)).isNotAssigned();
  }

  @Test
  void refusesTheRequestersDecisionWithAnUnwrappedAuthorizationException() {
    ProcessInstance run = release.awaitingApproval();
    assertThatThrownBy(() -> release.decide(run, ReleaseRun.REQUESTER, Map.of("aprovado", true)))
        .isExactlyInstanceOf(AuthorizationException.class)
        .hasMessage("Four-eyes rule: demo requested release r-42 and cannot approve it;"
            + " another member of ms-produto must decide.");
    assertThat(run).isWaitingAt("Task_ApproveRelease");
  }

  @Test
  void refusesADecisionWithoutAnAuthenticatedUser() {
    ProcessInstance run = release.awaitingApproval();
    Task task = release.approval(run);

    assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(), Map.of("aprovado", true)))
        .isExactlyInstanceOf(AuthorizationException.class)
        .hasMessageContaining("authenticated user");
    assertThat(run).isWaitingAt("Task_ApproveRelease");
  }

  @Test
  void refusesARejectionWithoutAComment() {
    ProcessInstance run = release.awaitingApproval();
    assertThatThrownBy(() -> release.decide(run, ReleaseRun.APPROVER, Map.of("aprovado", false, "comentario", " ")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("Field comentario is required when rejecting release r-42");
    assertThat(run).isWaitingAt("Task_ApproveRelease");
  }

  @Test
  void refusesADecisionThatIsNotABoolean() {
    ProcessInstance run = release.awaitingApproval();
    assertThatThrownBy(() -> release.decide(run, ReleaseRun.APPROVER, Map.of("aprovado", "yes")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("Field aprovado of release r-42 must be true (approve) or false (reject), was 'yes'");
    assertThat(run).isWaitingAt("Task_ApproveRelease");
  }

  @Test
  void letsTheBacklogServiceIdentityDecide() {
    ProcessInstance run = release.awaitingApproval();
    release.decide(run, "backlog", Map.of("aprovado", true));

    assertThat(run).isWaitingAt("CallActivity_Implantar").variables().containsEntry("aprovadoPor", "backlog");
  }

  @Test
  void answersTheRequestersDecisionOverRestWith403() {
    ProcessInstance run = release.awaitingApproval();
    Task task = release.approval(run);
    engine.getIdentityService().setAuthentication(ReleaseRun.REQUESTER, java.util.List.of("ms-produto"));

    Throwable refusal = ReleaseRun.restFailure(() -> rest(task).complete(completion(true, "")));

    assertThat(refusal).isInstanceOf(AuthorizationException.class);
    assertThat(ExceptionHandlerHelper.getInstance().getStatus(refusal).getStatusCode()).isEqualTo(403);
  }

  @Test
  void answersARejectionWithoutCommentOverRestWith400() {
    ProcessInstance run = release.awaitingApproval();
    Task task = release.approval(run);
    engine.getIdentityService().setAuthentication(ReleaseRun.APPROVER, java.util.List.of("ms-produto"));

    Throwable refusal = ReleaseRun.restFailure(() -> rest(task).submit(completion(false, "")));

    assertThat(refusal).isInstanceOf(RestException.class).hasMessageContaining("Field comentario");
    assertThat(ExceptionHandlerHelper.getInstance().getStatus(refusal).getStatusCode()).isEqualTo(400);
  }

  @Test
  void answersTheRequestersClaimOverRestWith500CarryingTheReason() {
    ProcessInstance run = release.awaitingApproval();
    Task task = release.approval(run);

    Throwable refusal = ReleaseRun.restFailure(() -> engine.getTaskService().claim(task.getId(), ReleaseRun.REQUESTER));

    // REST's claim has no handler of its own; the wrapped listener failure maps to 500.
    assertThat(ExceptionHandlerHelper.getInstance().getStatus(refusal).getStatusCode()).isEqualTo(500);
    assertThat(ExceptionHandlerHelper.getInstance().fromException(refusal).getMessage()).contains("Four-eyes rule");
  }

  @Test
  void remindsTheApproversAndKeepsTheApprovalOpen() {
    ProcessInstance run = release.awaitingApproval();
    release.executeTimer(run, "Timer_ApprovalReminder");

    LockedExternalTask reminder = release.worker().lock(Topics.NOTIFY);
    assertThat(reminder.getActivityId()).isEqualTo("Task_RemindApprovers");
    assertThat(reminder.getVariables().getValue("notification", String.class)).isEqualTo("reminder");
    assertThat(reminder.getVariables().getValue("releaseRef", String.class)).isEqualTo("r-42");
    assertThat(run).isWaitingAt("Task_ApproveRelease", "Task_RemindApprovers");

    engine.getExternalTaskService().complete(reminder.getId(), StageWorker.WORKER_ID);
    assertThat(run).hasPassed("EndEvent_ApproversReminded").isWaitingAt("Task_ApproveRelease");
  }

  @Test
  void escalatesToTheManagersGroupWithAHigherPriority() {
    ProcessInstance run = release.awaitingApproval();
    release.executeTimer(run, "Timer_ApprovalEscalation");

    Task task = release.approval(run);
    assertThat(candidateGroups(task)).containsExactlyInAnyOrder("ms-produto", "ms-produto-gestores");
    assertThat(task.getPriority()).isEqualTo(80);
    LockedExternalTask notification = release.worker().lock(Topics.NOTIFY);
    assertThat(notification.getActivityId()).isEqualTo("Task_NotifyEscalation");
    assertThat(notification.getVariables().getValue("notification", String.class)).isEqualTo("escalation");
    assertThat(run).isWaitingAt("Task_ApproveRelease");
  }

  @Test
  void failsTheEscalationWithAClearMessageWhenTheReleaseHasNoEscalationGroup() {
    ProcessInstance run = release.awaitingApproval();
    engine.getRuntimeService().removeVariable(run.getId(), "escalationGroup");

    assertThatThrownBy(() -> release.executeTimer(run, "Timer_ApprovalEscalation"))
        .hasMessageContaining("release r-42 (Task_EscalateApproval): variable escalationGroup is not set");
    assertThat(candidateGroups(release.approval(run))).containsExactly("ms-produto");
  }

  @Test
  void endsAtApprovalExpiredWhenNobodyDecidesInTime() {
    ProcessInstance run = release.awaitingApproval();
    release.executeTimer(run, "Timer_ApprovalExpired");

    assertThat(run).isEnded().hasPassed("EndEvent_ApprovalExpired").hasNotPassed("Gateway_Approved");
  }

  @Test
  void schedulesTheApprovalTimersFromTheReleaseDurations() {
    long now = 1_767_225_600_000L; // 2026-01-01T00:00:00Z; the engine clock, reset after each test
    engine.setCurrentTime(new Date(now));
    ProcessInstance run = release.awaitingApproval();

    assertThat(dueDate(run, "Timer_ApprovalReminder")).isEqualTo(now + DAY_MS);
    assertThat(dueDate(run, "Timer_ApprovalEscalation")).isEqualTo(now + 2 * DAY_MS);
    assertThat(dueDate(run, "Timer_ApprovalExpired")).isEqualTo(now + 7 * DAY_MS);
  }

  // A release the approval routing asks two approvers for (here: a breaking release with its major bumped):
  // two distinct people, neither the requester, approve it; one rejection is enough to reject it.

  private ProcessInstance breakingRelease() {
    return release.throughGate(Map.of("breakingChanges", 2, "breakingSummary", "process key order removed",
        "semverMajorBumped", true, "migrationGuidePresent", true));
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
    engine.getIdentityService().setAuthentication(ReleaseRun.APPROVER, java.util.List.of("ms-produto"));

    Throwable refusal = ReleaseRun.restFailure(() -> rest(task).complete(completion(true, "")));

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
  void theApprovalFormSaysWhoApprovedHowManyAreNeededAndWhy() throws IOException {
    String form = Files.readString(Path.of("forms/aprovar-release.form"));

    assertThat(form).contains("{{approvalCount}}", "{{approvalQuorum}}", "{{approvalRoutingReason}}",
        "{{approvers}}");
  }

  private long dueDate(ProcessInstance run, String timerId) {
    return engine.getManagementService().createJobQuery()
        .processInstanceId(run.getId()).activityId(timerId).singleResult().getDuedate().getTime();
  }

  private Set<String> candidateGroups(Task task) {
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .map(IdentityLink::getGroupId)
        .collect(Collectors.toSet());
  }

  /** The task resource exactly as the REST API serves it, without the HTTP around it. */
  private TaskResourceImpl rest(Task task) {
    return new TaskResourceImpl(engine.getProcessEngine(), task.getId(), "/engine-rest", new ObjectMapper(),
        false, false, false);
  }

  private static CompleteTaskDto completion(boolean aprovado, String comentario) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("aprovado", aprovado);
    form.put("comentario", comentario);
    return ReleaseRun.restForm(form);
  }
}
