package dev.prometheuspipeline.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.deploy.TargetException;
import dev.prometheuspipeline.smoke.LiveCase.Started;
import dev.prometheuspipeline.testing.CptInstruction.AssertElementInstance;
import dev.prometheuspipeline.testing.CptInstruction.AssertElementInstances;
import dev.prometheuspipeline.testing.CptInstruction.AssertProcessInstance;
import dev.prometheuspipeline.testing.CptInstruction.AssertProcessInstanceMessageSubscription;
import dev.prometheuspipeline.testing.CptInstruction.AssertUserTask;
import dev.prometheuspipeline.testing.CptInstruction.AssertVariables;
import dev.prometheuspipeline.testing.CptInstruction.C7AssertIncident;
import dev.prometheuspipeline.testing.CptInstruction.ElementState;
import dev.prometheuspipeline.testing.JsonValues;
import dev.prometheuspipeline.testing.Selectors.ElementSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The assertions of a smoke case, read from the target's history (so the history level must be
 * {@code activity} or higher) and runtime. Each looks again until it holds or the file's time is up: on a
 * live engine the instance gets there when its workers and job executor have done their part.
 */
final class LiveAssertions {
  private final LiveCase live;

  LiveAssertions(LiveCase live) {
    this.live = live;
  }

  void processInstance(AssertProcessInstance instruction) {
    Started instance = live.instance(instruction.processInstanceSelector());
    instruction.state().ifPresent(expected -> {
      String wanted = expected.name().substring(3).toLowerCase(Locale.ROOT);
      live.poll.until("process " + instance.processKey() + " (" + instance.businessKey() + ") to be " + wanted,
          observed -> {
            String actual = stateOf(instance);
            observed.saw("it is " + actual + "; " + whereItIs(instance));
            boolean holds = switch (expected) {
              case IS_CREATED -> true;
              case IS_ACTIVE -> actual.equals("active");
              case IS_COMPLETED -> actual.equals("completed");
              case IS_TERMINATED -> actual.equals("terminated");
            };
            return holds ? Optional.of(true) : Optional.empty();
          });
    });
    instruction.hasActiveIncidents().ifPresent(expected -> live.poll.until(
        (expected ? "an open incident" : "no open incident") + " in " + instance.businessKey(), observed -> {
          List<JsonNode> incidents = live.list("/incident", Map.of("processInstanceId", instance.id()));
          observed.saw("open incidents: " + describeIncidents(incidents));
          return expected == !incidents.isEmpty() ? Optional.of(true) : Optional.empty();
        }));
  }

  void elementInstance(AssertElementInstance instruction) {
    Started instance = live.instance(instruction.processInstanceSelector());
    ElementSelector selector = instruction.elementSelector();
    String state = describe(instruction.state());
    live.poll.until(describe(selector) + " " + state + " " + times(instruction.amount()) + " in "
        + instance.businessKey(), observed -> {
          long count = activities(instance).stream().filter(a -> matches(a, selector) && in(a, instruction.state()))
              .count();
          observed.saw("it was " + state + " " + times(count) + "; " + whereItIs(instance));
          return count == instruction.amount() ? Optional.of(true) : Optional.empty();
        });
  }

  void elementInstances(AssertElementInstances instruction) {
    Started instance = live.instance(instruction.processInstanceSelector());
    List<ElementSelector> selectors = instruction.elementSelectors();
    ElementState state = instruction.state();
    live.poll.until(selectors.stream().map(LiveAssertions::describe).collect(Collectors.joining(", ")) + " "
        + describe(state) + " in " + instance.businessKey(), observed -> {
          List<JsonNode> activities = activities(instance);
          observed.saw(whereItIs(instance));
          return holds(activities, selectors, state) ? Optional.of(true) : Optional.empty();
        });
  }

  private static boolean holds(List<JsonNode> activities, List<ElementSelector> selectors, ElementState state) {
    return switch (state) {
      case IS_ACTIVE, IS_COMPLETED, IS_TERMINATED -> selectors.stream()
          .allMatch(s -> activities.stream().anyMatch(a -> matches(a, s) && in(a, state)));
      case IS_NOT_ACTIVE -> selectors.stream()
          .noneMatch(s -> activities.stream().anyMatch(a -> matches(a, s) && in(a, ElementState.IS_ACTIVE)));
      case IS_NOT_ACTIVATED -> selectors.stream().noneMatch(s -> activities.stream().anyMatch(a -> matches(a, s)));
      case IS_ACTIVE_EXACTLY -> {
        List<JsonNode> active = activities.stream().filter(a -> in(a, ElementState.IS_ACTIVE)
            && !a.path("activityType").asText().equals("subProcess")).toList();
        yield active.stream().allMatch(a -> selectors.stream().anyMatch(s -> matches(a, s)))
            && selectors.stream().allMatch(s -> active.stream().anyMatch(a -> matches(a, s)));
      }
      case IS_COMPLETED_IN_ORDER -> {
        List<JsonNode> completed = activities.stream().filter(a -> in(a, ElementState.IS_COMPLETED))
            .sorted(Comparator.comparing(a -> a.path("endTime").asText())).toList();
        int next = 0;
        for (JsonNode activity : completed) {
          if (next < selectors.size() && matches(activity, selectors.get(next))) {
            next++;
          }
        }
        yield next == selectors.size();
      }
    };
  }

  void variables(AssertVariables instruction) {
    Started instance = live.instance(instruction.processInstanceSelector());
    String scope = instruction.elementSelector().map(LiveAssertions::describe).orElse("process "
        + instance.processKey());
    live.poll.until("variables " + JsonValues.show(instruction.variables()) + (instruction.variableNames().isEmpty()
        ? "" : " and " + instruction.variableNames()) + " in " + scope + " of " + instance.businessKey(), observed -> {
          Map<String, JsonNode> actual = variablesOf(instance, instruction.elementSelector());
          observed.saw("its variables are " + actual);
          boolean named = actual.keySet().containsAll(instruction.variableNames());
          boolean valued = true;
          if (instruction.variables().isObject()) {
            var fields = instruction.variables().fields();
            while (fields.hasNext()) {
              var field = fields.next();
              valued &= actual.containsKey(field.getKey()) && JsonValues.same(field.getValue(), actual.get(field.getKey()));
            }
          }
          return named && valued ? Optional.of(true) : Optional.empty();
        });
  }

  private Map<String, JsonNode> variablesOf(Started instance, Optional<ElementSelector> element) {
    List<String> scopes = element.isEmpty() ? List.of(instance.id()) : activities(instance).stream()
        .filter(a -> matches(a, element.get())).map(a -> a.path("id").asText()).toList();
    Map<String, JsonNode> values = new HashMap<>();
    for (JsonNode variable : live.list("/history/variable-instance",
        Map.of("processInstanceId", instance.id(), "deserializeValues", "false"))) {
      // Process variables live in the instance's own scope, whose activity instance id is the instance id.
      if (scopes.contains(variable.path("activityInstanceId").asText())) {
        values.put(variable.path("name").asText(), LiveVariables.value(variable));
      }
    }
    return values;
  }

  void userTask(AssertUserTask instruction) {
    var selector = instruction.userTaskSelector();
    live.poll.until("user task " + LiveActions.describe(selector) + instruction.state().map(s -> " "
        + describe(s.name())).orElse("") + " as the file says", observed -> {
          List<String> seen = new ArrayList<>();
          for (Started instance : live.candidates(selector.processDefinitionId())) {
            for (JsonNode task : live.list("/history/task", Map.of("processInstanceId", instance.id()))) {
              String element = task.path("taskDefinitionKey").asText();
              String name = task.path("name").asText();
              String state = taskState(task);
              seen.add(element + " \"" + name + "\" " + state + ", assignee " + task.path("assignee").asText("none")
                  + ", priority " + task.path("priority").asText());
              boolean holds = selector.elementId().map(element::equals).orElse(true)
                  && selector.taskName().map(name::equals).orElse(true)
                  && instruction.elementId().map(element::equals).orElse(true)
                  && instruction.name().map(name::equals).orElse(true)
                  && instruction.state().map(s -> describe(s.name()).equals(state)).orElse(true)
                  && instruction.assignee().map(task.path("assignee").asText("")::equals).orElse(true)
                  && instruction.priority().map(p -> p == task.path("priority").asInt()).orElse(true);
              if (holds) {
                return Optional.of(true);
              }
            }
          }
          observed.saw(seen.isEmpty() ? "the case's instances have no user task" : "their user tasks: " + seen);
          return Optional.empty();
        });
  }

  void messageSubscription(AssertProcessInstanceMessageSubscription instruction) {
    Started instance = live.instance(instruction.processInstanceSelector());
    String name = instruction.messageSelector().messageName();
    String wanted = describe(instruction.state().name());
    live.poll.until(instance.businessKey() + " " + wanted + " for message \"" + name + "\"", observed -> {
      boolean waiting = !live.list("/event-subscription", Map.of("processInstanceId", instance.id(),
          "eventType", "message", "eventName", name)).isEmpty();
      observed.saw(waiting ? "it waits for it" : "it does not wait for it");
      boolean holds = switch (instruction.state()) {
        case IS_WAITING -> waiting;
        case IS_NOT_WAITING -> !waiting;
        case IS_CORRELATED -> live.wasCorrelated(instance.id(), name);
      };
      return holds ? Optional.of(true) : Optional.empty();
    });
  }

  void incident(C7AssertIncident instruction) {
    Started instance = live.instance(instruction.processInstanceSelector());
    live.poll.until("an incident" + instruction.elementSelector().map(s -> " at " + describe(s)).orElse("")
        + instruction.incidentType().map(t -> " of type " + t).orElse("") + instruction.messageContains()
        .map(m -> " whose message contains \"" + m + "\"").orElse("") + " in " + instance.businessKey(), observed -> {
          List<JsonNode> incidents = live.list("/incident", Map.of("processInstanceId", instance.id()));
          observed.saw("open incidents: " + describeIncidents(incidents));
          return incidents.stream().filter(i -> instruction.elementSelector()
                  .map(s -> s.elementId().map(i.path("activityId").asText()::equals).orElse(true)).orElse(true)
              && instruction.incidentType().map(i.path("incidentType").asText()::equals).orElse(true)
              && instruction.messageContains().map(i.path("incidentMessage").asText("")::contains).orElse(true))
              .findFirst().map(i -> true);
        });
  }

  /** active, completed or terminated, from the history; the runtime when the user may not read history. */
  private String stateOf(Started instance) {
    try {
      String state = live.engine.get("/history/process-instance/{id}", Map.of("id", instance.id()), JsonNode.class)
          .path("state").asText();
      return switch (state) {
        case "COMPLETED" -> "completed";
        case "EXTERNALLY_TERMINATED", "INTERNALLY_TERMINATED" -> "terminated";
        default -> "active";
      };
    } catch (TargetException e) {
      if (e.isRetryable()) {
        throw e;
      }
      return live.list("/process-instance", Map.of("processInstanceIds", instance.id())).isEmpty()
          ? "ended (the target's history is not readable, so completed and terminated look alike)" : "active";
    }
  }

  /** Where the instance waits, for a failure: its unfinished elements, open external tasks and incidents. */
  private String whereItIs(Started instance) {
    List<String> at = activities(instance).stream().filter(a -> in(a, ElementState.IS_ACTIVE))
        .filter(a -> !a.path("activityType").asText().equals("subProcess"))
        .map(a -> describeActivity(a)).toList();
    List<String> tasks = live.list("/external-task", Map.of("processInstanceId", instance.id())).stream()
        .map(t -> "external task of topic \"" + t.path("topicName").asText() + "\" at " + t.path("activityId").asText()
            + (t.path("workerId").asText("").isEmpty() ? ", which no worker has locked" : ", locked by worker "
                + t.path("workerId").asText()))
        .toList();
    List<JsonNode> incidents = live.list("/incident", Map.of("processInstanceId", instance.id()));
    List<String> where = new ArrayList<>();
    if (!at.isEmpty()) {
      where.add("it waits at " + String.join(", ", at));
    }
    where.addAll(tasks);
    if (!incidents.isEmpty()) {
      where.add("open incidents: " + describeIncidents(incidents));
    }
    return where.isEmpty() ? "the target shows no element it waits at (is its history readable?)"
        : String.join("; ", where);
  }

  private List<JsonNode> activities(Started instance) {
    return live.list("/history/activity-instance", Map.of("processInstanceId", instance.id()));
  }

  private static String describeIncidents(List<JsonNode> incidents) {
    return incidents.isEmpty() ? "none" : incidents.stream().map(i -> i.path("incidentType").asText() + " at "
        + i.path("activityId").asText() + ": " + i.path("incidentMessage").asText("")).collect(Collectors.joining("; "));
  }

  private static String describeActivity(JsonNode activity) {
    String name = activity.path("activityName").asText("");
    String id = activity.path("activityId").asText();
    return name.isEmpty() ? id : "\"" + name + "\" (" + id + ")";
  }

  private static boolean matches(JsonNode activity, ElementSelector selector) {
    return selector.elementId().map(activity.path("activityId").asText()::equals).orElse(true)
        && selector.elementName().map(activity.path("activityName").asText("")::equals).orElse(true);
  }

  private static boolean in(JsonNode activity, ElementState state) {
    boolean ended = !activity.path("endTime").isNull() && !activity.path("endTime").isMissingNode();
    boolean canceled = activity.path("canceled").asBoolean(false);
    return switch (state) {
      case IS_ACTIVE -> !ended;
      case IS_COMPLETED -> ended && !canceled;
      case IS_TERMINATED -> canceled;
      default -> false;
    };
  }

  private static String taskState(JsonNode task) {
    if (task.path("endTime").isNull() || task.path("endTime").isMissingNode()) {
      return "created";
    }
    return task.path("deleteReason").asText("").equals("completed") ? "completed" : "canceled";
  }

  private static String describe(ElementSelector selector) {
    return selector.elementId().orElse("") + selector.elementName().map(n -> " \"" + n + "\"").orElse("");
  }

  private static String describe(ElementState state) {
    return describe(state.name());
  }

  /** {@code IS_NOT_ACTIVE} → {@code not active}. */
  private static String describe(String state) {
    return state.substring(3).toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String times(long count) {
    return count == 1 ? "once" : count + " times";
  }
}
