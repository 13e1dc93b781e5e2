package dev.prometheuspipeline.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.prometheuspipeline.release.Topics;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-models.cfg.xml").build();

  private static final String REQUESTER = "carol";
  private static final String AUTHOR = "demo";
  private static final String APPROVER = "bob";

  private StageWorker worker;

  @BeforeEach
  void setUp() {
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
        "approvalExpiry", "P7D"));
  }

  private Task approval(ProcessInstance run) {
    return engine.getTaskService().createTaskQuery().processInstanceId(run.getId()).initializeFormKeys()
        .singleResult();
  }

  private void decide(ProcessInstance run, String user, Map<String, Object> decision) {
    engine.getIdentityService().setAuthentication(user, java.util.List.of("ms-produto"));
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
