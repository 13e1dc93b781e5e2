package dev.prometheuspipeline.testing;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Stand-ins a scenario deploys for a called process or a decision ({@code MOCK_CHILD_PROCESS},
 * {@code MOCK_DMN_DECISION}): a generated model with the same key, deployed after the release's so the
 * engine's latest-version binding picks it, and removed when the scenario ends.
 *
 * <p>A stub process sets its output variables through {@link #bean()}, registered as an engine bean: the
 * variables come from the test file as JSON and need not fit in an expression. They reach the caller
 * through the call activity's own {@code camunda:out} mappings, as a real child's variables would.
 */
final class ScenarioStubs {
  static final String BEAN = "scenarioStubs";
  static final String DEPLOYMENT_NAME = "scenario-stubs";

  private final Map<String, Map<String, Object>> processOutputs = new ConcurrentHashMap<>();

  /**
   * What stub processes' expressions call: {@code apply(processKey)} gives that stub's outputs. A
   * {@link Function}, because expressions may only call methods of public types.
   */
  Function<String, Map<String, Object>> bean() {
    return processKey -> new HashMap<>(processOutputs.getOrDefault(processKey, Map.of()));
  }

  boolean isStubProcess(String processKey) {
    return processOutputs.containsKey(processKey);
  }

  void clear() {
    processOutputs.clear();
  }

  /** A process with that key that starts, sets the outputs and ends. */
  String stubProcess(String processKey, Map<String, Object> outputs) {
    processOutputs.put(processKey, new LinkedHashMap<>(outputs));
    String key = xml(processKey);
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="stub" id="Stub_%1$s">
          <process id="%1$s" name="Stub of %1$s" isExecutable="true" camunda:historyTimeToLive="1">
            <startEvent id="StartEvent_Stub">
              <extensionElements>
                <camunda:executionListener event="end"
                    expression="${execution.setVariables(%2$s.apply('%1$s'))}"/>
              </extensionElements>
            </startEvent>
            <sequenceFlow id="Flow_Stub" sourceRef="StartEvent_Stub" targetRef="EndEvent_Stub"/>
            <endEvent id="EndEvent_Stub"/>
          </process>
        </definitions>
        """
        .formatted(key, BEAN);
  }

  /**
   * A decision table with that key and one rule that always matches, whose outputs are the given values.
   *
   * @throws IllegalArgumentException when a value is not a string, number, boolean or null: FEEL literals
   *     in a generated table cannot express objects or lists
   */
  static String stubDecision(String decisionKey, Map<String, Object> outputs) {
    StringBuilder columns = new StringBuilder();
    StringBuilder entries = new StringBuilder();
    int index = 0;
    for (Map.Entry<String, Object> output : outputs.entrySet()) {
      index++;
      columns.append("      <output id=\"Output_").append(index).append("\" name=\"")
          .append(xml(output.getKey())).append("\"/>\n");
      entries.append("        <outputEntry id=\"Entry_").append(index).append("\"><text>")
          .append(xml(feelLiteral(output.getKey(), output.getValue()))).append("</text></outputEntry>\n");
    }
    if (index == 0) {
      throw new IllegalArgumentException("a mocked decision needs at least one output variable");
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Stub_%1$s" name="Stub"
            xmlns:camunda="http://camunda.org/schema/1.0/dmn" namespace="stub">
          <decision id="%1$s" name="Stub of %1$s" camunda:historyTimeToLive="1">
            <decisionTable id="DecisionTable_Stub" hitPolicy="FIRST">
              <input id="Input_Stub"><inputExpression id="InputExpression_Stub" typeRef="boolean"><text>true</text></inputExpression></input>
        %2$s      <rule id="Rule_Stub">
                <inputEntry id="InputEntry_Stub"><text>-</text></inputEntry>
        %3$s      </rule>
            </decisionTable>
          </decision>
        </definitions>
        """
        .formatted(xml(decisionKey), columns, entries);
  }

  private static String feelLiteral(String name, Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      return value.toString();
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).toPlainString();
    }
    if (value instanceof String text) {
      return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    throw new IllegalArgumentException(
        "output \"" + name + "\" is " + (value instanceof Map ? "an object" : "a list")
            + "; a mocked decision's outputs must be strings, numbers, booleans or null");
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&apos;");
  }

  Set<String> stubProcessKeys() {
    return Set.copyOf(processOutputs.keySet());
  }
}
