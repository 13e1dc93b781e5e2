package dev.prometheuspipeline.testing;

import static dev.prometheuspipeline.testing.Selectors.given;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.prometheuspipeline.testing.Selectors.DecisionDefinitionSelector;
import dev.prometheuspipeline.testing.Selectors.DecisionSelector;
import dev.prometheuspipeline.testing.Selectors.ElementSelector;
import dev.prometheuspipeline.testing.Selectors.ExternalTaskSelector;
import dev.prometheuspipeline.testing.Selectors.IncidentSelector;
import dev.prometheuspipeline.testing.Selectors.JobSelector;
import dev.prometheuspipeline.testing.Selectors.MessageSelector;
import dev.prometheuspipeline.testing.Selectors.ProcessSelector;
import dev.prometheuspipeline.testing.Selectors.UserTaskSelector;
import java.util.List;
import java.util.Optional;

/**
 * One instruction of a Camunda Process Test case as Jackson reads it: one record per {@code type}, its
 * components named as the format's fields (a test holds them to the schema). This hierarchy is the
 * runner's list of instructions: {@link Instructions#KNOWN} is read from {@link JsonSubTypes} below.
 *
 * <p>Optional fields are {@link Optional} or empty; {@code variables} an empty object when not given.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = CptInstruction.CreateProcessInstance.class, name = "CREATE_PROCESS_INSTANCE"),
  @JsonSubTypes.Type(value = CptInstruction.CompleteUserTask.class, name = "COMPLETE_USER_TASK"),
  @JsonSubTypes.Type(value = CptInstruction.CompleteJob.class, name = "COMPLETE_JOB"),
  @JsonSubTypes.Type(value = CptInstruction.ThrowBpmnErrorFromJob.class, name = "THROW_BPMN_ERROR_FROM_JOB"),
  @JsonSubTypes.Type(value = CptInstruction.MockJobWorkerCompleteJob.class, name = "MOCK_JOB_WORKER_COMPLETE_JOB"),
  @JsonSubTypes.Type(value = CptInstruction.MockJobWorkerThrowBpmnError.class, name = "MOCK_JOB_WORKER_THROW_BPMN_ERROR"),
  @JsonSubTypes.Type(value = CptInstruction.BroadcastSignal.class, name = "BROADCAST_SIGNAL"),
  @JsonSubTypes.Type(value = CptInstruction.PublishMessage.class, name = "PUBLISH_MESSAGE"),
  @JsonSubTypes.Type(value = CptInstruction.CorrelateMessage.class, name = "CORRELATE_MESSAGE"),
  @JsonSubTypes.Type(value = CptInstruction.IncreaseTime.class, name = "INCREASE_TIME"),
  @JsonSubTypes.Type(value = CptInstruction.SetTime.class, name = "SET_TIME"),
  @JsonSubTypes.Type(value = CptInstruction.EvaluateConditionalStartEvent.class, name = "EVALUATE_CONDITIONAL_START_EVENT"),
  @JsonSubTypes.Type(value = CptInstruction.EvaluateDecision.class, name = "EVALUATE_DECISION"),
  @JsonSubTypes.Type(value = CptInstruction.UpdateVariables.class, name = "UPDATE_VARIABLES"),
  @JsonSubTypes.Type(value = CptInstruction.ResolveIncident.class, name = "RESOLVE_INCIDENT"),
  @JsonSubTypes.Type(value = CptInstruction.MockChildProcess.class, name = "MOCK_CHILD_PROCESS"),
  @JsonSubTypes.Type(value = CptInstruction.MockDmnDecision.class, name = "MOCK_DMN_DECISION"),
  @JsonSubTypes.Type(value = CptInstruction.AssertProcessInstance.class, name = "ASSERT_PROCESS_INSTANCE"),
  @JsonSubTypes.Type(value = CptInstruction.AssertElementInstance.class, name = "ASSERT_ELEMENT_INSTANCE"),
  @JsonSubTypes.Type(value = CptInstruction.AssertElementInstances.class, name = "ASSERT_ELEMENT_INSTANCES"),
  @JsonSubTypes.Type(value = CptInstruction.AssertProcessInstanceMessageSubscription.class,
      name = "ASSERT_PROCESS_INSTANCE_MESSAGE_SUBSCRIPTION"),
  @JsonSubTypes.Type(value = CptInstruction.AssertUserTask.class, name = "ASSERT_USER_TASK"),
  @JsonSubTypes.Type(value = CptInstruction.AssertVariables.class, name = "ASSERT_VARIABLES"),
  @JsonSubTypes.Type(value = CptInstruction.AssertDecision.class, name = "ASSERT_DECISION"),
  @JsonSubTypes.Type(value = CptInstruction.AssertVariable.class, name = "ASSERT_VARIABLE"),
  @JsonSubTypes.Type(value = CptInstruction.CompleteJobAdHocSubProcess.class, name = "COMPLETE_JOB_AD_HOC_SUB_PROCESS"),
  @JsonSubTypes.Type(value = CptInstruction.CompleteJobUserTaskListener.class, name = "COMPLETE_JOB_USER_TASK_LISTENER"),
  @JsonSubTypes.Type(value = CptInstruction.C7CompleteExternalTask.class, name = "C7_COMPLETE_EXTERNAL_TASK"),
  @JsonSubTypes.Type(value = CptInstruction.C7ThrowBpmnErrorFromExternalTask.class,
      name = "C7_THROW_BPMN_ERROR_FROM_EXTERNAL_TASK"),
  @JsonSubTypes.Type(value = CptInstruction.C7FailExternalTask.class, name = "C7_FAIL_EXTERNAL_TASK"),
  @JsonSubTypes.Type(value = CptInstruction.C7FireTimer.class, name = "C7_FIRE_TIMER"),
  @JsonSubTypes.Type(value = CptInstruction.C7AssertIncident.class, name = "C7_ASSERT_INCIDENT"),
})
public sealed interface CptInstruction permits CptInstruction.Action, CptInstruction.Assertion, CptInstruction.NotApplicable {

  /** Drives the engine; run by {@link ScenarioActions}. */
  sealed interface Action extends CptInstruction {
    void runOn(ScenarioActions actions);
  }

  /** Checks the engine's state; run by {@link ScenarioAssertions}. */
  sealed interface Assertion extends CptInstruction {
    void checkOn(ScenarioAssertions assertions);
  }

  /** A CPT 8.9 instruction with no Camunda 7 meaning; its {@link NotOnCamunda7} says why. */
  sealed interface NotApplicable extends CptInstruction {}

  /** A mocked worker: from its step on, it answers every external task of its topic. */
  sealed interface MockWorker extends Action {
    String jobType();

    JsonNode variables();
  }

  // ---- actions ----

  record CreateProcessInstance(ProcessSelector processDefinitionSelector, JsonNode variables,
      Optional<String> businessKey, List<StartInstruction> startInstructions, List<JsonNode> runtimeInstructions)
      implements Action {
    public CreateProcessInstance {
      requireNonNull(processDefinitionSelector, "processDefinitionSelector");
      variables = orEmpty(variables);
      businessKey = given(businessKey);
      startInstructions = listed(startInstructions);
      runtimeInstructions = listed(runtimeInstructions);
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.createProcessInstance(this);
    }
  }

  record StartInstruction(String elementId) {}

  record CompleteUserTask(UserTaskSelector userTaskSelector, JsonNode variables, boolean useExampleData)
      implements Action {
    public CompleteUserTask {
      requireNonNull(userTaskSelector, "userTaskSelector");
      variables = orEmpty(variables);
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.completeUserTask(this);
    }
  }

  record CompleteJob(JobSelector jobSelector, JsonNode variables, boolean useExampleData) implements Action {
    public CompleteJob {
      requireNonNull(jobSelector, "jobSelector");
      variables = orEmpty(variables);
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.completeJob(this);
    }
  }

  record ThrowBpmnErrorFromJob(JobSelector jobSelector, String errorCode, Optional<String> errorMessage,
      JsonNode variables) implements Action {
    public ThrowBpmnErrorFromJob {
      requireNonNull(jobSelector, "jobSelector");
      errorMessage = given(errorMessage);
      variables = orEmpty(variables);
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.throwErrorFromJob(this);
    }
  }

  record MockJobWorkerCompleteJob(String jobType, JsonNode variables, boolean useExampleData) implements MockWorker {
    public MockJobWorkerCompleteJob {
      variables = orEmpty(variables);
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.mockWorker(this, useExampleData);
    }
  }

  record MockJobWorkerThrowBpmnError(String jobType, String errorCode, Optional<String> errorMessage,
      JsonNode variables) implements MockWorker {
    public MockJobWorkerThrowBpmnError {
      errorMessage = given(errorMessage);
      variables = orEmpty(variables);
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.mockWorker(this, false);
    }
  }

  record BroadcastSignal(String signalName, JsonNode variables) implements Action {
    public BroadcastSignal {
      variables = orEmpty(variables);
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.broadcastSignal(this);
    }
  }

  record PublishMessage(String name, Optional<String> correlationKey, JsonNode variables, long timeToLive,
      Optional<String> messageId) implements Action {
    public PublishMessage {
      correlationKey = given(correlationKey);
      variables = orEmpty(variables);
      messageId = given(messageId);
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.publishMessage(this);
    }
  }

  record CorrelateMessage(String name, Optional<String> correlationKey, JsonNode variables) implements Action {
    public CorrelateMessage {
      correlationKey = given(correlationKey);
      variables = orEmpty(variables);
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.correlateMessage(this);
    }
  }

  record IncreaseTime(String duration) implements Action {
    @Override
    public void runOn(ScenarioActions actions) {
      actions.increaseTime(duration);
    }
  }

  record SetTime(String time) implements Action {
    @Override
    public void runOn(ScenarioActions actions) {
      actions.setTime(time);
    }
  }

  record EvaluateConditionalStartEvent(JsonNode variables) implements Action {
    public EvaluateConditionalStartEvent {
      variables = orEmpty(variables);
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.evaluateConditionalStartEvent(this);
    }
  }

  record EvaluateDecision(DecisionDefinitionSelector decisionDefinitionSelector, JsonNode variables)
      implements Action {
    public EvaluateDecision {
      requireNonNull(decisionDefinitionSelector, "decisionDefinitionSelector");
      variables = orEmpty(variables);
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.evaluateDecision(this);
    }
  }

  record UpdateVariables(ProcessSelector processInstanceSelector, JsonNode variables,
      Optional<ElementSelector> elementSelector) implements Action {
    public UpdateVariables {
      requireNonNull(processInstanceSelector, "processInstanceSelector");
      variables = orEmpty(variables);
      elementSelector = given(elementSelector);
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.updateVariables(this);
    }
  }

  record ResolveIncident(IncidentSelector incidentSelector) implements Action {
    public ResolveIncident {
      requireNonNull(incidentSelector, "incidentSelector");
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.resolveIncident(incidentSelector);
    }
  }

  record MockChildProcess(String processDefinitionId, JsonNode variables) implements Action {
    public MockChildProcess {
      variables = orEmpty(variables);
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.mockChildProcess(this);
    }
  }

  record MockDmnDecision(String decisionDefinitionId, JsonNode variables) implements Action {
    public MockDmnDecision {
      variables = orEmpty(variables);
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.mockDecision(this);
    }
  }

  record C7CompleteExternalTask(ExternalTaskSelector externalTaskSelector, JsonNode variables,
      JsonNode localVariables) implements Action {
    public C7CompleteExternalTask {
      requireNonNull(externalTaskSelector, "externalTaskSelector");
      variables = orEmpty(variables);
      localVariables = orEmpty(localVariables);
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.completeExternalTask(this);
    }
  }

  record C7ThrowBpmnErrorFromExternalTask(ExternalTaskSelector externalTaskSelector, String errorCode,
      Optional<String> errorMessage, JsonNode variables) implements Action {
    public C7ThrowBpmnErrorFromExternalTask {
      requireNonNull(externalTaskSelector, "externalTaskSelector");
      errorMessage = given(errorMessage);
      variables = orEmpty(variables);
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.throwErrorFromExternalTask(this);
    }
  }

  record C7FailExternalTask(ExternalTaskSelector externalTaskSelector, Optional<String> errorMessage,
      Optional<String> errorDetails, int retries) implements Action {
    public C7FailExternalTask {
      requireNonNull(externalTaskSelector, "externalTaskSelector");
      errorMessage = given(errorMessage);
      errorDetails = given(errorDetails);
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.failExternalTask(this);
    }
  }

  record C7FireTimer(ElementSelector elementSelector, Optional<String> processDefinitionId) implements Action {
    public C7FireTimer {
      requireNonNull(elementSelector, "elementSelector");
      processDefinitionId = given(processDefinitionId);
    }

    @Override
    public void runOn(ScenarioActions actions) {
      actions.fireTimer(this);
    }
  }

  // ---- assertions ----

  /** {@code state} of ASSERT_PROCESS_INSTANCE. */
  enum ProcessState { IS_ACTIVE, IS_COMPLETED, IS_CREATED, IS_TERMINATED }

  /** {@code state} of ASSERT_ELEMENT_INSTANCE (the first three) and ASSERT_ELEMENT_INSTANCES. */
  enum ElementState {
    IS_ACTIVE, IS_COMPLETED, IS_TERMINATED, IS_NOT_ACTIVE, IS_NOT_ACTIVATED, IS_ACTIVE_EXACTLY, IS_COMPLETED_IN_ORDER
  }

  /** {@code state} of ASSERT_PROCESS_INSTANCE_MESSAGE_SUBSCRIPTION. */
  enum SubscriptionState { IS_WAITING, IS_NOT_WAITING, IS_CORRELATED }

  /** {@code state} of ASSERT_USER_TASK. */
  enum UserTaskState { IS_CREATED, IS_COMPLETED, IS_CANCELED, IS_FAILED }

  record AssertProcessInstance(ProcessSelector processInstanceSelector, Optional<ProcessState> state,
      Optional<Boolean> hasActiveIncidents) implements Assertion {
    public AssertProcessInstance {
      requireNonNull(processInstanceSelector, "processInstanceSelector");
      state = given(state);
      hasActiveIncidents = given(hasActiveIncidents);
    }

    @Override
    public void checkOn(ScenarioAssertions assertions) {
      assertions.processInstance(this);
    }
  }

  record AssertElementInstance(ProcessSelector processInstanceSelector, ElementSelector elementSelector,
      ElementState state, Integer amount) implements Assertion {
    public AssertElementInstance {
      requireNonNull(processInstanceSelector, "processInstanceSelector");
      requireNonNull(elementSelector, "elementSelector");
      requireNonNull(state, "state");
      amount = amount == null ? 1 : amount;
    }

    @Override
    public void checkOn(ScenarioAssertions assertions) {
      assertions.elementInstance(this);
    }
  }

  record AssertElementInstances(ProcessSelector processInstanceSelector, List<ElementSelector> elementSelectors,
      ElementState state) implements Assertion {
    public AssertElementInstances {
      requireNonNull(processInstanceSelector, "processInstanceSelector");
      elementSelectors = listed(elementSelectors);
      requireNonNull(state, "state");
    }

    @Override
    public void checkOn(ScenarioAssertions assertions) {
      assertions.elementInstances(this);
    }
  }

  record AssertProcessInstanceMessageSubscription(ProcessSelector processInstanceSelector,
      MessageSelector messageSelector, SubscriptionState state) implements Assertion {
    public AssertProcessInstanceMessageSubscription {
      requireNonNull(processInstanceSelector, "processInstanceSelector");
      requireNonNull(messageSelector, "messageSelector");
      requireNonNull(state, "state");
    }

    @Override
    public void checkOn(ScenarioAssertions assertions) {
      assertions.messageSubscription(this);
    }
  }

  record AssertUserTask(UserTaskSelector userTaskSelector, Optional<UserTaskState> state, Optional<String> assignee,
      Optional<List<String>> candidateGroups, Optional<Integer> priority, Optional<String> elementId,
      Optional<String> name, Optional<String> dueDate, Optional<String> followUpDate) implements Assertion {
    public AssertUserTask {
      requireNonNull(userTaskSelector, "userTaskSelector");
      state = given(state);
      assignee = given(assignee);
      candidateGroups = given(candidateGroups).map(List::copyOf);
      priority = given(priority);
      elementId = given(elementId);
      name = given(name);
      dueDate = given(dueDate);
      followUpDate = given(followUpDate);
    }

    @Override
    public void checkOn(ScenarioAssertions assertions) {
      assertions.userTask(this);
    }
  }

  /** {@code variables} is missing when not given: messages show "nothing" then, not {@code {}}. */
  record AssertVariables(ProcessSelector processInstanceSelector, Optional<ElementSelector> elementSelector,
      List<String> variableNames, JsonNode variables) implements Assertion {
    public AssertVariables {
      requireNonNull(processInstanceSelector, "processInstanceSelector");
      elementSelector = given(elementSelector);
      variableNames = listed(variableNames);
      variables = missingIfAbsent(variables);
    }

    @Override
    public void checkOn(ScenarioAssertions assertions) {
      assertions.variables(this);
    }
  }

  /** {@code output} may be JSON {@code null}, expected as such; it is a missing node only when not given. */
  record AssertDecision(DecisionSelector decisionSelector, JsonNode output, List<Integer> matchedRules,
      List<Integer> notMatchedRules, boolean noMatchedRules) implements Assertion {
    public AssertDecision {
      requireNonNull(decisionSelector, "decisionSelector");
      output = missingIfAbsent(output);
      matchedRules = listed(matchedRules);
      notMatchedRules = listed(notMatchedRules);
    }

    @Override
    public void checkOn(ScenarioAssertions assertions) {
      assertions.decision(this);
    }
  }

  record C7AssertIncident(ProcessSelector processInstanceSelector, Optional<ElementSelector> elementSelector,
      Optional<String> incidentType, Optional<String> messageContains) implements Assertion {
    public C7AssertIncident {
      requireNonNull(processInstanceSelector, "processInstanceSelector");
      elementSelector = given(elementSelector);
      incidentType = given(incidentType);
      messageContains = given(messageContains);
    }

    @Override
    public void checkOn(ScenarioAssertions assertions) {
      assertions.incident(this);
    }
  }

  // ---- not applicable on Camunda 7 (read so that a test fails at their step, after the steps before) ----

  @NotOnCamunda7("its satisfiesJudge assertion asks a language model to judge the value, and tests run with no "
      + "network; use ASSERT_VARIABLES with the expected value")
  record AssertVariable(ProcessSelector processInstanceSelector, Optional<ElementSelector> elementSelector,
      String variableName, JsonNode satisfiesJudge) implements NotApplicable {}

  @NotOnCamunda7("Camunda 7 does not execute ad-hoc sub-processes, so there is no ad-hoc sub-process job to "
      + "complete")
  record CompleteJobAdHocSubProcess(JobSelector jobSelector, JsonNode variables, List<JsonNode> activateElements,
      Boolean cancelRemainingInstances, Boolean completionConditionFulfilled) implements NotApplicable {}

  @NotOnCamunda7("Camunda 7 task listeners run inside the engine (Java, expressions, scripts); there is no task "
      + "listener job a test could complete")
  record CompleteJobUserTaskListener(JobSelector jobSelector, Boolean denied, String deniedReason,
      JsonNode corrections) implements NotApplicable {}

  /** Why an instruction of the 8.9 format has no Camunda 7 meaning; the runner's ERROR message gives it. */
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
  @interface NotOnCamunda7 {
    String value();
  }

  // Jackson gives an absent creator property as null, also for collections (Selectors.given: Optional).

  private static <T> List<T> listed(List<T> values) {
    return values == null ? List.of() : List.copyOf(values);
  }

  // An Optional<JsonNode> would read an explicit null and an absent field alike.
  private static JsonNode missingIfAbsent(JsonNode value) {
    return value == null ? MissingNode.getInstance() : value;
  }

  private static JsonNode orEmpty(JsonNode variables) {
    return variables == null ? JsonNodeFactory.instance.objectNode() : variables;
  }
}
