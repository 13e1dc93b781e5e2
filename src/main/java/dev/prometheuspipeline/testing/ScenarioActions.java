package dev.prometheuspipeline.testing;

import static dev.prometheuspipeline.testing.ScenarioContext.WORKER;
import static dev.prometheuspipeline.testing.ScenarioContext.list;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.testing.CptInstruction.C7CompleteExternalTask;
import dev.prometheuspipeline.testing.CptInstruction.C7FailExternalTask;
import dev.prometheuspipeline.testing.CptInstruction.C7FireTimer;
import dev.prometheuspipeline.testing.CptInstruction.C7ThrowBpmnErrorFromExternalTask;
import dev.prometheuspipeline.testing.CptInstruction.CompleteJob;
import dev.prometheuspipeline.testing.CptInstruction.CompleteUserTask;
import dev.prometheuspipeline.testing.CptInstruction.CorrelateMessage;
import dev.prometheuspipeline.testing.CptInstruction.CreateProcessInstance;
import dev.prometheuspipeline.testing.CptInstruction.MockWorker;
import dev.prometheuspipeline.testing.CptInstruction.PublishMessage;
import dev.prometheuspipeline.testing.CptInstruction.StartInstruction;
import dev.prometheuspipeline.testing.CptInstruction.ThrowBpmnErrorFromJob;
import dev.prometheuspipeline.testing.CptInstruction.UpdateVariables;
import dev.prometheuspipeline.testing.Selectors.ElementSelector;
import dev.prometheuspipeline.testing.Selectors.ExternalTaskSelector;
import dev.prometheuspipeline.testing.Selectors.IncidentSelector;
import dev.prometheuspipeline.testing.Selectors.JobSelector;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstantiationBuilder;
import org.camunda.bpm.engine.task.Task;

/** The actions of a scenario: each drives the engine as the instruction says, then lets the job loop settle. */
final class ScenarioActions {
  private final ScenarioContext context;
  private final ScenarioSelectors selectors;
  private final ScenarioState state;
  private final JobLoop jobs;
  private final ReleaseModel model;

  ScenarioActions(ScenarioContext context, ScenarioSelectors selectors, ScenarioState state, JobLoop jobs) {
    this.context = context;
    this.selectors = selectors;
    this.state = state;
    this.jobs = jobs;
    this.model = context.model;
  }

  void createProcessInstance(CreateProcessInstance instruction) {
    String key = selectors.processKey(instruction.processDefinitionSelector());
    if (!instruction.runtimeInstructions().isEmpty()) {
      throw context.error("runtimeInstructions (TERMINATE_PROCESS_INSTANCE) are not applicable on Camunda 7: the "
          + "engine cannot be told from outside the model to end an instance after an element; model the end, or "
          + "assert the element and stop there");
    }
    ProcessInstantiationBuilder builder =
        context.runtime.createProcessInstanceByKey(key).setVariables(variables(instruction.variables()));
    instruction.businessKey().ifPresent(builder::businessKey);
    for (StartInstruction start : instruction.startInstructions()) {
      selectors.requireElement(start.elementId(), Optional.of(key));
      builder.startBeforeActivity(start.elementId());
    }
    context.remember(builder.execute());
    jobs.settle();
  }

  void completeUserTask(CompleteUserTask instruction) {
    if (instruction.useExampleData()) {
      throw exampleDataNotApplicable();
    }
    Task task = selectors.activeTask(instruction.userTaskSelector());
    context.tasks.complete(task.getId(), variables(instruction.variables()));
    jobs.settle();
  }

  void completeJob(CompleteJob instruction) {
    if (instruction.useExampleData()) {
      throw exampleDataNotApplicable();
    }
    JobSelector selector = instruction.jobSelector();
    Map<String, Object> variables = variables(instruction.variables());
    Optional<ExternalTask> task = selectors.findExternalTask(selector.asExternalTask());
    if (task.isPresent()) {
      jobs.lock(task.get());
      context.externalTasks.complete(task.get().getId(), WORKER, variables);
      jobs.settle();
      return;
    }
    Optional<Job> job = selectors.engineJob(selector);
    if (job.isPresent()) {
      // A Camunda 7 job (async continuation, timer) runs engine code; its variables go in first.
      if (!variables.isEmpty() && job.get().getExecutionId() != null) {
        context.runtime.setVariables(job.get().getExecutionId(), variables);
      }
      jobs.executeJob(job.get());
      jobs.settle();
      return;
    }
    throw selectors.nothingWaiting(selector);
  }

  void throwErrorFromJob(ThrowBpmnErrorFromJob instruction) {
    JobSelector selector = instruction.jobSelector();
    Optional<ExternalTask> task = selectors.findExternalTask(selector.asExternalTask());
    if (task.isEmpty()) {
      if (selectors.engineJob(selector).isPresent()) {
        throw context.error("THROW_BPMN_ERROR_FROM_JOB on a Camunda 7 job is not applicable on Camunda 7: such a "
            + "job runs the engine's own code (an async continuation, a timer); only an external task's worker "
            + "throws BPMN errors from outside the engine");
      }
      throw selectors.nothingWaiting(selector);
    }
    jobs.lock(task.get());
    context.externalTasks.handleBpmnError(task.get().getId(), WORKER, instruction.errorCode(),
        instruction.errorMessage().orElse(null), variables(instruction.variables()));
    jobs.settle();
  }

  void mockWorker(MockWorker worker, boolean useExampleData) {
    if (useExampleData) {
      throw exampleDataNotApplicable();
    }
    jobs.mock(worker);
    jobs.settle();
  }

  void broadcastSignal(CptInstruction.BroadcastSignal instruction) {
    context.runtime.createSignalEvent(instruction.signalName()).setVariables(variables(instruction.variables()))
        .send();
    jobs.settle();
  }

  void publishMessage(PublishMessage instruction) {
    String name = instruction.name();
    List<MessageCorrelationResult> results =
        message(name, instruction.correlationKey(), instruction.variables()).correlateAllWithResult();
    rememberCorrelations(name, results);
    if (results.isEmpty() && instruction.timeToLive() > 0) {
      throw context.error("a message kept for its timeToLive is not applicable on Camunda 7: the engine does not "
          + "buffer messages, and nothing was waiting for message \"" + name + "\"; publish it once the process "
          + "waits for it");
    }
    jobs.settle();
  }

  void correlateMessage(CorrelateMessage instruction) {
    String name = instruction.name();
    try {
      rememberCorrelations(name,
          List.of(message(name, instruction.correlationKey(), instruction.variables()).correlateWithResult()));
    } catch (MismatchingMessageCorrelationException e) {
      List<String> waiting = new ArrayList<>();
      for (EventSubscription subscription :
          context.runtime.createEventSubscriptionQuery().eventType("message").list()) {
        waiting.add("\"" + subscription.getEventName() + "\" at " + model.describe(subscription.getActivityId()));
      }
      String key = instruction.correlationKey().orElse("");
      throw context.failed(
          "a process waiting for message \"" + name + "\"" + (key.isEmpty() ? "" : " with key " + key),
          waiting.isEmpty() ? "nothing waits for a message" : "waiting: " + list(waiting),
          "no process instance waits for message \"" + name + "\"" + (key.isEmpty() ? "" : " (business key "
              + key + ")") + "; " + (waiting.isEmpty() ? "none waits for any message" : "waiting: " + list(waiting)));
    }
    jobs.settle();
  }

  private MessageCorrelationBuilder message(String name, Optional<String> correlationKey, JsonNode variables) {
    MessageCorrelationBuilder builder = context.runtime.createMessageCorrelation(name).setVariables(variables(variables));
    String key = correlationKey.orElse("");
    // Camunda 7 correlates by business key (or variables); the CPT correlation key maps to the business key.
    return key.isEmpty() ? builder : builder.processInstanceBusinessKey(key);
  }

  private void rememberCorrelations(String name, List<MessageCorrelationResult> results) {
    for (MessageCorrelationResult result : results) {
      if (result.getProcessInstance() != null) {
        context.remember(result.getProcessInstance());
        context.correlated(name, result.getProcessInstance().getId());
      } else if (result.getExecution() != null) {
        context.correlated(name, result.getExecution().getProcessInstanceId());
      }
    }
  }

  void increaseTime(String text) {
    long millis;
    try {
      millis = DatatypeFactory.newInstance().newDuration(text).getTimeInMillis(new Date(ScenarioClock.now()));
    } catch (IllegalArgumentException | DatatypeConfigurationException e) {
      throw context.error("\"" + text + "\" is not an ISO 8601 duration; write e.g. PT1H, P2D or P1DT12H");
    }
    if (millis < 0) {
      throw context.error("time cannot go back (" + text + "); use SET_TIME to start at an earlier moment");
    }
    ScenarioClock.moveBy(millis);
    jobs.settle();
  }

  void setTime(String text) {
    try {
      ScenarioClock.moveTo(Instant.parse(text).toEpochMilli());
    } catch (DateTimeParseException e) {
      throw context.error("\"" + text + "\" is not an ISO 8601 instant; write e.g. 2026-01-19T13:00:00Z");
    }
    jobs.settle();
  }

  void evaluateConditionalStartEvent(CptInstruction.EvaluateConditionalStartEvent instruction) {
    for (ProcessInstance instance : context.runtime.createConditionEvaluation()
        .setVariables(variables(instruction.variables())).evaluateStartConditions()) {
      context.remember(instance);
    }
    jobs.settle();
  }

  void evaluateDecision(CptInstruction.EvaluateDecision instruction) {
    String key = instruction.decisionDefinitionSelector().decisionDefinitionId();
    selectors.requireDecision(key);
    context.engine.engine().getDecisionService().evaluateDecisionByKey(key)
        .variables(variables(instruction.variables())).evaluate();
  }

  void updateVariables(UpdateVariables instruction) {
    String instance = selectors.instance(instruction.processInstanceSelector());
    Map<String, Object> variables = variables(instruction.variables());
    if (instruction.elementSelector().isEmpty()) {
      context.runtime.setVariables(instance, variables);
    } else {
      String elementId =
          selectors.element(instruction.elementSelector().get(), Optional.of(selectors.processKeyOf(instance)));
      List<Execution> executions =
          context.runtime.createExecutionQuery().processInstanceId(instance).activityId(elementId).list();
      if (executions.isEmpty()) {
        throw context.failed(model.describe(elementId) + " active",
            "active: " + model.describeAll(state.active(instance)),
            "cannot set local variables: " + model.describe(elementId) + " is not active; active: "
                + model.describeAll(state.active(instance)));
      }
      context.runtime.setVariablesLocal(executions.get(0).getId(), variables);
    }
    jobs.settle();
  }

  void resolveIncident(IncidentSelector selector) {
    var query = context.runtime.createIncidentQuery();
    selector.elementId().ifPresent(id -> {
      selectors.requireElement(id, Optional.empty());
      query.activityId(id);
    });
    selector.processDefinitionId().ifPresent(id -> query.processDefinitionKeyIn(selectors.processKey(id)));
    List<Incident> incidents = query.list();
    if (incidents.isEmpty()) {
      List<Incident> open = context.runtime.createIncidentQuery().list();
      throw context.failed("an open incident", "open incidents: " + state.describeIncidents(open),
          "no open incident" + selector.elementId().map(id -> " at " + model.describe(id)).orElse("")
              + "; open incidents: " + state.describeIncidents(open));
    }
    Incident incident = incidents.get(0);
    // Resolving means trying again, as in Operate: the job or external task gets one more retry.
    switch (incident.getIncidentType()) {
      case Incident.FAILED_JOB_HANDLER_TYPE -> context.management.setJobRetries(incident.getConfiguration(), 1);
      case Incident.EXTERNAL_TASK_HANDLER_TYPE -> context.externalTasks.setRetries(incident.getConfiguration(), 1);
      default -> context.runtime.resolveIncident(incident.getId());
    }
    jobs.settle();
  }

  void mockChildProcess(CptInstruction.MockChildProcess instruction) {
    String key = instruction.processDefinitionId();
    context.engine.deployStub(key + ".stub.bpmn",
        context.engine.stubs().stubProcess(key, variables(instruction.variables())));
  }

  void mockDecision(CptInstruction.MockDmnDecision instruction) {
    String key = instruction.decisionDefinitionId();
    try {
      context.engine.deployStub(key + ".stub.dmn", ScenarioStubs.stubDecision(key, variables(instruction.variables())));
    } catch (IllegalArgumentException e) {
      throw context.error("cannot mock decision " + key + ": " + e.getMessage());
    }
  }

  void completeExternalTask(C7CompleteExternalTask instruction) {
    ExternalTask task = lockedExternalTask(instruction.externalTaskSelector());
    context.externalTasks.complete(task.getId(), WORKER, variables(instruction.variables()),
        variables(instruction.localVariables()));
    jobs.settle();
  }

  void throwErrorFromExternalTask(C7ThrowBpmnErrorFromExternalTask instruction) {
    ExternalTask task = lockedExternalTask(instruction.externalTaskSelector());
    context.externalTasks.handleBpmnError(task.getId(), WORKER, instruction.errorCode(),
        instruction.errorMessage().orElse(null), variables(instruction.variables()));
    jobs.settle();
  }

  void failExternalTask(C7FailExternalTask instruction) {
    ExternalTask task = lockedExternalTask(instruction.externalTaskSelector());
    context.externalTasks.handleFailure(task.getId(), WORKER, instruction.errorMessage().orElse("failed by the test"),
        instruction.errorDetails().orElse(null), instruction.retries(), 0);
    jobs.settle();
  }

  private ExternalTask lockedExternalTask(ExternalTaskSelector selector) {
    ExternalTask task = selectors.findExternalTask(selector).orElseThrow(() -> selectors.nothingWaiting(selector));
    jobs.lock(task);
    return task;
  }

  void fireTimer(C7FireTimer instruction) {
    Optional<String> processKey = instruction.processDefinitionId().map(selectors::processKey);
    ElementSelector elementSelector = instruction.elementSelector();
    String elementId = selectors.element(elementSelector, processKey);
    var query = context.management.createJobQuery().timers().activityId(elementId);
    processKey.ifPresent(query::processDefinitionKey);
    List<Job> timers = query.list();
    if (timers.isEmpty()) {
      List<String> waiting = new ArrayList<>();
      context.management.createJobQuery().timers().list()
          .forEach(job -> waiting.add(ScenarioSelectors.activityOf(job)));
      throw context.failed("a timer waiting at " + model.describe(elementId),
          "timers waiting: " + model.describeAll(waiting),
          "no timer at " + model.describe(elementId) + " is waiting; timers waiting: " + model.describeAll(waiting));
    }
    jobs.executeJob(timers.get(0));
    jobs.settle();
  }

  private TestCaseFailure exampleDataNotApplicable() {
    return context.error("useExampleData is not applicable on Camunda 7: example data is a Camunda 8 Modeler "
        + "property (zeebe:properties); give the variables instead");
  }

  private static Map<String, Object> variables(JsonNode variables) {
    return JsonValues.variables(variables);
  }
}
