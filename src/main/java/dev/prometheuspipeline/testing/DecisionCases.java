package dev.prometheuspipeline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;

/**
 * Decision table tests in JSON, one test per case:
 *
 * <pre>{@code
 * { "decision": "discount",
 *   "cases": [
 *     { "name": "gold customers get 10%", "inputs": { "tier": "gold" }, "expected": { "discount": 0.1 } },
 *     { "name": "COLLECT gives every reason", "inputs": { … }, "expected": [ { "reason": "…" }, … ] },
 *     { "name": "no rule for strangers", "inputs": { "tier": "none" }, "expected": [] } ] }
 * }</pre>
 *
 * An object expects exactly one matched rule with exactly those outputs; a list expects those results in
 * that order; {@code []} or {@code null} expects no rule to match.
 */
final class DecisionCases {
  private DecisionCases() {}

  static List<PlannedTest> read(TestFile file, JsonNode root, JsonLines lines) {
    String path = file.path();
    JsonNode decision = root.get("decision");
    JsonNode cases = root.path("cases");
    if (!decision.isTextual() || decision.asText().isBlank()) {
      return List.of(TestFiles.fileError(file, TestResult.Kind.DECISION,
          path + " line " + lines.lineOf("$.decision") + ": \"decision\" must be the decision's id (its key)"));
    }
    if (!cases.isArray() || cases.isEmpty()) {
      return List.of(TestFiles.fileError(file, TestResult.Kind.DECISION,
          path + " line " + lines.lineOf("$.cases") + ": \"cases\" must be a non-empty list of "
              + "{\"name\", \"inputs\", \"expected\"}"));
    }
    String key = decision.asText();
    List<PlannedTest> tests = new ArrayList<>();
    for (int index = 0; index < cases.size(); index++) {
      JsonNode testCase = cases.get(index);
      String at = "$.cases[" + index + "]";
      int line = lines.lineOf(at);
      String name = testCase.path("name").isTextual() ? testCase.get("name").asText() : key + " case " + (index + 1);
      String problem = problem(testCase);
      if (!problem.isEmpty()) {
        tests.add(PlannedTest.invalid(path, name, TestResult.Kind.DECISION,
            new TestResult.Failure(index + 1, "", "", "", path + " line " + line + " (" + at + "): " + problem)));
        continue;
      }
      JsonNode inputs = testCase.path("inputs");
      JsonNode expected = testCase.get("expected");
      int step = index + 1;
      tests.add(PlannedTest.runnable(path, name, TestResult.Kind.DECISION,
          engine -> check(engine, path, line, step, key, inputs, expected)));
    }
    return tests;
  }

  private static String problem(JsonNode testCase) {
    if (!testCase.isObject()) {
      return "a case is an object {\"name\", \"inputs\", \"expected\"}";
    }
    if (!testCase.path("name").isTextual()) {
      return "the case has no \"name\"; name it after the rule it shows";
    }
    if (testCase.has("inputs") && !testCase.get("inputs").isObject()) {
      return "\"inputs\" must be an object of variable → value";
    }
    if (!testCase.has("expected")) {
      return "the case has no \"expected\"; give the outputs as an object, a list of objects, or [] for no match";
    }
    JsonNode expected = testCase.get("expected");
    if (!expected.isObject() && !expected.isArray() && !expected.isNull()) {
      return "\"expected\" must be an object (one result), a list of objects (each result) or [] (no match)";
    }
    return "";
  }

  private static void check(
      ScenarioEngine engine, String path, int line, int step, String key, JsonNode inputs, JsonNode expected) {
    String where = path + " line " + line + ": ";
    if (!engine.model().hasDecision(key)) {
      throw TestCaseFailure.error(step, "", where + "no decision \"" + key + "\" in the release; decisions: "
          + String.join(", ", engine.model().decisionKeys()));
    }
    DmnDecisionResult result =
        engine.engine().getDecisionService().evaluateDecisionByKey(key).variables(JsonValues.variables(inputs)).evaluate();
    ArrayNode actual = results(result);
    JsonNode wanted = expected.isNull() ? JsonNodeFactory.instance.arrayNode() : expected;
    boolean holds = wanted.isObject()
        ? actual.size() == 1 && JsonValues.same(wanted, actual.get(0))
        : JsonValues.same(wanted, actual);
    if (!holds) {
      String shownActual = actual.isEmpty() ? "no rule matched" : actual.size() == 1 && wanted.isObject()
          ? actual.get(0).toString() : actual.toString();
      throw TestCaseFailure.failed(step, "", JsonValues.show(wanted), shownActual,
          where + "decision " + engine.model().describeDecision(key) + " with " + inputs
              + " gave " + shownActual + ", expected " + JsonValues.show(wanted));
    }
  }

  /** Each matched rule's outputs, as JSON objects. */
  static ArrayNode results(DmnDecisionResult result) {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (DmnDecisionResultEntries entries : result) {
      ObjectNode outputs = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, Object> entry : entries.getEntryMap().entrySet()) {
        outputs.set(entry.getKey(), JsonValues.toJson(entry.getValue()));
      }
      list.add(outputs);
    }
    return list;
  }
}
