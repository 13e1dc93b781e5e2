package dev.prometheuspipeline.smoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A test file's JSON values as the REST API's typed variables, and back. */
final class LiveVariables {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LiveVariables() {}

  /**
   * {@code {"name": {"value": …, "type": …}}}: text as String, whole numbers as Integer or Long, others as
   * Double, objects and arrays as Json (which needs Camunda Spin on the target, as the sandbox has it).
   */
  static Map<String, Object> typed(JsonNode variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    if (variables != null && variables.isObject()) {
      variables.fields().forEachRemaining(field -> typed.put(field.getKey(), typedValue(field.getValue())));
    }
    return typed;
  }

  private static Map<String, Object> typedValue(JsonNode value) {
    Map<String, Object> variable = new HashMap<>();
    if (value.isNull()) {
      variable.put("type", "Null");
      variable.put("value", null);
    } else if (value.isContainerNode()) {
      variable.put("type", "Json");
      variable.put("value", value.toString());
    } else if (value.isBoolean()) {
      variable.put("type", "Boolean");
      variable.put("value", value.booleanValue());
    } else if (value.isInt()) {
      variable.put("type", "Integer");
      variable.put("value", value.intValue());
    } else if (value.isIntegralNumber() && value.canConvertToLong()) {
      variable.put("type", "Long");
      variable.put("value", value.longValue());
    } else if (value.isNumber()) {
      variable.put("type", "Double");
      variable.put("value", value.doubleValue());
    } else {
      variable.put("type", "String");
      variable.put("value", value.asText());
    }
    return variable;
  }

  /** A variable as the REST API returns it ({@code type}, {@code value}), as JSON to compare with a file's. */
  static JsonNode value(JsonNode variable) {
    JsonNode value = variable.path("value");
    String type = variable.path("type").asText("");
    boolean jsonText = type.equals("Json") || (type.equals("Object")
        && variable.path("valueInfo").path("serializationDataFormat").asText("").equals("application/json"));
    if (jsonText && value.isTextual()) {
      try {
        return JSON.readTree(value.asText());
      } catch (JsonProcessingException notJson) {
        return value;
      }
    }
    return value.isMissingNode() ? JsonNodeFactory.instance.nullNode() : value;
  }
}
