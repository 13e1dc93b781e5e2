package dev.prometheuspipeline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test files speak JSON, the engine Java values: the conversions and the comparison between them. */
public final class JsonValues {
  private JsonValues() {}

  /** Variables as the engine stores them: objects become maps, arrays lists, numbers Integer/Long/Double. */
  static Map<String, Object> variables(JsonNode object) {
    Map<String, Object> variables = new LinkedHashMap<>();
    if (object != null && object.isObject()) {
      object.fields().forEachRemaining(field -> variables.put(field.getKey(), toJava(field.getValue())));
    }
    return variables;
  }

  static Object toJava(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      return new LinkedHashMap<>(variables(node));
    }
    if (node.isArray()) {
      List<Object> items = new ArrayList<>();
      node.forEach(item -> items.add(toJava(item)));
      return items;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isInt()) {
      return node.intValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asText();
  }

  /** An engine value as JSON; dates as ISO-8601 text. */
  static JsonNode toJson(Object value) {
    if (value instanceof Date date) {
      return JsonNodeFactory.instance.textNode(date.toInstant().toString());
    }
    return TestFiles.JSON.valueToTree(value);
  }

  /** Equal as JSON values; numbers by value (1 equals 1.0). */
  public static boolean same(JsonNode expected, JsonNode actual) {
    if (expected == null || expected.isNull() || expected.isMissingNode()) {
      return actual == null || actual.isNull() || actual.isMissingNode();
    }
    if (actual == null) {
      return false;
    }
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    if (expected.isObject() && actual.isObject()) {
      if (expected.size() != actual.size()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!actual.has(field.getKey()) || !same(field.getValue(), actual.get(field.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (expected.isArray() && actual.isArray()) {
      if (expected.size() != actual.size()) {
        return false;
      }
      for (int i = 0; i < expected.size(); i++) {
        if (!same(expected.get(i), actual.get(i))) {
          return false;
        }
      }
      return true;
    }
    return expected.equals(actual);
  }

  /** Compact JSON for messages. */
  public static String show(JsonNode node) {
    return node == null || node.isMissingNode() ? "nothing" : node.toString();
  }

  static String show(Object value) {
    return show(toJson(value));
  }
}
