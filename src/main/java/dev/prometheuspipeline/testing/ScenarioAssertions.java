package dev.prometheuspipeline.testing;

import static dev.prometheuspipeline.testing.ScenarioContext.list;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.testing.CptInstruction.AssertDecision;
import dev.prometheuspipeline.testing.CptInstruction.AssertElementInstance;
import dev.prometheuspipeline.testing.CptInstruction.AssertElementInstances;
import dev.prometheuspipeline.testing.CptInstruction.AssertProcessInstance;
import dev.prometheuspipeline.testing.CptInstruction.AssertProcessInstanceMessageSubscription;
import dev.prometheuspipeline.testing.CptInstruction.AssertUserTask;
import dev.prometheuspipeline.testing.CptInstruction.AssertVariables;
import dev.prometheuspipeline.testing.CptInstruction.C7AssertIncident;
import dev.prometheuspipeline.testing.CptInstruction.ElementState;
import dev.prometheuspipeline.testing.CptInstruction.UserTaskState;
import dev.prometheuspipeline.testing.Selectors.ElementSelector;
import dev.prometheuspipeline.testing.Selectors.DecisionSelector;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;

/**
 * The assertions of a scenario: each compares the engine's state (history, so it works after the end) with
 * what the instruction expects, and fails naming both in the model's words.
 */
final class ScenarioAssertions {
  private final ScenarioContext context;
  private final ScenarioSelectors selectors;
  private final ScenarioState state;
  private final ReleaseModel model;

  ScenarioAssertions(ScenarioContext context, ScenarioSelectors selectors, ScenarioState state) {
    this.context = context;
    this.selectors = selectors;
    this.state = state;
    this.model = context.model;
  }

  void processInstance(AssertProcessInstance instruction) {
    String key = selectors.processKey(instruction.processInstanceSelector());
    String id = selectors.instance(instruction.processInstanceSelector());
    HistoricProcessInstance instance =
        context.history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
    if (instruction.state().isPresent()) {
      CptInstruction.ProcessState expectedState = instruction.state().get();
      String actual = ScenarioState.stateOf(instance);
      boolean holds = switch (expectedState) {
        case IS_CREATED -> true;
        case IS_ACTIVE -> actual.equals("active");
        case IS_COMPLETED -> actual.equals("completed");
        case IS_TERMINATED -> actual.equals("terminated");
      };
      if (!holds) {
        String expected = expectedState.name().substring(3).toLowerCase(Locale.ROOT);
        throw context.failed("process " + key + " " + expected, actual + ", " + state.whereItIs(id),
            "expected process " + key + " to be " + expected + " but it is " + actual + "; " + state.whereItIs(id));
      }
    }
    if (instruction.hasActiveIncidents().isPresent()) {
      List<Incident> incidents = context.runtime.createIncidentQuery().processInstanceId(id).list();
      boolean expected = instruction.hasActiveIncidents().get();
      if (expected != !incidents.isEmpty()) {
        throw context.failed(expected ? "an open incident" : "no open incident",
            "open incidents: " + state.describeIncidents(incidents),
            expected ? "expected process " + key + " to have an open incident but it has none; " + state.whereItIs(id)
                : "expected process " + key + " to have no open incident but it has: "
                    + state.describeIncidents(incidents));
      }
    }
  }

  void elementInstance(AssertElementInstance instruction) {
    String id = selectors.instance(instruction.processInstanceSelector());
    String elementId = selectors.element(instruction.elementSelector(), Optional.of(selectors.processKeyOf(id)));
    ElementState expectedState = instruction.state();
    int amount = instruction.amount();
    long count = state.activities(id).stream()
        .filter(activity -> activity.getActivityId().equals(elementId) && in(activity, expectedState)).count();
    if (count != amount) {
      String expected = model.describe(elementId) + " " + describeState(expectedState) + " " + times(amount);
      throw context.failed(expected, describeState(expectedState) + " " + times(count) + "; " + state.whereItIs(id),
          "expected " + expected + " but it was " + times(count) + "; " + state.whereItIs(id));
    }
  }

  void elementInstances(AssertElementInstances instruction) {
    String id = selectors.instance(instruction.processInstanceSelector());
    String key = selectors.processKeyOf(id);
    List<String> elements = new ArrayList<>();
    for (ElementSelector selector : instruction.elementSelectors()) {
      elements.add(selectors.element(selector, Optional.of(key)));
    }
    ElementState expectedState = instruction.state();
    List<HistoricActivityInstance> activities = state.activities(id);
    switch (expectedState) {
      case IS_ACTIVE, IS_COMPLETED, IS_TERMINATED -> {
        List<String> missing = elements.stream()
            .filter(element -> activities.stream()
                .noneMatch(a -> a.getActivityId().equals(element) && in(a, expectedState)))
            .toList();
        if (!missing.isEmpty()) {
          String verb = switch (expectedState) {
            case IS_ACTIVE -> "be waiting at ";
            case IS_COMPLETED -> "pass ";
            default -> "have terminated ";
          };
          throw context.failed(describeState(expectedState) + ": " + model.describeAll(elements), state.whereItIs(id),
              "expected the process to " + verb + model.describeAll(missing) + " but " + state.whereItIs(id));
        }
      }
      case IS_NOT_ACTIVE -> {
        List<String> activeOnes = elements.stream().filter(state.active(id)::contains).toList();
        if (!activeOnes.isEmpty()) {
          throw context.failed("not active: " + model.describeAll(elements), "active: " + model.describeAll(activeOnes),
              "expected " + model.describeAll(activeOnes) + " not to be active but " + state.whereItIs(id));
        }
      }
      case IS_NOT_ACTIVATED -> {
        List<String> entered = elements.stream()
            .filter(element -> activities.stream().anyMatch(a -> a.getActivityId().equals(element))).toList();
        if (!entered.isEmpty()) {
          throw context.failed("never entered: " + model.describeAll(elements), "entered: " + model.describeAll(entered),
              "expected the process never to enter " + model.describeAll(entered) + " but it did; "
                  + state.whereItIs(id));
        }
      }
      case IS_ACTIVE_EXACTLY -> {
        Set<String> activeNow = new TreeSet<>(state.active(id));
        if (!activeNow.equals(new TreeSet<>(elements))) {
          throw context.failed("active exactly: " + model.describeAll(elements), "active: " + model.describeAll(activeNow),
              "expected exactly " + model.describeAll(elements) + " to be active but active are: "
                  + model.describeAll(activeNow));
        }
      }
      case IS_COMPLETED_IN_ORDER -> {
        List<String> completedInOrder = activities.stream()
            .filter(a -> in(a, ElementState.IS_COMPLETED) && elements.contains(a.getActivityId()))
            .sorted((a, b) -> a.getEndTime().compareTo(b.getEndTime()))
            .map(HistoricActivityInstance::getActivityId)
            .toList();
        if (!containsInOrder(completedInOrder, elements)) {
          throw context.failed("completed in order: " + model.describeAll(elements),
              "completed: " + model.describeAll(completedInOrder),
              "expected " + model.describeAll(elements) + " to complete in that order but the order was: "
                  + model.describeAll(completedInOrder));
        }
      }
    }
  }

  void messageSubscription(AssertProcessInstanceMessageSubscription instruction) {
    String id = selectors.instance(instruction.processInstanceSelector());
    String name = instruction.messageSelector().messageName();
    String key = instruction.messageSelector().correlationKey().orElse("");
    if (!key.isEmpty()) {
      String businessKey =
          context.history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult().getBusinessKey();
      if (!key.equals(businessKey)) {
        throw context.failed("an instance with business key " + key, "business key " + businessKey,
            "the instance's business key is " + businessKey + ", not " + key
                + " (on Camunda 7 a correlation key is the business key)");
      }
    }
    boolean waiting = context.runtime.createEventSubscriptionQuery().processInstanceId(id).eventType("message")
        .eventName(name).count() > 0;
    boolean holds = switch (instruction.state()) {
      case IS_WAITING -> waiting;
      case IS_NOT_WAITING -> !waiting;
      case IS_CORRELATED -> context.wasCorrelated(name, id);
    };
    if (!holds) {
      String expected = switch (instruction.state()) {
        case IS_WAITING -> "waiting for message \"" + name + "\"";
        case IS_NOT_WAITING -> "not waiting for message \"" + name + "\"";
        case IS_CORRELATED -> "message \"" + name + "\" correlated";
      };
      throw context.failed(expected, state.whereItIs(id),
          "expected the process to be " + expected + " but " + state.whereItIs(id));
    }
  }

  void userTask(AssertUserTask instruction) {
    var query = context.history.createHistoricTaskInstanceQuery();
    String described = selectors.userTaskQuery(
        instruction.userTaskSelector(), query::taskDefinitionKey, query::taskName, query::processDefinitionKey);
    List<HistoricTaskInstance> found = query.orderByHistoricActivityInstanceStartTime().desc().list();
    if (found.isEmpty()) {
      throw context.failed("user task " + described, "no such task was created",
          "no user task " + described + " was created; active: " + state.describeActive());
    }
    HistoricTaskInstance task = found.get(0);
    List<String> wrong = new ArrayList<>();
    if (instruction.state().equals(Optional.of(UserTaskState.IS_FAILED))) {
      throw context.error("state IS_FAILED is not applicable on Camunda 7: a user task there cannot fail (Camunda "
          + "8's task listener jobs can); assert IS_CREATED, IS_COMPLETED or IS_CANCELED");
    }
    instruction.state().ifPresent(expected -> {
      UserTaskState actual = task.getEndTime() == null ? UserTaskState.IS_CREATED
          : "completed".equals(task.getDeleteReason()) ? UserTaskState.IS_COMPLETED : UserTaskState.IS_CANCELED;
      if (actual != expected) {
        wrong.add("state is " + actual + ", expected " + expected);
      }
    });
    compare(wrong, "assignee", instruction.assignee(), task.getAssignee());
    compare(wrong, "elementId", instruction.elementId(), task.getTaskDefinitionKey());
    compare(wrong, "name", instruction.name(), task.getName());
    instruction.priority().filter(priority -> priority != task.getPriority())
        .ifPresent(priority -> wrong.add("priority is " + task.getPriority() + ", expected " + priority));
    compareDate(wrong, "dueDate", instruction.dueDate(), task.getDueDate());
    compareDate(wrong, "followUpDate", instruction.followUpDate(), task.getFollowUpDate());
    if (instruction.candidateGroups().isPresent()) {
      Set<String> expected = new TreeSet<>(instruction.candidateGroups().get());
      Set<String> actual = new TreeSet<>();
      for (HistoricIdentityLinkLog link : context.history.createHistoricIdentityLinkLogQuery().taskId(task.getId())
          .type(IdentityLinkType.CANDIDATE).list()) {
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
      throw context.failed("user task " + what + " as written", String.join("; ", wrong),
          "user task " + what + ": " + String.join("; ", wrong));
    }
  }

  void variables(AssertVariables instruction) {
    String id = selectors.instance(instruction.processInstanceSelector());
    var query = context.history.createHistoricVariableInstanceQuery().processInstanceId(id);
    String scope;
    List<HistoricVariableInstance> variables;
    if (instruction.elementSelector().isEmpty()) {
      scope = "process " + selectors.processKeyOf(id);
      // Process variables live in the instance's own scope, whose activity instance id is the instance id.
      variables = query.list().stream().filter(v -> id.equals(v.getActivityInstanceId())).toList();
    } else {
      String elementId =
          selectors.element(instruction.elementSelector().get(), Optional.of(selectors.processKeyOf(id)));
      scope = model.describe(elementId);
      String[] scopes = state.activities(id).stream().filter(a -> a.getActivityId().equals(elementId))
          .map(HistoricActivityInstance::getId).toArray(String[]::new);
      variables = scopes.length == 0 ? List.of() : query.activityInstanceIdIn(scopes).list();
    }
    Map<String, Object> actual = new TreeMap<>();
    variables.forEach(variable -> actual.put(variable.getName(), variable.getValue()));
    List<String> wrong = new ArrayList<>();
    for (String name : instruction.variableNames()) {
      if (!actual.containsKey(name)) {
        wrong.add("no variable \"" + name + "\"");
      }
    }
    JsonNode expectedValues = instruction.variables();
    expectedValues.fields().forEachRemaining(expected -> {
      if (!actual.containsKey(expected.getKey())) {
        wrong.add("no variable \"" + expected.getKey() + "\" (expected " + JsonValues.show(expected.getValue()) + ")");
      } else if (!JsonValues.same(expected.getValue(), JsonValues.toJson(actual.get(expected.getKey())))) {
        wrong.add("\"" + expected.getKey() + "\" is " + JsonValues.show(actual.get(expected.getKey()))
            + ", expected " + JsonValues.show(expected.getValue()));
      }
    });
    if (!wrong.isEmpty()) {
      throw context.failed(JsonValues.show(expectedValues), "variables of " + scope + ": " + actual.keySet(),
          "variables of " + scope + ": " + String.join("; ", wrong));
    }
  }

  void decision(AssertDecision instruction) {
    String key = decisionKey(instruction.decisionSelector());
    List<HistoricDecisionInstance> evaluations = context.history.createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey(key).includeOutputs().orderByEvaluationTime().desc().list();
    if (evaluations.isEmpty()) {
      throw context.failed("decision " + model.describeDecision(key) + " evaluated", "it was not evaluated",
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
    if (!instruction.output().isMissingNode()) {
      JsonNode actual = decisionOutput(rules);
      if (!JsonValues.same(instruction.output(), actual)) {
        wrong.add("output is " + JsonValues.show(actual) + ", expected " + JsonValues.show(instruction.output()));
      }
    }
    for (int rule : instruction.matchedRules()) {
      if (!rules.containsKey(rule)) {
        wrong.add("rule " + rule + " did not match (matched: " + rules.keySet() + ")");
      }
    }
    for (int rule : instruction.notMatchedRules()) {
      if (rules.containsKey(rule)) {
        wrong.add("rule " + rule + " matched");
      }
    }
    if (instruction.noMatchedRules() && !rules.isEmpty()) {
      wrong.add("rules " + rules.keySet() + " matched, expected none");
    }
    if (!wrong.isEmpty()) {
      throw context.failed("decision " + model.describeDecision(key) + " as written", String.join("; ", wrong),
          "decision " + model.describeDecision(key) + ": " + String.join("; ", wrong));
    }
  }

  private String decisionKey(DecisionSelector selector) {
    if (selector.decisionDefinitionId().isPresent()) {
      String key = selector.decisionDefinitionId().get();
      selectors.requireDecision(key);
      return key;
    }
    String name = selector.decisionDefinitionName().orElse("");
    return model.decisionNamed(name).orElseThrow(() -> context.error(
        "no decision named \"" + name + "\" in the release; decisions: " + list(model.decisionKeys())));
  }

  private List<String> ruleIds(String decisionDefinitionId, String key) {
    DmnModelInstance dmn = context.engine.engine().getRepositoryService().getDmnModelInstance(decisionDefinitionId);
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
    ArrayNode listed = JsonNodeFactory.instance.arrayNode();
    results.forEach(listed::add);
    return listed;
  }

  void incident(C7AssertIncident instruction) {
    String id = selectors.instance(instruction.processInstanceSelector());
    List<Incident> all = context.runtime.createIncidentQuery().processInstanceId(id).list();
    Optional<String> elementId = instruction.elementSelector()
        .map(selector -> selectors.element(selector, Optional.of(selectors.processKeyOf(id))));
    String type = instruction.incidentType().orElse("");
    String text = instruction.messageContains().orElse("");
    boolean found = all.stream().anyMatch(incident ->
        elementId.map(e -> e.equals(incident.getActivityId())).orElse(true)
            && (type.isEmpty() || type.equals(incident.getIncidentType()))
            && (text.isEmpty() || (incident.getIncidentMessage() != null && incident.getIncidentMessage().contains(text))));
    if (!found) {
      String expected = "an open incident" + elementId.map(e -> " at " + model.describe(e)).orElse("")
          + (type.isEmpty() ? "" : " of type " + type) + (text.isEmpty() ? "" : " saying \"" + text + "\"");
      throw context.failed(expected, "open incidents: " + state.describeIncidents(all),
          "expected " + expected + " but open incidents are: " + state.describeIncidents(all));
    }
  }

  private static boolean in(HistoricActivityInstance activity, ElementState state) {
    return switch (state) {
      case IS_ACTIVE -> activity.getEndTime() == null;
      case IS_COMPLETED -> activity.getEndTime() != null && !activity.isCanceled();
      case IS_TERMINATED -> activity.isCanceled();
      default -> false;
    };
  }

  private static String describeState(ElementState state) {
    return switch (state) {
      case IS_ACTIVE -> "active";
      case IS_COMPLETED -> "completed";
      case IS_TERMINATED -> "terminated";
      default -> state.name();
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

  private void compare(List<String> wrong, String field, Optional<String> expected, String actual) {
    expected.filter(value -> !value.equals(actual)).ifPresent(value -> wrong.add(
        field + " is " + (actual == null ? "not set" : "\"" + actual + "\"") + ", expected \"" + value + "\""));
  }

  private void compareDate(List<String> wrong, String field, Optional<String> expectedText, Date actual) {
    if (expectedText.isEmpty()) {
      return;
    }
    String text = expectedText.get();
    try {
      Instant expected = Instant.parse(text);
      if (actual == null || !expected.equals(actual.toInstant())) {
        wrong.add(field + " is " + (actual == null ? "not set" : actual.toInstant()) + ", expected " + expected);
      }
    } catch (DateTimeParseException e) {
      throw context.error(field + " \"" + text + "\" is not an ISO 8601 instant; write e.g. 2026-01-19T13:00:00Z");
    }
  }
}
