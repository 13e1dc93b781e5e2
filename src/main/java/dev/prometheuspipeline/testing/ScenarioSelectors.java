package dev.prometheuspipeline.testing;

import static dev.prometheuspipeline.testing.ScenarioContext.list;

import dev.prometheuspipeline.testing.Selectors.ElementSelector;
import dev.prometheuspipeline.testing.Selectors.ExternalTaskSelector;
import dev.prometheuspipeline.testing.Selectors.JobSelector;
import dev.prometheuspipeline.testing.Selectors.ProcessSelector;
import dev.prometheuspipeline.testing.Selectors.UserTaskSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.ExternalTaskQuery;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;

/**
 * What a selector means on the engine: a process, an instance, an element, a user task, an external task or
 * a job; checked against the release's models first, so that a wrong id is an ERROR naming what there is.
 */
final class ScenarioSelectors {
  private final ScenarioContext context;
  private final ReleaseModel model;
  private final ScenarioState state;

  ScenarioSelectors(ScenarioContext context, ScenarioState state) {
    this.context = context;
    this.model = context.model;
    this.state = state;
  }

  /** The process key, when the release (or a stub of the scenario) has that process. */
  String processKey(String processDefinitionId) {
    if (!model.hasProcess(processDefinitionId) && !context.engine.stubs().isStubProcess(processDefinitionId)) {
      throw context.error("no process \"" + processDefinitionId + "\" in the release; processes: "
          + list(model.processKeys()) + "; use the process id from the BPMN file");
    }
    return processDefinitionId;
  }

  String processKey(ProcessSelector selector) {
    return processKey(selector.processDefinitionId());
  }

  String processKeyOf(String instanceId) {
    return context.history.createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult()
        .getProcessDefinitionKey();
  }

  /** The instance a selector means: the last one the scenario started, or else the first started at all. */
  String instance(ProcessSelector selector) {
    String key = processKey(selector);
    Optional<String> mine = context.lastStarted(key);
    if (mine.isPresent()) {
      return mine.get();
    }
    List<HistoricProcessInstance> any = context.history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(key).orderByProcessInstanceStartTime().asc().list();
    if (any.isEmpty()) {
      throw context.failed("an instance of process " + key, "none was started",
          "no instance of process " + key + " was started; start one with CREATE_PROCESS_INSTANCE first");
    }
    return any.get(0).getId();
  }

  /** The element a selector names (by id or name), checked against the release's models. */
  String element(ElementSelector selector, Optional<String> processKey) {
    if (selector.elementId().isPresent()) {
      String id = selector.elementId().get();
      requireElement(id, processKey);
      return id;
    }
    String name = selector.elementName().orElse("");
    List<String> ids = model.elementIds(Optional.empty(), Optional.of(name), processKey);
    if (ids.isEmpty()) {
      throw context.error("no element named \"" + name + "\"" + processKey.map(k -> " in process " + k).orElse("")
          + "; check the name in Modeler or select the element by its id");
    }
    if (ids.size() > 1) {
      throw context.error("more than one element is named \"" + name + "\" (" + String.join(", ", ids)
          + "); select the element by its id");
    }
    return ids.get(0);
  }

  void requireElement(String id, Optional<String> processKey) {
    if (model.elementIds(Optional.of(id), Optional.empty(), processKey).isEmpty()) {
      throw context.error("no element \"" + id + "\""
          + processKey.map(k -> " in process " + k).orElse(" in the release's processes")
          + "; check the id in Modeler (element ids are case-sensitive)");
    }
  }

  void requireDecision(String key) {
    if (!model.hasDecision(key)) {
      throw context.error("no decision \"" + key + "\" in the release; decisions: " + list(model.decisionKeys()));
    }
  }

  Task activeTask(UserTaskSelector selector) {
    TaskQuery query = context.tasks.createTaskQuery().active();
    String described = userTaskQuery(selector, query::taskDefinitionKey, query::taskName, query::processDefinitionKey);
    List<Task> found = query.list();
    if (found.isEmpty()) {
      String active = state.describeActive();
      throw context.failed("user task " + described + " active", "active: " + active,
          "no user task " + described + " is active; active: " + active);
    }
    return found.get(0);
  }

  /** Applies a user task selector to a query; returns how the selected task is named in messages. */
  String userTaskQuery(UserTaskSelector selector, Consumer<String> byElement, Consumer<String> byName,
      Consumer<String> byProcess) {
    List<String> described = new ArrayList<>();
    selector.elementId().ifPresent(id -> {
      requireElement(id, Optional.empty());
      byElement.accept(id);
      described.add(model.describe(id));
    });
    selector.taskName().ifPresent(name -> {
      byName.accept(name);
      described.add("\"" + name + "\"");
    });
    selector.processDefinitionId().ifPresent(id -> {
      byProcess.accept(processKey(id));
      described.add("of process " + id);
    });
    return String.join(" ", described);
  }

  /** The oldest external task the selector matches that no one has locked. */
  Optional<ExternalTask> findExternalTask(ExternalTaskSelector selector) {
    ExternalTaskQuery query = context.externalTasks.createExternalTaskQuery().active().notLocked();
    selector.topic().ifPresent(query::topicName);
    selector.elementId().ifPresent(id -> {
      requireElement(id, Optional.empty());
      query.activityId(id);
    });
    selector.processDefinitionId().ifPresent(id -> query.processDefinitionKey(processKey(id)));
    return query.orderByCreateTime().asc().listPage(0, 1).stream().findFirst();
  }

  /** A job of the engine's own (async continuation, timer) at the element; only for a selector by element. */
  Optional<Job> engineJob(JobSelector selector) {
    if (selector.elementId().isEmpty() || selector.jobType().isPresent()) {
      return Optional.empty();
    }
    var query = context.management.createJobQuery().active().activityId(selector.elementId().get());
    selector.processDefinitionId().ifPresent(id -> query.processDefinitionKey(processKey(id)));
    return query.listPage(0, 1).stream().findFirst();
  }

  TestCaseFailure nothingWaiting(JobSelector selector) {
    return nothingWaiting(selector.elementId(), Optional.empty(), selector.jobType(), selector.processDefinitionId());
  }

  TestCaseFailure nothingWaiting(ExternalTaskSelector selector) {
    return nothingWaiting(selector.elementId(), selector.topic(), Optional.empty(), selector.processDefinitionId());
  }

  private TestCaseFailure nothingWaiting(Optional<String> elementId, Optional<String> topic, Optional<String> jobType,
      Optional<String> processDefinitionId) {
    List<String> waiting = new ArrayList<>();
    for (ExternalTask task : context.externalTasks.createExternalTaskQuery().active().list()) {
      waiting.add("external task " + model.describe(task.getActivityId()) + " (topic " + task.getTopicName() + ")");
    }
    for (Job job : context.management.createJobQuery().active().list()) {
      waiting.add("job at " + model.describe(activityOf(job)));
    }
    String wanted = elementId.map(model::describe)
        .or(() -> topic.map(t -> "topic " + t))
        .or(() -> jobType.map(t -> "job type " + t))
        .orElseGet(() -> "process " + processDefinitionId.orElse(""));
    if (elementId.isPresent() && !context.tasks.createTaskQuery().taskDefinitionKey(elementId.get()).list().isEmpty()) {
      return context.error(model.describe(elementId.get()) + " is a user task; complete it with "
          + "COMPLETE_USER_TASK");
    }
    String actual = waiting.isEmpty() ? "nothing waits for a worker" : "waiting: " + list(waiting);
    return context.failed("a job for " + wanted, actual, "no job for " + wanted + " is waiting; " + actual);
  }

  /** The element a job waits at; its id when it has none. */
  static String activityOf(Job job) {
    return job instanceof JobEntity entity && entity.getActivityId() != null ? entity.getActivityId() : job.getId();
  }
}
