package dev.prometheuspipeline.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.rest.dto.VariableValueDto;
import org.camunda.bpm.engine.rest.dto.task.CompleteTaskDto;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;

/** Starts releases the way the application does and drives them to the point a test is about. */
final class ReleaseRun {
  static final String[] RESOURCES = {
      "processes/release.bpmn", "processes/validar.bpmn", "processes/implantar.bpmn", "dmn/deploy-gate.dmn",
      "dmn/regra-de-ouro.dmn", "dmn/approval-routing.dmn", "forms/aprovar-release.form",
      "forms/dispensar-criterios.form"};
  static final String REQUESTER = "demo";
  static final String APPROVER = "maria";

  private final ProcessEngine engine;
  private final StageWorker worker;

  ReleaseRun(ProcessEngine engine) {
    this.engine = engine;
    this.worker = new StageWorker(engine.getExternalTaskService());
  }

  StageWorker worker() {
    return worker;
  }

  ProcessInstance start() {
    return engine.getRuntimeService().startProcessInstanceByKey("release", "r-42", Variables.createVariables()
        .putValue("runId", "run-1")
        .putValue("releaseRef", "r-42")
        .putValue("requestedBy", REQUESTER)
        .putValue("approvalReminder", "P1D")
        .putValue("approvalEscalation", "P2D")
        .putValue("approvalExpiry", "P7D")
        .putValue("escalationGroup", "ms-produto-gestores"));
  }

  /** Passes validar with the given stage outputs overridden, then evaluates the gate. */
  ProcessInstance throughGate(Map<String, Object> overrides) {
    ProcessInstance run = start();
    worker.passValidar(overrides);
    evaluateGate(run);
    return run;
  }

  /** The gate runs after a transaction boundary, so a broken decision is an incident there. */
  void evaluateGate(ProcessInstance run) {
    Job gate = engine.getManagementService().createJobQuery()
        .processInstanceId(run.getId())
        .activityId("Task_EvaluateGate")
        .singleResult();
    assertThat(gate).as("gate job of %s", run.getId()).isNotNull();
    engine.getManagementService().executeJob(gate.getId());
    routeApproval(run);
  }

  /** The approval routing runs after a transaction boundary too; the first release models have none. */
  void routeApproval(ProcessInstance run) {
    Job routing = engine.getManagementService().createJobQuery()
        .processInstanceId(run.getId())
        .activityId("Task_RouteApproval")
        .singleResult();
    if (routing != null) {
      engine.getManagementService().executeJob(routing.getId());
    }
  }

  ProcessInstance awaitingApproval() {
    return throughGate(Map.of());
  }

  /** As {@link #awaitingApproval}, on the first release models, whose validar had no supply-chain stages. */
  ProcessInstance awaitingApprovalOnTheFirstModel() {
    ProcessInstance run = start();
    worker.passValidarWithoutEvidence(Map.of());
    evaluateGate(run);
    return run;
  }

  Task approval(ProcessInstance run) {
    Task task = engine.getTaskService().createTaskQuery()
        .processInstanceId(run.getId())
        .taskDefinitionKey("Task_ApproveRelease")
        .singleResult();
    assertThat(task).as("open approval of %s", run.getId()).isNotNull();
    return task;
  }

  /** Completes the approval as {@code user}, the way Tasklist does: authenticated, with the form's fields. */
  void decide(ProcessInstance run, String user, Map<String, Object> form) {
    complete(approval(run), user, "ms-produto", form);
  }

  /** As {@code user} in {@code group}: the groups a login carries, which decide who is a candidate. */
  private void complete(Task task, String user, String group, Map<String, Object> form) {
    engine.getIdentityService().setAuthentication(user, java.util.List.of(group));
    try {
      engine.getTaskService().complete(task.getId(), form);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  Task waiver(ProcessInstance run) {
    Task task = engine.getTaskService().createTaskQuery()
        .processInstanceId(run.getId())
        .taskDefinitionKey("Task_WaiveCriteria")
        .singleResult();
    assertThat(task).as("open waiver of %s", run.getId()).isNotNull();
    return task;
  }

  /** Completes the waiver task as {@code user}, authenticated, with the waiver form's fields. */
  void waive(ProcessInstance run, String user, Map<String, Object> form) {
    complete(waiver(run), user, "release-admin", form);
  }

  void approve(ProcessInstance run) {
    decide(run, APPROVER, Map.of("aprovado", true, "comentario", "Looks good."));
  }

  void executeTimer(ProcessInstance run, String timerId) {
    Job timer = engine.getManagementService().createJobQuery()
        .processInstanceId(run.getId())
        .activityId(timerId)
        .singleResult();
    assertThat(timer).as("timer %s of %s", timerId, run.getId()).isNotNull();
    engine.getManagementService().executeJob(timer.getId());
  }

  /** A form submission as the engine REST API receives it: each value typed from its Java type. */
  static CompleteTaskDto restForm(Map<String, Object> values) {
    Map<String, VariableValueDto> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      VariableValueDto dto = new VariableValueDto();
      dto.setValue(value);
      dto.setType(value instanceof Boolean ? "Boolean" : "String");
      variables.put(name, dto);
    });
    CompleteTaskDto dto = new CompleteTaskDto();
    dto.setVariables(variables);
    return dto;
  }

  /** What a call that must be refused threw. */
  static Throwable restFailure(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("the call was not refused");
  }
}
