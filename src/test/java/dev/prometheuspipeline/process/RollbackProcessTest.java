package dev.prometheuspipeline.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.prometheuspipeline.release.Topics;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The manual rollback of a release deployed to both environments of {@link TwoEnvironments}: asked for
 * by carol, the release authored by demo, approved by a third member of ms-produto.
 */
@Deployment(resources = {"processes/rollback.bpmn", "forms/aprovar-rollback.form"})
class RollbackProcessTest {
  private static final long DAY_MS = 24 * 60 * 60 * 1000L;

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-models.cfg.xml").build();

  private static final String REQUESTER = "carol";
  private static final String AUTHOR = "demo";
  private static final String APPROVER = "bob";

  private StageWorker worker;

  @BeforeEach
  void setUp() {
    TurnsGivenBack.GIVEN_BACK.clear();
    BpmnAwareTests.init(engine.getProcessEngine());
    worker = new StageWorker(engine.getExternalTaskService());
  }

  @AfterEach
  void forgetWhoIsLoggedIn() {
    engine.getIdentityService().clearAuthentication();
  }

  private ProcessInstance requestRollback() {
    return engine.getRuntimeService().startProcessInstanceByKey("rollback", "r-42", Map.of(
        "runId", "run-1", "releaseRef", "r-42", "requestedBy", REQUESTER, "releaseRequestedBy", AUTHOR,
        "rollbackReason", "pedidos stuck since the release", "rollbackPlan", "- **producao**: deployment d-2",
        "approvalReminder", "P1D", "approvalEscalation", "P2D", "approvalExpiry", "P7D",
        "escalationGroup", "ms-produto-gestores"));
  }

  private Task approval(ProcessInstance run) {
    return engine.getTaskService().createTaskQuery().processInstanceId(run.getId()).initializeFormKeys()
        .singleResult();
  }

  private void decide(ProcessInstance run, String user, Map<String, Object> decision) {
    engine.getIdentityService().setAuthentication(user, List.of("ms-produto"));
    try {
      engine.getTaskService().complete(approval(run).getId(), decision);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  @Test
  void offersTheRollbackToMsProdutoWithTheRollbackForm() {
    ProcessInstance run = requestRollback();

    assertThat(approval(run)).hasCandidateGroup("ms-produto").isNotAssigned();
    assertThat(approval(run).getCamundaFormRef().getKey()).isEqualTo("aprovarRollback");
    assertThat(run).isWaitingAt("Task_ApproveRollback");
  }

  @Test
  void approvedByAnotherMemberRollsBackEachEnvironmentTheLastDeployedFirst() {
    ProcessInstance run = requestRollback();

    decide(run, APPROVER, Map.of("aprovado", true));
    worker.complete(Topics.ROLLBACK_RELEASE, Variables.createVariables());
    worker.complete(Topics.ROLLBACK_RELEASE, Variables.createVariables());

    assertThat(run).isEnded().hasPassed("EndEvent_RolledBack");
    assertThat(worker.environmentsSeen(Topics.ROLLBACK_RELEASE)).containsExactly("producao", "homologacao");
    assertThat(TurnsGivenBack.GIVEN_BACK).containsExactly("run-1/producao", "run-1/homologacao");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(run.getId())
        .variableName("aprovadoPor").singleResult().getValue()).isEqualTo(APPROVER);
  }

  @Test
  void theNextEnvironmentWaitsUntilThePreviousIsRolledBack() {
    ProcessInstance run = requestRollback();

    decide(run, APPROVER, Map.of("aprovado", true));
    worker.lock(Topics.ROLLBACK_RELEASE);

    assertThat(run).isWaitingAt("Task_RollBackEnvironment");
    assertThat(engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(run.getId()).count())
        .isOne();
  }

  @Test
  void refusesTheDecisionOfWhoeverAskedForTheRollback() {
    ProcessInstance run = requestRollback();

    assertThatThrownBy(() -> decide(run, REQUESTER, Map.of("aprovado", true)))
        .isExactlyInstanceOf(AuthorizationException.class)
        .hasMessage("Four-eyes rule: carol requested the rollback of release r-42 and cannot approve it;"
            + " another member of ms-produto must decide.");
    assertThat(run).isWaitingAt("Task_ApproveRollback");
  }

  @Test
  void refusesTheDecisionOfTheReleasesAuthor() {
    ProcessInstance run = requestRollback();

    assertThatThrownBy(() -> decide(run, AUTHOR, Map.of("aprovado", true)))
        .isExactlyInstanceOf(AuthorizationException.class)
        .hasMessageContaining("demo requested release r-42, whose rollback this is, and cannot approve it");
    assertThat(run).isWaitingAt("Task_ApproveRollback");
  }

  @Test
  void refusesTheRequesterAsAssignee() {
    ProcessInstance run = requestRollback();

    assertThatThrownBy(() -> engine.getTaskService().claim(approval(run).getId(), REQUESTER))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("carol requested the rollback of release r-42 and cannot claim its approval")
        .hasRootCauseInstanceOf(AuthorizationException.class);
  }

  @Test
  void aRejectionNeedsACommentAndEndsWithoutRollingAnythingBack() {
    ProcessInstance run = requestRollback();

    assertThatThrownBy(() -> decide(run, APPROVER, Map.of("aprovado", false)))
        .isInstanceOf(FormFieldValidationException.class);
    decide(run, APPROVER, Map.of("aprovado", false, "comentario", "the stuck pedidos are a data problem"));

    assertThat(run).isEnded().hasPassed("EndEvent_RollbackRejected").hasNotPassed("Task_RollBackEnvironment");
  }

  @Test
  void endsNotApprovedWhenNobodyDecidesInTime() {
    ProcessInstance run = requestRollback();
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(run.getId())
        .activityId("Timer_RollbackExpired").singleResult();

    engine.getManagementService().executeJob(timer.getId());

    assertThat(run).isEnded().hasPassed("EndEvent_RollbackExpired").hasNotPassed("Task_RollBackEnvironment");
  }

  @Test
  void remindsTheApproversAndKeepsTheApprovalOpen() {
    ProcessInstance run = requestRollback();
    executeTimer(run, "Timer_RollbackReminder");

    LockedExternalTask reminder = worker.lock(Topics.NOTIFY);
    assertThat(reminder.getActivityId()).isEqualTo("Task_RemindRollbackApprovers");
    assertThat(reminder.getVariables().getValue("notification", String.class)).isEqualTo("reminder");
    assertThat(reminder.getVariables().getValue("releaseRef", String.class)).isEqualTo("r-42");
    engine.getExternalTaskService().complete(reminder.getId(), StageWorker.WORKER_ID);

    assertThat(run).hasPassed("EndEvent_RollbackApproversReminded").isWaitingAt("Task_ApproveRollback");
  }

  @Test
  void escalatesToTheManagersWhoMayThenDecide() {
    ProcessInstance run = requestRollback();
    executeTimer(run, "Timer_RollbackEscalation");

    Task task = approval(run);
    assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId)
        .contains("ms-produto", "ms-produto-gestores");
    assertThat(task.getPriority()).isEqualTo(80);
    assertThat(worker.lock(Topics.NOTIFY).getActivityId()).isEqualTo("Task_NotifyRollbackEscalation");

    engine.getIdentityService().setAuthentication("gina", List.of("ms-produto-gestores"));
    engine.getTaskService().complete(task.getId(), Map.of("aprovado", true));
    engine.getIdentityService().clearAuthentication();
    assertThat(run).isWaitingAt("Task_RollBackEnvironment");
  }

  @Test
  void schedulesTheApprovalTimersFromTheRollbackDurations() {
    long now = 1_767_225_600_000L; // 2026-01-01T00:00:00Z; the engine clock, reset after each test
    engine.setCurrentTime(new Date(now));
    ProcessInstance run = requestRollback();

    assertThat(dueDate(run, "Timer_RollbackReminder")).isEqualTo(now + DAY_MS);
    assertThat(dueDate(run, "Timer_RollbackEscalation")).isEqualTo(now + 2 * DAY_MS);
    assertThat(dueDate(run, "Timer_RollbackExpired")).isEqualTo(now + 7 * DAY_MS);
  }

  private void executeTimer(ProcessInstance run, String timerId) {
    engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
        .processInstanceId(run.getId()).activityId(timerId).singleResult().getId());
  }

  private long dueDate(ProcessInstance run, String timerId) {
    return engine.getManagementService().createJobQuery().processInstanceId(run.getId()).activityId(timerId)
        .singleResult().getDuedate().getTime();
  }

  @Test
  void aRollbackThatCannotFinishStaysAsAnIncidentSayingWhatIsLeft() {
    ProcessInstance run = requestRollback();
    decide(run, APPROVER, Map.of("aprovado", true));

    String what = "Rollback incomplete: delete-deployment d-2 failed (401)";
    engine.getExternalTaskService().handleFailure(worker.lock(Topics.ROLLBACK_RELEASE).getId(),
        StageWorker.WORKER_ID, what, 0, 0);

    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(run.getId()).singleResult()
        .getIncidentMessage()).isEqualTo(what);
    assertThat(run).isWaitingAt("Task_RollBackEnvironment");
  }
}
