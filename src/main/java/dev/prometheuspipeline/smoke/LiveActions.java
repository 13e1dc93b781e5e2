package dev.prometheuspipeline.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.deploy.TargetEngineClient;
import dev.prometheuspipeline.deploy.TargetException;
import dev.prometheuspipeline.smoke.LiveCase.Started;
import dev.prometheuspipeline.testing.CptInstruction.CompleteUserTask;
import dev.prometheuspipeline.testing.CptInstruction.CreateProcessInstance;
import dev.prometheuspipeline.testing.CptInstruction.UpdateVariables;
import dev.prometheuspipeline.testing.Selectors.ExternalTaskSelector;
import dev.prometheuspipeline.testing.Selectors.UserTaskSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The actions of a smoke case, through the target's REST API. Tasks are looked for only in the case's own
 * instances, and external tasks are locked with the case's business key, so a smoke run never takes work
 * from anyone else's instance.
 */
final class LiveActions {
  /** The worker id a smoke run locks external tasks with; Cockpit shows it on a task the run holds. */
  static final String WORKER_ID = "prometheus-pipeline-smoke";
  private static final long LOCK_MILLIS = 60_000;

  private final LiveCase live;
  private final TargetEngineClient engine;

  LiveActions(LiveCase live) {
    this.live = live;
    this.engine = live.engine;
  }

  void createProcessInstance(CreateProcessInstance instruction) {
    String key = instruction.processDefinitionSelector().processDefinitionId();
    String businessKey = live.newBusinessKey();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("businessKey", businessKey);
    body.put("variables", LiveVariables.typed(instruction.variables()));
    if (!instruction.startInstructions().isEmpty()) {
      body.put("startInstructions", instruction.startInstructions().stream()
          .map(at -> Map.of("type", "startBeforeActivity", "activityId", at.elementId())).toList());
    }
    boolean tenant = engine.target().hasTenant();
    String path = tenant ? "/process-definition/key/{key}/tenant-id/{tenant}/start" : "/process-definition/key/{key}/start";
    Map<String, String> variables = tenant ? Map.of("key", key, "tenant", engine.target().tenant()) : Map.of("key", key);
    JsonNode instance = refusedAs("start process \"" + key + "\"", () -> engine.post(path, variables, body, JsonNode.class));
    live.track(instance.path("id").asText(), key, businessKey, instruction.businessKey());
  }

  void completeUserTask(CompleteUserTask instruction) {
    UserTaskSelector selector = instruction.userTaskSelector();
    JsonNode task = live.poll.until("an open user task " + describe(selector) + " in this case's instances",
        observed -> {
          List<JsonNode> open = new ArrayList<>();
          for (Started instance : live.candidates(selector.processDefinitionId())) {
            open.addAll(live.list("/task", Map.of("processInstanceId", instance.id())));
          }
          observed.saw(open.isEmpty() ? "no user task is open in them"
              : "open user tasks: " + open.stream().map(t -> t.path("taskDefinitionKey").asText() + " \""
                  + t.path("name").asText() + "\"").collect(Collectors.joining(", ")));
          return open.stream().filter(t -> selector.elementId().map(t.path("taskDefinitionKey").asText()::equals)
              .orElse(true) && selector.taskName().map(t.path("name").asText()::equals).orElse(true)).findFirst();
        });
    String id = task.path("id").asText();
    refusedAs("complete user task " + task.path("taskDefinitionKey").asText(), () -> engine.post("/task/{id}/complete",
        Map.of("id", id), Map.of("variables", LiveVariables.typed(instruction.variables())), Void.class));
  }

  /** Locks the external task the selector means for {@link #WORKER_ID}; waits until it exists and is free. */
  String lockExternalTask(ExternalTaskSelector selector) {
    return live.poll.until("an external task " + describe(selector) + " in this case's instances, free to lock",
        observed -> {
          List<String> seen = new ArrayList<>();
          for (Started instance : live.candidates(selector.processDefinitionId())) {
            for (JsonNode task : live.list("/external-task", Map.of("processInstanceId", instance.id()))) {
              String topic = task.path("topicName").asText();
              String at = task.path("activityId").asText();
              String worker = task.path("workerId").asText("");
              seen.add("topic \"" + topic + "\" at " + at + (worker.isEmpty() ? "" : ", locked by " + worker));
              boolean meant = selector.topic().map(topic::equals).orElse(true)
                  && selector.elementId().map(at::equals).orElse(true);
              if (meant && worker.isEmpty()) {
                Optional<String> locked = lock(task.path("id").asText(), topic, instance.businessKey());
                if (locked.isPresent()) {
                  return locked;
                }
              }
            }
          }
          observed.saw(seen.isEmpty() ? "no external task is open in them" : "open external tasks: " + seen);
          return Optional.empty();
        });
  }

  /** Fetches the instance's tasks of {@code topic} and keeps the one meant; a live worker may have been quicker. */
  private Optional<String> lock(String taskId, String topic, String businessKey) {
    Map<String, Object> fetch = new HashMap<>();
    fetch.put("topicName", topic);
    fetch.put("lockDuration", LOCK_MILLIS);
    fetch.put("businessKey", businessKey);
    if (engine.target().hasTenant()) {
      fetch.put("tenantIdIn", List.of(engine.target().tenant()));
    }
    JsonNode[] locked = engine.post("/external-task/fetchAndLock", Map.of(),
        Map.of("workerId", WORKER_ID, "maxTasks", 10, "topics", List.of(fetch)), JsonNode[].class);
    Optional<String> mine = Optional.empty();
    for (JsonNode task : locked == null ? new JsonNode[0] : locked) {
      String id = task.path("id").asText();
      if (id.equals(taskId)) {
        mine = Optional.of(id);
      } else {
        engine.post("/external-task/{id}/unlock", Map.of("id", id), null, Void.class);
      }
    }
    return mine;
  }

  void completeExternalTask(ExternalTaskSelector selector, JsonNode variables, JsonNode localVariables) {
    String id = lockExternalTask(selector);
    refusedAs("complete external task " + describe(selector), () -> engine.post("/external-task/{id}/complete",
        Map.of("id", id), Map.of("workerId", WORKER_ID, "variables", LiveVariables.typed(variables),
            "localVariables", LiveVariables.typed(localVariables)), Void.class));
  }

  void throwBpmnError(ExternalTaskSelector selector, String errorCode, Optional<String> message, JsonNode variables) {
    String id = lockExternalTask(selector);
    Map<String, Object> body = new HashMap<>(Map.of("workerId", WORKER_ID, "errorCode", errorCode,
        "variables", LiveVariables.typed(variables)));
    message.ifPresent(text -> body.put("errorMessage", text));
    refusedAs("throw BPMN error " + errorCode + " from external task " + describe(selector),
        () -> engine.post("/external-task/{id}/bpmnError", Map.of("id", id), body, Void.class));
  }

  void failExternalTask(ExternalTaskSelector selector, Optional<String> message, Optional<String> details,
      int retries) {
    String id = lockExternalTask(selector);
    Map<String, Object> body = new HashMap<>(Map.of("workerId", WORKER_ID, "retries", retries, "retryTimeout", 0));
    message.ifPresent(text -> body.put("errorMessage", text));
    details.ifPresent(text -> body.put("errorDetails", text));
    refusedAs("fail external task " + describe(selector),
        () -> engine.post("/external-task/{id}/failure", Map.of("id", id), body, Void.class));
  }

  /**
   * Correlates a message with one of the case's instances: the one whose business key the file wrote as the
   * correlation key (the sandbox correlates by business key), else the newest. With no instance yet, the
   * message may start one, under a new smoke business key. Waits until something waits for it.
   */
  void correlateMessage(String name, Optional<String> correlationKey, JsonNode variables, boolean all) {
    Optional<Started> instance = correlationKey.isPresent()
        ? Optional.of(live.byWrittenKey(correlationKey.get()).orElseThrow(() -> new StepFailed("correlation key \""
            + correlationKey.get() + "\" is the business key of no instance this case started; give it as the "
            + "businessKey of CREATE_PROCESS_INSTANCE")))
        : live.newest();
    Map<String, Object> body = new HashMap<>();
    body.put("messageName", name);
    body.put("processVariables", LiveVariables.typed(variables));
    body.put("resultEnabled", true);
    body.put("all", all);
    instance.ifPresentOrElse(i -> body.put("processInstanceId", i.id()),
        () -> body.put("businessKey", live.newBusinessKey()));
    if (engine.target().hasTenant()) {
      body.put("tenantId", engine.target().tenant());
    }
    JsonNode[] results = live.poll.until("an instance waiting for message \"" + name + "\"" + instance
        .map(i -> " (" + i.businessKey() + ")").orElse(" or a process it starts"), observed -> {
          try {
            return Optional.ofNullable(engine.post("/message", Map.of(), body, JsonNode[].class));
          } catch (TargetException e) {
            if (e.isRetryable() || e.status().orElse(0) != 400) {
              throw e;
            }
            observed.saw("the engine answered: " + e.engineMessage().orElse(e.getMessage()));
            return Optional.empty();
          }
        });
    for (JsonNode result : results) {
      JsonNode started = result.path("processInstance");
      if (!started.isMissingNode() && !started.isNull()) {
        live.track(started.path("id").asText(), LiveCase.keyOf(started.path("definitionId").asText()),
            started.path("businessKey").asText(), Optional.empty());
      }
      String target = !started.isMissingNode() && !started.isNull() ? started.path("id").asText()
          : result.path("execution").path("processInstanceId").asText();
      live.correlated(target, name);
    }
  }

  void updateVariables(UpdateVariables instruction) {
    Started instance = live.instance(instruction.processInstanceSelector());
    Map<String, Object> body = Map.of("modifications", LiveVariables.typed(instruction.variables()));
    if (instruction.elementSelector().isEmpty()) {
      refusedAs("update variables of " + instance.businessKey(), () -> engine.post(
          "/process-instance/{id}/variables", Map.of("id", instance.id()), body, Void.class));
      return;
    }
    String elementId = instruction.elementSelector().get().elementId().orElse("");
    JsonNode execution = live.poll.until("an active execution at " + elementId + " of " + instance.businessKey(),
        observed -> {
          observed.saw("none is active there");
          return live.list("/execution", Map.of("processInstanceId", instance.id(), "activityId", elementId))
              .stream().findFirst();
        });
    refusedAs("update local variables at " + elementId, () -> engine.post("/execution/{id}/localVariables",
        Map.of("id", execution.path("id").asText()), body, Void.class));
  }

  /** An engine refusal (4xx) of a step fails the step with the engine's words; a target that is down propagates. */
  static <T> T refusedAs(String what, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (TargetException e) {
      if (e.isRetryable()) {
        throw e;
      }
      throw new StepFailed("the engine refused to " + what + ": " + e.getMessage(), e);
    }
  }

  static String describe(UserTaskSelector selector) {
    return join(selector.elementId().map(id -> "at " + id), selector.taskName().map(name -> "named \"" + name + "\""),
        selector.processDefinitionId().map(p -> "of process " + p));
  }

  static String describe(ExternalTaskSelector selector) {
    return join(selector.topic().map(topic -> "of topic \"" + topic + "\""), selector.elementId().map(id -> "at " + id),
        selector.processDefinitionId().map(p -> "of process " + p));
  }

  private static String join(Optional<String> a, Optional<String> b, Optional<String> c) {
    return String.join(" ", java.util.stream.Stream.of(a, b, c).flatMap(Optional::stream).toList());
  }
}
