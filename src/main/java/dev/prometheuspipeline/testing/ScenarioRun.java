package dev.prometheuspipeline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.sandbox.EngineMessage;
import dev.prometheuspipeline.testing.Scenario.Instruction;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.ExternalTaskQuery;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstantiationBuilder;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;

/**
 * Runs one scenario's instructions on a scenario engine, in order, each with its Camunda 7 meaning (see
 * {@code docs/test-cases.md}). The engine runs synchronously: after each action, due jobs (async
 * continuations, timers whose time has come) are executed and mocked workers answer their external
 * tasks until nothing is left to do, the way a job executor and workers would; so assertions check the
 * state at once instead of waiting for it.
 */
final class ScenarioRun {
  private static final String WORKER = "scenario";
  private static final long LOCK_MILLIS = 60_000;
  private static final int MAX_LISTED = 12;

  private final ScenarioEngine engine;
  private final ReleaseModel model;
  private final String file;
  private final List<Instruction> instructions;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final HistoryService history;
  private final ManagementService management;
  private final ExternalTaskService externalTasks;

  /** Instances the scenario started, per process key, oldest first. */
  private final Map<String, List<String>> started = new HashMap<>();
  /** Mocked workers by topic. */
  private final Map<String, Instruction> workers = new LinkedHashMap<>();
  /** Message name → instances a message of that name was correlated to. */
  private final Map<String, Set<String>> correlated = new HashMap<>();

  private Instruction current;

  ScenarioRun(ScenarioEngine engine, String file, List<Instruction> instructions) {
    this.engine = engine;
    this.model = engine.model();
    this.file = file;
    this.instructions = instructions;
    this.runtime = engine.engine().getRuntimeService();
    this.tasks = engine.engine().getTaskService();
    this.history = engine.engine().getHistoryService();
    this.management = engine.engine().getManagementService();
    this.externalTasks = engine.engine().getExternalTaskService();
  }

  void run() {
    for (Instruction instruction : instructions) {
      current = instruction;
      engine.atStep("step " + instruction.step() + " (" + instruction.type() + ", line " + instruction.line() + ")");
      stopWhenInterrupted();
      String why = Instructions.NOT_APPLICABLE.get(instruction.type());
      if (why != null) {
        throw error(instruction.type() + " is not applicable on Camunda 7: " + why);
      }
      try {
        execute(instruction);
      } catch (TestCaseFailure | FlowRecorder.ScenarioStopped e) {
        throw e;
      } catch (RuntimeException e) {
        if (stoppedBy(e)) {
          throw new FlowRecorder.ScenarioStopped();
        }
        // The model could not go on as the test drove it (no matching gateway condition, a missing
        // variable in an expression …): the test found a fault, so it failed rather than erred.
        String reason = EngineMessage.of(e);
        throw failed("the step to run", reason, "the engine refused: " + reason);
      }
    }
  }

  private void execute(Instruction instruction) {
    JsonNode node = instruction.node();
    switch (instruction.type()) {
      case "CREATE_PROCESS_INSTANCE" -> createProcessInstance(node);
      case "COMPLETE_USER_TASK" -> completeUserTask(node);
      case "COMPLETE_JOB" -> completeJob(node);
      case "THROW_BPMN_ERROR_FROM_JOB" -> throwErrorFromJob(node);
      case "MOCK_JOB_WORKER_COMPLETE_JOB", "MOCK_JOB_WORKER_THROW_BPMN_ERROR" -> mockWorker(node);
      case "BROADCAST_SIGNAL" -> {
        runtime.createSignalEvent(node.path("signalName").asText()).setVariables(variables(node)).send();
        settle();
      }
      case "PUBLISH_MESSAGE" -> publishMessage(node);
      case "CORRELATE_MESSAGE" -> correlateMessage(node);
      case "INCREASE_TIME" -> increaseTime(node.path("duration").asText());
      case "SET_TIME" -> setTime(node.path("time").asText());
      case "EVALUATE_CONDITIONAL_START_EVENT" -> {
        for (ProcessInstance instance :
            runtime.createConditionEvaluation().setVariables(variables(node)).evaluateStartConditions()) {
          remember(instance);
        }
        settle();
      }
      case "EVALUATE_DECISION" -> evaluateDecision(node);
      case "UPDATE_VARIABLES" -> updateVariables(node);
      case "RESOLVE_INCIDENT" -> resolveIncident(node);
      case "MOCK_CHILD_PROCESS" -> mockChildProcess(node);
      case "MOCK_DMN_DECISION" -> mockDecision(node);
      case "ASSERT_PROCESS_INSTANCE" -> assertProcessInstance(node);
      case "ASSERT_ELEMENT_INSTANCE" -> assertElementInstance(node);
      case "ASSERT_ELEMENT_INSTANCES" -> assertElementInstances(node);
      case "ASSERT_PROCESS_INSTANCE_MESSAGE_SUBSCRIPTION" -> assertMessageSubscription(node);
      case "ASSERT_USER_TASK" -> assertUserTask(node);
      case "ASSERT_VARIABLES" -> assertVariables(node);
      case "ASSERT_DECISION" -> assertDecision(node);
      case "C7_COMPLETE_EXTERNAL_TASK" -> {
        ExternalTask task = externalTask(node.path("externalTaskSelector"));
        externalTasks.complete(task.getId(), WORKER, variables(node), JsonValues.variables(node.path("localVariables")));
        settle();
      }
      case "C7_THROW_BPMN_ERROR_FROM_EXTERNAL_TASK" -> {
        ExternalTask task = externalTask(node.path("externalTaskSelector"));
        externalTasks.handleBpmnError(task.getId(), WORKER, node.path("errorCode").asText(),
            node.path("errorMessage").asText(null), variables(node));
        settle();
      }
      case "C7_FAIL_EXTERNAL_TASK" -> {
        ExternalTask task = externalTask(node.path("externalTaskSelector"));
        externalTasks.handleFailure(task.getId(), WORKER, node.path("errorMessage").asText("failed by the test"),
            node.path("errorDetails").asText(null), node.path("retries").asInt(0), 0);
        settle();
      }
      case "C7_FIRE_TIMER" -> fireTimer(node);
      case "C7_ASSERT_INCIDENT" -> assertIncident(node);
      default -> throw error("unknown instruction \"" + instruction.type() + "\"; see docs/test-cases.md");
    }
  }

  // ---- actions ----

  private void createProcessInstance(JsonNode node) {
    String key = processKey(node.path("processDefinitionSelector"));
    if (node.path("runtimeInstructions").size() > 0) {
      throw error("runtimeInstructions (TERMINATE_PROCESS_INSTANCE) are not applicable on Camunda 7: the engine "
          + "cannot be told from outside the model to end an instance after an element; model the end, or assert "
          + "the element and stop there");
    }
    ProcessInstantiationBuilder builder = runtime.createProcessInstanceByKey(key).setVariables(variables(node));
    if (node.has("businessKey")) {
      builder.businessKey(node.get("businessKey").asText());
    }
    ProcessInstance instance;
    if (node.path("startInstructions").size() == 0) {
      instance = builder.execute();
    } else {
      for (JsonNode start : node.path("startInstructions")) {
        String elementId = start.path("elementId").asText();
        requireElement(elementId, Optional.of(key));
        builder.startBeforeActivity(elementId);
      }
      instance = builder.execute();
    }
    remember(instance);
    settle();
  }

  private void completeUserTask(JsonNode node) {
    if (node.path("useExampleData").asBoolean(false)) {
      throw exampleDataNotApplicable();
    }
    Task task = activeTask(node.path("userTaskSelector"));
    tasks.complete(task.getId(), variables(node));
    settle();
  }

  private void completeJob(JsonNode node) {
    if (node.path("useExampleData").asBoolean(false)) {
      throw exampleDataNotApplicable();
    }
    JsonNode selector = node.path("jobSelector");
    Optional<ExternalTask> task = findExternalTask(jobSelectorAsExternalTask(selector));
    if (task.isPresent()) {
      lock(task.get());
      externalTasks.complete(task.get().getId(), WORKER, variables(node));
      settle();
      return;
    }
    Optional<Job> job = engineJob(selector);
    if (job.isPresent()) {
      // A Camunda 7 job (async continuation, timer) runs engine code; its variables go in first.
      if (!variables(node).isEmpty() && job.get().getExecutionId() != null) {
        runtime.setVariables(job.get().getExecutionId(), variables(node));
      }
      executeJob(job.get());
      settle();
      return;
    }
    throw nothingWaiting(selector);
  }

  private void throwErrorFromJob(JsonNode node) {
    JsonNode selector = node.path("jobSelector");
    Optional<ExternalTask> task = findExternalTask(jobSelectorAsExternalTask(selector));
    if (task.isEmpty()) {
      if (engineJob(selector).isPresent()) {
        throw error("THROW_BPMN_ERROR_FROM_JOB on a Camunda 7 job is not applicable on Camunda 7: such a job "
            + "runs the engine's own code (an async continuation, a timer); only an external task's worker throws "
            + "BPMN errors from outside the engine");
      }
      throw nothingWaiting(selector);
    }
    lock(task.get());
    externalTasks.handleBpmnError(task.get().getId(), WORKER, node.path("errorCode").asText(),
        node.path("errorMessage").asText(null), variables(node));
    settle();
  }

  private void mockWorker(JsonNode node) {
    if (node.path("useExampleData").asBoolean(false)) {
      throw exampleDataNotApplicable();
    }
    workers.put(node.path("jobType").asText(), current);
    settle();
  }

  private void publishMessage(JsonNode node) {
    String name = node.path("name").asText();
    List<MessageCorrelationResult> results = message(node).correlateAllWithResult();
    rememberCorrelations(name, results);
    if (results.isEmpty() && node.path("timeToLive").asLong(0) > 0) {
      throw error("a message kept for its timeToLive is not applicable on Camunda 7: the engine does not buffer "
          + "messages, and nothing was waiting for message \"" + name + "\"; publish it once the process waits "
          + "for it");
    }
    settle();
  }

  private void correlateMessage(JsonNode node) {
    String name = node.path("name").asText();
    try {
      rememberCorrelations(name, List.of(message(node).correlateWithResult()));
    } catch (MismatchingMessageCorrelationException e) {
      List<String> waiting = new ArrayList<>();
      for (EventSubscription subscription : runtime.createEventSubscriptionQuery().eventType("message").list()) {
        waiting.add("\"" + subscription.getEventName() + "\" at " + model.describe(subscription.getActivityId()));
      }
      String key = node.path("correlationKey").asText("");
      throw failed("a process waiting for message \"" + name + "\"" + (key.isEmpty() ? "" : " with key " + key),
          waiting.isEmpty() ? "nothing waits for a message" : "waiting: " + list(waiting),
          "no process instance waits for message \"" + name + "\"" + (key.isEmpty() ? "" : " (business key "
              + key + ")") + "; " + (waiting.isEmpty() ? "none waits for any message" : "waiting: " + list(waiting)));
    }
    settle();
  }

  private MessageCorrelationBuilder message(JsonNode node) {
    MessageCorrelationBuilder builder =
        runtime.createMessageCorrelation(node.path("name").asText()).setVariables(variables(node));
    String key = node.path("correlationKey").asText("");
    // Camunda 7 correlates by business key (or variables); the CPT correlation key maps to the business key.
    return key.isEmpty() ? builder : builder.processInstanceBusinessKey(key);
  }

  private void rememberCorrelations(String name, List<MessageCorrelationResult> results) {
    for (MessageCorrelationResult result : results) {
      if (result.getProcessInstance() != null) {
        remember(result.getProcessInstance());
        correlated.computeIfAbsent(name, n -> new HashSet<>()).add(result.getProcessInstance().getId());
      } else if (result.getExecution() != null) {
        correlated.computeIfAbsent(name, n -> new HashSet<>()).add(result.getExecution().getProcessInstanceId());
      }
    }
  }

  private void increaseTime(String text) {
    long millis;
    try {
      millis = DatatypeFactory.newInstance().newDuration(text).getTimeInMillis(new Date(ScenarioClock.now()));
    } catch (IllegalArgumentException | DatatypeConfigurationException e) {
      throw error("\"" + text + "\" is not an ISO 8601 duration; write e.g. PT1H, P2D or P1DT12H");
    }
    if (millis < 0) {
      throw error("time cannot go back (" + text + "); use SET_TIME to start at an earlier moment");
    }
    ScenarioClock.moveBy(millis);
    settle();
  }

  private void setTime(String text) {
    try {
      ScenarioClock.moveTo(Instant.parse(text).toEpochMilli());
    } catch (DateTimeParseException e) {
      throw error("\"" + text + "\" is not an ISO 8601 instant; write e.g. 2026-01-19T13:00:00Z");
    }
    settle();
  }

  private void evaluateDecision(JsonNode node) {
    String key = node.path("decisionDefinitionSelector").path("decisionDefinitionId").asText();
    requireDecision(key);
    engine.engine().getDecisionService().evaluateDecisionByKey(key).variables(variables(node)).evaluate();
  }

  private void updateVariables(JsonNode node) {
    String instance = instance(node.path("processInstanceSelector"));
    JsonNode elementSelector = node.path("elementSelector");
    if (elementSelector.isMissingNode()) {
      runtime.setVariables(instance, variables(node));
    } else {
      String elementId = element(elementSelector, Optional.of(processKeyOf(instance)));
      List<Execution> executions =
          runtime.createExecutionQuery().processInstanceId(instance).activityId(elementId).list();
      if (executions.isEmpty()) {
        throw failed(model.describe(elementId) + " active", "active: " + model.describeAll(active(instance)),
            "cannot set local variables: " + model.describe(elementId) + " is not active; active: "
                + model.describeAll(active(instance)));
      }
      runtime.setVariablesLocal(executions.get(0).getId(), variables(node));
    }
    settle();
  }

  private void resolveIncident(JsonNode node) {
    JsonNode selector = node.path("incidentSelector");
    var query = runtime.createIncidentQuery();
    if (selector.has("elementId")) {
      requireElement(selector.get("elementId").asText(), Optional.empty());
      query.activityId(selector.get("elementId").asText());
    }
    if (selector.has("processDefinitionId")) {
      query.processDefinitionKeyIn(processKey(selector));
    }
    List<Incident> incidents = query.list();
    if (incidents.isEmpty()) {
      throw failed("an open incident", "open incidents: " + describeIncidents(runtime.createIncidentQuery().list()),
          "no open incident" + (selector.has("elementId") ? " at " + model.describe(selector.get("elementId").asText())
              : "") + "; open incidents: " + describeIncidents(runtime.createIncidentQuery().list()));
    }
    Incident incident = incidents.get(0);
    // Resolving means trying again, as in Operate: the job or external task gets one more retry.
    switch (incident.getIncidentType()) {
      case Incident.FAILED_JOB_HANDLER_TYPE -> management.setJobRetries(incident.getConfiguration(), 1);
      case Incident.EXTERNAL_TASK_HANDLER_TYPE -> externalTasks.setRetries(incident.getConfiguration(), 1);
      default -> runtime.resolveIncident(incident.getId());
    }
    settle();
  }

  private void mockChildProcess(JsonNode node) {
    String key = node.path("processDefinitionId").asText();
    engine.deployStub(key + ".stub.bpmn", engine.stubs().stubProcess(key, variables(node)));
  }

  private void mockDecision(JsonNode node) {
    String key = node.path("decisionDefinitionId").asText();
    try {
      engine.deployStub(key + ".stub.dmn", ScenarioStubs.stubDecision(key, variables(node)));
    } catch (IllegalArgumentException e) {
      throw error("cannot mock decision " + key + ": " + e.getMessage());
    }
  }

  private void fireTimer(JsonNode node) {
    Optional<String> processKey = node.has("processDefinitionId")
        ? Optional.of(processKey(node)) : Optional.empty();
    String elementId = element(node.path("elementSelector"), processKey);
    var query = management.createJobQuery().timers().activityId(elementId);
    processKey.ifPresent(query::processDefinitionKey);
    List<Job> timers = query.list();
    if (timers.isEmpty()) {
      List<String> waiting = new ArrayList<>();
      management.createJobQuery().timers().list().forEach(job -> waiting.add(activityOf(job)));
      throw failed("a timer waiting at " + model.describe(elementId), "timers waiting: " + model.describeAll(waiting),
          "no timer at " + model.describe(elementId) + " is waiting; timers waiting: " + model.describeAll(waiting));
    }
    executeJob(timers.get(0));
    settle();
  }

  // ---- assertions ----

  private void assertProcessInstance(JsonNode node) {
    String key = processKey(node.path("processInstanceSelector"));
    String id = instance(node.path("processInstanceSelector"));
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
    String state = node.path("state").asText("");
    if (!state.isEmpty()) {
      String actual = stateOf(instance);
      boolean holds = switch (state) {
        case "IS_CREATED" -> true;
        case "IS_ACTIVE" -> actual.equals("active");
        case "IS_COMPLETED" -> actual.equals("completed");
        case "IS_TERMINATED" -> actual.equals("terminated");
        default -> throw error("unknown state " + state);
      };
      if (!holds) {
        String expected = state.substring(3).toLowerCase(java.util.Locale.ROOT);
        throw failed("process " + key + " " + expected, actual + ", " + whereItIs(id),
            "expected process " + key + " to be " + expected + " but it is " + actual + "; " + whereItIs(id));
      }
    }
    if (node.has("hasActiveIncidents")) {
      List<Incident> incidents = runtime.createIncidentQuery().processInstanceId(id).list();
      boolean expected = node.get("hasActiveIncidents").asBoolean();
      if (expected != !incidents.isEmpty()) {
        throw failed(expected ? "an open incident" : "no open incident", "open incidents: " + describeIncidents(incidents),
            expected ? "expected process " + key + " to have an open incident but it has none; " + whereItIs(id)
                : "expected process " + key + " to have no open incident but it has: " + describeIncidents(incidents));
      }
    }
  }

  private void assertElementInstance(JsonNode node) {
    String id = instance(node.path("processInstanceSelector"));
    String elementId = element(node.path("elementSelector"), Optional.of(processKeyOf(id)));
    String state = node.path("state").asText();
    int amount = node.path("amount").asInt(1);
    long count = activities(id).stream()
        .filter(activity -> activity.getActivityId().equals(elementId) && in(activity, state)).count();
    if (count != amount) {
      String expected = model.describe(elementId) + " " + describeState(state) + " " + times(amount);
      throw failed(expected, describeState(state) + " " + times(count) + "; " + whereItIs(id),
          "expected " + expected + " but it was " + times(count) + "; " + whereItIs(id));
    }
  }

  private void assertElementInstances(JsonNode node) {
    String id = instance(node.path("processInstanceSelector"));
    String key = processKeyOf(id);
    List<String> elements = new ArrayList<>();
    for (JsonNode selector : node.path("elementSelectors")) {
      elements.add(element(selector, Optional.of(key)));
    }
    String state = node.path("state").asText();
    List<HistoricActivityInstance> activities = activities(id);
    switch (state) {
      case "IS_ACTIVE", "IS_COMPLETED", "IS_TERMINATED" -> {
        List<String> missing = elements.stream()
            .filter(element -> activities.stream().noneMatch(a -> a.getActivityId().equals(element) && in(a, state)))
            .toList();
        if (!missing.isEmpty()) {
          String verb = switch (state) {
            case "IS_ACTIVE" -> "be waiting at ";
            case "IS_COMPLETED" -> "pass ";
            default -> "have terminated ";
          };
          throw failed(describeState(state) + ": " + model.describeAll(elements), whereItIs(id),
              "expected the process to " + verb + model.describeAll(missing) + " but " + whereItIs(id));
        }
      }
      case "IS_NOT_ACTIVE" -> {
        List<String> activeOnes = elements.stream().filter(active(id)::contains).toList();
        if (!activeOnes.isEmpty()) {
          throw failed("not active: " + model.describeAll(elements), "active: " + model.describeAll(activeOnes),
              "expected " + model.describeAll(activeOnes) + " not to be active but " + whereItIs(id));
        }
      }
      case "IS_NOT_ACTIVATED" -> {
        List<String> entered = elements.stream()
            .filter(element -> activities.stream().anyMatch(a -> a.getActivityId().equals(element))).toList();
        if (!entered.isEmpty()) {
          throw failed("never entered: " + model.describeAll(elements), "entered: " + model.describeAll(entered),
              "expected the process never to enter " + model.describeAll(entered) + " but it did; " + whereItIs(id));
        }
      }
      case "IS_ACTIVE_EXACTLY" -> {
        Set<String> activeNow = new TreeSet<>(active(id));
        if (!activeNow.equals(new TreeSet<>(elements))) {
          throw failed("active exactly: " + model.describeAll(elements), "active: " + model.describeAll(activeNow),
              "expected exactly " + model.describeAll(elements) + " to be active but active are: "
                  + model.describeAll(activeNow));
        }
      }
      case "IS_COMPLETED_IN_ORDER" -> {
        List<String> completedInOrder = activities.stream()
            .filter(a -> in(a, "IS_COMPLETED") && elements.contains(a.getActivityId()))
            .sorted((a, b) -> a.getEndTime().compareTo(b.getEndTime()))
            .map(HistoricActivityInstance::getActivityId)
            .toList();
        if (!containsInOrder(completedInOrder, elements)) {
          throw failed("completed in order: " + model.describeAll(elements),
              "completed: " + model.describeAll(completedInOrder),
              "expected " + model.describeAll(elements) + " to complete in that order but the order was: "
                  + model.describeAll(completedInOrder));
        }
      }
      default -> throw error("unknown state " + state);
    }
  }

  private void assertMessageSubscription(JsonNode node) {
    String id = instance(node.path("processInstanceSelector"));
    String name = node.path("messageSelector").path("messageName").asText();
    String key = node.path("messageSelector").path("correlationKey").asText("");
    if (!key.isEmpty()) {
      String businessKey = history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult().getBusinessKey();
      if (!key.equals(businessKey)) {
        throw failed("an instance with business key " + key, "business key " + businessKey,
            "the instance's business key is " + businessKey + ", not " + key
                + " (on Camunda 7 a correlation key is the business key)");
      }
    }
    boolean waiting = runtime.createEventSubscriptionQuery().processInstanceId(id).eventType("message")
        .eventName(name).count() > 0;
    String state = node.path("state").asText();
    boolean holds = switch (state) {
      case "IS_WAITING" -> waiting;
      case "IS_NOT_WAITING" -> !waiting;
      case "IS_CORRELATED" -> correlated.getOrDefault(name, Set.of()).contains(id);
      default -> throw error("unknown state " + state);
    };
    if (!holds) {
      String expected = switch (state) {
        case "IS_WAITING" -> "waiting for message \"" + name + "\"";
        case "IS_NOT_WAITING" -> "not waiting for message \"" + name + "\"";
        default -> "message \"" + name + "\" correlated";
      };
      throw failed(expected, whereItIs(id), "expected the process to be " + expected + " but " + whereItIs(id));
    }
  }

  private void assertUserTask(JsonNode node) {
    JsonNode selector = node.path("userTaskSelector");
    var query = history.createHistoricTaskInstanceQuery();
    String described = userTaskQuery(selector, query::taskDefinitionKey, query::taskName, query::processDefinitionKey);
    List<HistoricTaskInstance> found = query.orderByHistoricActivityInstanceStartTime().desc().list();
    if (found.isEmpty()) {
      throw failed("user task " + described, "no such task was created",
          "no user task " + described + " was created; active: " + describeActive());
    }
    HistoricTaskInstance task = found.get(0);
    List<String> wrong = new ArrayList<>();
    String state = node.path("state").asText("");
    if (state.equals("IS_FAILED")) {
      throw error("state IS_FAILED is not applicable on Camunda 7: a user task there cannot fail (Camunda 8's "
          + "task listener jobs can); assert IS_CREATED, IS_COMPLETED or IS_CANCELED");
    }
    if (!state.isEmpty()) {
      String actual = task.getEndTime() == null ? "IS_CREATED"
          : "completed".equals(task.getDeleteReason()) ? "IS_COMPLETED" : "IS_CANCELED";
      if (!actual.equals(state)) {
        wrong.add("state is " + actual + ", expected " + state);
      }
    }
    compare(wrong, node, "assignee", task.getAssignee());
    compare(wrong, node, "elementId", task.getTaskDefinitionKey());
    compare(wrong, node, "name", task.getName());
    if (node.has("priority") && node.get("priority").asInt() != task.getPriority()) {
      wrong.add("priority is " + task.getPriority() + ", expected " + node.get("priority").asInt());
    }
    compareDate(wrong, node, "dueDate", task.getDueDate());
    compareDate(wrong, node, "followUpDate", task.getFollowUpDate());
    if (node.has("candidateGroups")) {
      Set<String> expected = new TreeSet<>();
      node.get("candidateGroups").forEach(group -> expected.add(group.asText()));
      Set<String> actual = new TreeSet<>();
      for (HistoricIdentityLinkLog link :
          history.createHistoricIdentityLinkLogQuery().taskId(task.getId()).type(IdentityLinkType.CANDIDATE).list()) {
        if (link.getGroupId() != null && "add".equals(link.getOperationType())) {
          actual.add(link.getGroupId());
        }
      }
      if (!expected.equals(actual)) {
        wrong.add("candidate groups are " + actual + ", expected " + expected);
      }
    }
    if (!wrong.isEmpty()) {
      String what = model.describe(task.getTaskDefinitionKey());
      throw failed("user task " + what + " as written", String.join("; ", wrong),
          "user task " + what + ": " + String.join("; ", wrong));
    }
  }

  private void assertVariables(JsonNode node) {
    String id = instance(node.path("processInstanceSelector"));
    var query = history.createHistoricVariableInstanceQuery().processInstanceId(id);
    JsonNode elementSelector = node.path("elementSelector");
    String scope;
    List<HistoricVariableInstance> variables;
    if (elementSelector.isMissingNode()) {
      scope = "process " + processKeyOf(id);
      // Process variables live in the instance's own scope, whose activity instance id is the instance id.
      variables = query.list().stream().filter(v -> id.equals(v.getActivityInstanceId())).toList();
    } else {
      String elementId = element(elementSelector, Optional.of(processKeyOf(id)));
      scope = model.describe(elementId);
      String[] scopes = activities(id).stream().filter(a -> a.getActivityId().equals(elementId))
          .map(HistoricActivityInstance::getId).toArray(String[]::new);
      variables = scopes.length == 0 ? List.of() : query.activityInstanceIdIn(scopes).list();
    }
    Map<String, Object> actual = new TreeMap<>();
    variables.forEach(variable -> actual.put(variable.getName(), variable.getValue()));
    List<String> wrong = new ArrayList<>();
    for (JsonNode name : node.path("variableNames")) {
      if (!actual.containsKey(name.asText())) {
        wrong.add("no variable \"" + name.asText() + "\"");
      }
    }
    node.path("variables").fields().forEachRemaining(expected -> {
      if (!actual.containsKey(expected.getKey())) {
        wrong.add("no variable \"" + expected.getKey() + "\" (expected " + JsonValues.show(expected.getValue()) + ")");
      } else if (!JsonValues.same(expected.getValue(), JsonValues.toJson(actual.get(expected.getKey())))) {
        wrong.add("\"" + expected.getKey() + "\" is " + JsonValues.show(actual.get(expected.getKey()))
            + ", expected " + JsonValues.show(expected.getValue()));
      }
    });
    if (!wrong.isEmpty()) {
      throw failed(JsonValues.show(node.path("variables")), "variables of " + scope + ": " + actual.keySet(),
          "variables of " + scope + ": " + String.join("; ", wrong));
    }
  }

  private void assertDecision(JsonNode node) {
    JsonNode selector = node.path("decisionSelector");
    String key;
    if (selector.has("decisionDefinitionId")) {
      key = selector.get("decisionDefinitionId").asText();
      requireDecision(key);
    } else {
      String name = selector.path("decisionDefinitionName").asText();
      key = model.decisionNamed(name).orElseThrow(() -> error(
          "no decision named \"" + name + "\" in the release; decisions: " + list(model.decisionKeys())));
    }
    List<HistoricDecisionInstance> evaluations = history.createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey(key).includeOutputs().orderByEvaluationTime().desc().list();
    if (evaluations.isEmpty()) {
      throw failed("decision " + model.describeDecision(key) + " evaluated", "it was not evaluated",
          "decision " + model.describeDecision(key) + " was not evaluated");
    }
    HistoricDecisionInstance evaluation = evaluations.get(0);
    // Rule indexes count rows of the table (1-based), as in Modeler; history only knows each output's rule id.
    List<String> ruleIds = ruleIds(evaluation.getDecisionDefinitionId(), key);
    Map<Integer, ObjectNode> rules = new TreeMap<>();
    for (HistoricDecisionOutputInstance output : evaluation.getOutputs()) {
      int rule = ruleIds.indexOf(output.getRuleId()) + 1;
      rules.computeIfAbsent(rule, r -> JsonNodeFactory.instance.objectNode())
          .set(output.getVariableName(), JsonValues.toJson(output.getValue()));
    }
    List<String> wrong = new ArrayList<>();
    if (node.has("output")) {
      JsonNode actual = decisionOutput(rules);
      if (!JsonValues.same(node.get("output"), actual)) {
        wrong.add("output is " + JsonValues.show(actual) + ", expected " + JsonValues.show(node.get("output")));
      }
    }
    for (JsonNode rule : node.path("matchedRules")) {
      if (!rules.containsKey(rule.asInt())) {
        wrong.add("rule " + rule.asInt() + " did not match (matched: " + rules.keySet() + ")");
      }
    }
    for (JsonNode rule : node.path("notMatchedRules")) {
      if (rules.containsKey(rule.asInt())) {
        wrong.add("rule " + rule.asInt() + " matched");
      }
    }
    if (node.path("noMatchedRules").asBoolean(false) && !rules.isEmpty()) {
      wrong.add("rules " + rules.keySet() + " matched, expected none");
    }
    if (!wrong.isEmpty()) {
      throw failed("decision " + model.describeDecision(key) + " as written", String.join("; ", wrong),
          "decision " + model.describeDecision(key) + ": " + String.join("; ", wrong));
    }
  }

  private List<String> ruleIds(String decisionDefinitionId, String key) {
    DmnModelInstance dmn = engine.engine().getRepositoryService().getDmnModelInstance(decisionDefinitionId);
    Decision decision = dmn.getModelElementById(key);
    List<String> ids = new ArrayList<>();
    if (decision != null && decision.getExpression() instanceof DecisionTable table) {
      table.getRules().forEach(rule -> ids.add(rule.getId()));
    }
    return ids;
  }

  /** The decision's result as FEEL would give it: one value, one context, or a list of either. */
  static JsonNode decisionOutput(Map<Integer, ObjectNode> rules) {
    List<JsonNode> results = new ArrayList<>();
    for (ObjectNode outputs : rules.values()) {
      results.add(outputs.size() == 1 ? outputs.elements().next() : outputs);
    }
    if (results.isEmpty()) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (results.size() == 1) {
      return results.get(0);
    }
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    results.forEach(list::add);
    return list;
  }

  private void assertIncident(JsonNode node) {
    String id = instance(node.path("processInstanceSelector"));
    var query = runtime.createIncidentQuery().processInstanceId(id);
    List<Incident> all = query.list();
    Optional<String> elementId = node.has("elementSelector")
        ? Optional.of(element(node.get("elementSelector"), Optional.of(processKeyOf(id)))) : Optional.empty();
    String type = node.path("incidentType").asText("");
    String text = node.path("messageContains").asText("");
    boolean found = all.stream().anyMatch(incident ->
        elementId.map(e -> e.equals(incident.getActivityId())).orElse(true)
            && (type.isEmpty() || type.equals(incident.getIncidentType()))
            && (text.isEmpty() || (incident.getIncidentMessage() != null && incident.getIncidentMessage().contains(text))));
    if (!found) {
      String expected = "an open incident" + elementId.map(e -> " at " + model.describe(e)).orElse("")
          + (type.isEmpty() ? "" : " of type " + type) + (text.isEmpty() ? "" : " saying \"" + text + "\"");
      throw failed(expected, "open incidents: " + describeIncidents(all),
          "expected " + expected + " but open incidents are: " + describeIncidents(all));
    }
  }

  // ---- the engine's state, in the model's words ----

  /** "it is waiting at …", "it ended at …", "it was terminated at …". */
  private String whereItIs(String instanceId) {
    HistoricProcessInstance instance =
        history.createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult();
    String state = stateOf(instance);
    if (state.equals("active")) {
      List<String> at = active(instanceId);
      return at.isEmpty() ? "it is active" : "it is waiting at " + model.describeAll(at);
    }
    List<String> ends = activities(instanceId).stream()
        .filter(a -> a.getEndTime() != null && a.getActivityType() != null && a.getActivityType().endsWith("EndEvent"))
        .map(HistoricActivityInstance::getActivityId).distinct().toList();
    if (state.equals("completed")) {
      return ends.isEmpty() ? "it ended" : "it ended at " + model.describeAll(ends);
    }
    return ends.isEmpty() ? "it was terminated" : "it was terminated at " + model.describeAll(ends);
  }

  private static String stateOf(HistoricProcessInstance instance) {
    return switch (instance.getState()) {
      case HistoricProcessInstance.STATE_ACTIVE, HistoricProcessInstance.STATE_SUSPENDED -> "active";
      case HistoricProcessInstance.STATE_COMPLETED -> "completed";
      default -> "terminated";
    };
  }

  private List<String> active(String instanceId) {
    if (runtime.createProcessInstanceQuery().processInstanceId(instanceId).count() == 0) {
      return List.of();
    }
    return runtime.getActiveActivityIds(instanceId);
  }

  private List<HistoricActivityInstance> activities(String instanceId) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
        .orderPartiallyByOccurrence().asc().list();
  }

  private static boolean in(HistoricActivityInstance activity, String state) {
    return switch (state) {
      case "IS_ACTIVE" -> activity.getEndTime() == null;
      case "IS_COMPLETED" -> activity.getEndTime() != null && !activity.isCanceled();
      case "IS_TERMINATED" -> activity.isCanceled();
      default -> false;
    };
  }

  private static String describeState(String state) {
    return switch (state) {
      case "IS_ACTIVE" -> "active";
      case "IS_COMPLETED" -> "completed";
      case "IS_TERMINATED" -> "terminated";
      default -> state;
    };
  }

  private static String times(long count) {
    return count == 1 ? "once" : count + " times";
  }

  private static boolean containsInOrder(List<String> actual, List<String> expected) {
    int next = 0;
    for (String id : actual) {
      if (next < expected.size() && expected.get(next).equals(id)) {
        next++;
      }
    }
    return next == expected.size();
  }

  private String describeIncidents(List<Incident> incidents) {
    if (incidents.isEmpty()) {
      return "none";
    }
    List<String> described = new ArrayList<>();
    for (Incident incident : incidents) {
      described.add(model.describe(incident.getActivityId()) + " (" + incident.getIncidentType() + ": "
          + EngineMessage.clean(incident.getIncidentMessage()) + ")");
    }
    return list(described);
  }

  /** Where every instance of the scenario waits, e.g. {@code "Check stock" (Task_CheckStock)}. */
  private String describeActive() {
    Set<String> active = new TreeSet<>();
    for (ProcessInstance instance : runtime.createProcessInstanceQuery().list()) {
      active.addAll(runtime.getActiveActivityIds(instance.getId()));
    }
    return model.describeAll(active);
  }

  // ---- selectors ----

  private String processKey(JsonNode selector) {
    String key = selector.path("processDefinitionId").asText();
    if (!model.hasProcess(key) && !engine.stubs().isStubProcess(key)) {
      throw error("no process \"" + key + "\" in the release; processes: " + list(model.processKeys())
          + "; use the process id from the BPMN file");
    }
    return key;
  }

  private String processKeyOf(String instanceId) {
    return history.createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult()
        .getProcessDefinitionKey();
  }

  /** The instance a selector means: the last one the scenario started, or else the first started at all. */
  private String instance(JsonNode selector) {
    String key = processKey(selector);
    List<String> mine = started.get(key);
    if (mine != null && !mine.isEmpty()) {
      return mine.get(mine.size() - 1);
    }
    List<HistoricProcessInstance> any = history.createHistoricProcessInstanceQuery().processDefinitionKey(key)
        .orderByProcessInstanceStartTime().asc().list();
    if (any.isEmpty()) {
      throw failed("an instance of process " + key, "none was started",
          "no instance of process " + key + " was started; start one with CREATE_PROCESS_INSTANCE first");
    }
    return any.get(0).getId();
  }

  private void remember(ProcessInstance instance) {
    started.computeIfAbsent(instance.getProcessDefinitionId().split(":")[0], key -> new ArrayList<>())
        .add(instance.getId());
  }

  /** The element a selector names (by id or name), checked against the release's models. */
  private String element(JsonNode selector, Optional<String> processKey) {
    if (selector.has("elementId")) {
      String id = selector.get("elementId").asText();
      requireElement(id, processKey);
      return id;
    }
    String name = selector.path("elementName").asText();
    List<String> ids = model.elementIds(Optional.empty(), Optional.of(name), processKey);
    if (ids.isEmpty()) {
      throw error("no element named \"" + name + "\"" + processKey.map(k -> " in process " + k).orElse("")
          + "; check the name in Modeler or select the element by its id");
    }
    if (ids.size() > 1) {
      throw error("more than one element is named \"" + name + "\" (" + String.join(", ", ids)
          + "); select the element by its id");
    }
    return ids.get(0);
  }

  private void requireElement(String id, Optional<String> processKey) {
    if (model.elementIds(Optional.of(id), Optional.empty(), processKey).isEmpty()) {
      throw error("no element \"" + id + "\"" + processKey.map(k -> " in process " + k).orElse(" in the release's processes")
          + "; check the id in Modeler (element ids are case-sensitive)");
    }
  }

  private void requireDecision(String key) {
    if (!model.hasDecision(key)) {
      throw error("no decision \"" + key + "\" in the release; decisions: " + list(model.decisionKeys()));
    }
  }

  private Task activeTask(JsonNode selector) {
    TaskQuery query = tasks.createTaskQuery().active();
    String described = userTaskQuery(selector, query::taskDefinitionKey, query::taskName, query::processDefinitionKey);
    List<Task> found = query.list();
    if (found.isEmpty()) {
      String active = describeActive();
      throw failed("user task " + described + " active", "active: " + active,
          "no user task " + described + " is active; active: " + active);
    }
    return found.get(0);
  }

  /** Applies a user task selector to a query; returns how the selected task is named in messages. */
  private String userTaskQuery(JsonNode selector, java.util.function.Consumer<String> byElement,
      java.util.function.Consumer<String> byName, java.util.function.Consumer<String> byProcess) {
    List<String> described = new ArrayList<>();
    if (selector.has("elementId")) {
      String id = selector.get("elementId").asText();
      requireElement(id, Optional.empty());
      byElement.accept(id);
      described.add(model.describe(id));
    }
    if (selector.has("taskName")) {
      byName.accept(selector.get("taskName").asText());
      described.add("\"" + selector.get("taskName").asText() + "\"");
    }
    if (selector.has("processDefinitionId")) {
      byProcess.accept(processKey(selector));
      described.add("of process " + selector.get("processDefinitionId").asText());
    }
    return String.join(" ", described);
  }

  private static JsonNode jobSelectorAsExternalTask(JsonNode jobSelector) {
    ObjectNode selector = JsonNodeFactory.instance.objectNode();
    if (jobSelector.has("jobType")) {
      selector.set("topic", jobSelector.get("jobType"));
    }
    if (jobSelector.has("elementId")) {
      selector.set("elementId", jobSelector.get("elementId"));
    }
    if (jobSelector.has("processDefinitionId")) {
      selector.set("processDefinitionId", jobSelector.get("processDefinitionId"));
    }
    return selector;
  }

  private ExternalTask externalTask(JsonNode selector) {
    ExternalTask task = findExternalTask(selector).orElseThrow(() -> nothingWaiting(selector));
    lock(task);
    return task;
  }

  private Optional<ExternalTask> findExternalTask(JsonNode selector) {
    ExternalTaskQuery query = externalTasks.createExternalTaskQuery().active().notLocked();
    if (selector.has("topic")) {
      query.topicName(selector.get("topic").asText());
    }
    if (selector.has("elementId")) {
      String id = selector.get("elementId").asText();
      requireElement(id, Optional.empty());
      query.activityId(id);
    }
    if (selector.has("processDefinitionId")) {
      query.processDefinitionKey(processKey(selector));
    }
    return query.orderByCreateTime().asc().listPage(0, 1).stream().findFirst();
  }

  private Optional<Job> engineJob(JsonNode selector) {
    if (!selector.has("elementId") || selector.has("jobType")) {
      return Optional.empty();
    }
    var query = management.createJobQuery().active().activityId(selector.get("elementId").asText());
    if (selector.has("processDefinitionId")) {
      query.processDefinitionKey(processKey(selector));
    }
    return query.listPage(0, 1).stream().findFirst();
  }

  private void lock(ExternalTask task) {
    externalTasks.lock(task.getId(), WORKER, LOCK_MILLIS);
  }

  private TestCaseFailure nothingWaiting(JsonNode selector) {
    List<String> waiting = new ArrayList<>();
    for (ExternalTask task : externalTasks.createExternalTaskQuery().active().list()) {
      waiting.add("external task " + model.describe(task.getActivityId()) + " (topic " + task.getTopicName() + ")");
    }
    for (Job job : management.createJobQuery().active().list()) {
      waiting.add("job at " + model.describe(activityOf(job)));
    }
    String wanted = selector.has("elementId") ? model.describe(selector.get("elementId").asText())
        : selector.has("topic") ? "topic " + selector.get("topic").asText()
        : selector.has("jobType") ? "job type " + selector.get("jobType").asText()
        : "process " + selector.path("processDefinitionId").asText();
    if (selector.has("elementId") && !tasks.createTaskQuery().taskDefinitionKey(selector.get("elementId").asText())
        .list().isEmpty()) {
      return error(model.describe(selector.get("elementId").asText()) + " is a user task; complete it with "
          + "COMPLETE_USER_TASK");
    }
    String actual = waiting.isEmpty() ? "nothing waits for a worker" : "waiting: " + list(waiting);
    return failed("a job for " + wanted, actual, "no job for " + wanted + " is waiting; " + actual);
  }

  private static String activityOf(Job job) {
    return job instanceof org.camunda.bpm.engine.impl.persistence.entity.JobEntity entity
        && entity.getActivityId() != null ? entity.getActivityId() : job.getId();
  }

  // ---- the job executor and workers, run in this thread ----

  /**
   * Runs what a job executor and the mocked workers would: due jobs (a failing job loses a retry each time,
   * then raises an incident) and external tasks on mocked topics, until nothing is left. An endless loop of
   * async steps keeps this busy until the scenario's time is up.
   */
  private void settle() {
    while (true) {
      stopWhenInterrupted();
      boolean worked = false;
      List<Job> due = management.createJobQuery().executable().active().orderByJobDuedate().asc().listPage(0, 1);
      if (!due.isEmpty()) {
        executeJob(due.get(0));
        worked = true;
      }
      for (Map.Entry<String, Instruction> worker : workers.entrySet()) {
        for (ExternalTask task : externalTasks.createExternalTaskQuery().topicName(worker.getKey()).active()
            .notLocked().list()) {
          answer(task, worker.getValue().node());
          worked = true;
        }
      }
      if (!worked) {
        return;
      }
    }
  }

  private void answer(ExternalTask task, JsonNode mock) {
    lock(task);
    if (mock.path("type").asText().equals("MOCK_JOB_WORKER_THROW_BPMN_ERROR")) {
      externalTasks.handleBpmnError(task.getId(), WORKER, mock.path("errorCode").asText(),
          mock.path("errorMessage").asText(null), variables(mock));
    } else {
      externalTasks.complete(task.getId(), WORKER, variables(mock));
    }
  }

  private void executeJob(Job job) {
    try {
      management.executeJob(job.getId());
    } catch (RuntimeException e) {
      if (stoppedBy(e)) {
        throw new FlowRecorder.ScenarioStopped();
      }
      // The engine has taken a retry off the job (an incident at zero), as its job executor would; the
      // scenario goes on and may assert the incident.
    }
  }

  private static boolean stoppedBy(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof FlowRecorder.ScenarioStopped) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return Thread.currentThread().isInterrupted();
  }

  private static void stopWhenInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new FlowRecorder.ScenarioStopped();
    }
  }

  // ---- helpers ----

  private static Map<String, Object> variables(JsonNode node) {
    return JsonValues.variables(node.path("variables"));
  }

  private void compare(List<String> wrong, JsonNode node, String field, String actual) {
    if (node.has(field) && !node.get(field).asText().equals(actual)) {
      wrong.add(field + " is " + (actual == null ? "not set" : "\"" + actual + "\"") + ", expected \""
          + node.get(field).asText() + "\"");
    }
  }

  private void compareDate(List<String> wrong, JsonNode node, String field, Date actual) {
    if (!node.has(field)) {
      return;
    }
    String text = node.get(field).asText();
    try {
      Instant expected = Instant.parse(text);
      if (actual == null || !expected.equals(actual.toInstant())) {
        wrong.add(field + " is " + (actual == null ? "not set" : actual.toInstant()) + ", expected " + expected);
      }
    } catch (DateTimeParseException e) {
      throw error(field + " \"" + text + "\" is not an ISO 8601 instant; write e.g. 2026-01-19T13:00:00Z");
    }
  }

  private static String list(List<String> items) {
    if (items.isEmpty()) {
      return "none";
    }
    List<String> shown = items.subList(0, Math.min(items.size(), MAX_LISTED));
    String text = String.join(", ", shown);
    return items.size() > MAX_LISTED ? text + " and " + (items.size() - MAX_LISTED) + " more" : text;
  }

  private TestCaseFailure exampleDataNotApplicable() {
    return error("useExampleData is not applicable on Camunda 7: example data is a Camunda 8 Modeler property "
        + "(zeebe:properties); give the variables instead");
  }

  private TestCaseFailure error(String message) {
    return TestCaseFailure.error(current.step(), current.type(), where() + message);
  }

  private TestCaseFailure failed(String expected, String actual, String message) {
    return TestCaseFailure.failed(current.step(), current.type(), expected, actual, where() + message);
  }

  private String where() {
    return file + " line " + current.line() + ", step " + current.step() + " (" + current.type() + "): ";
  }
}
