package dev.prometheuspipeline.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Camunda Forms ({@code .form}): JSON that parses (with line and column when it does not), an object
 * with a non-empty string {@code id} (the target engine answers a deployment of an id-less form with a
 * bare HTTP 500) and a {@code components} array whose every entry, nested groups included, is an object
 * with a {@code type}.
 */
final class FormChecker implements FileChecker {
  static final String JSON_RULE = "form-json";
  static final String COMPONENTS_RULE = "form-components";
  static final String ID_RULE = "form-id";
  static final List<RuleInfo> RULES = List.of(
      RuleInfo.lint(JSON_RULE, "form", Severity.ERROR, "A Camunda Form is valid JSON",
          "The engine deploys any .form file, and Tasklist fails to show a form that is not JSON.",
          "fix the JSON at the position given, or re-save the form from Camunda Modeler"),
      RuleInfo.lint(COMPONENTS_RULE, "form", Severity.ERROR, "A Camunda Form has a components list of objects",
          "Tasklist renders a form from its components; without them (or with malformed ones) it shows nothing.",
          "re-save the form from Camunda Modeler, or give it a \"components\" array of component objects"),
      RuleInfo.lint(ID_RULE, "form", Severity.ERROR, "A Camunda Form has an id",
          "camunda:formRef finds a form by its id; a form without one can never be referenced.",
          "set the form's id (Modeler: Form > Id) to the value camunda:formRef uses"));

  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  @Override
  public List<Finding> check(CheckedFile file) {
    Map<ArrayEntry, Location> where = new HashMap<>();
    JsonNode root;
    Location rootAt;
    try (JsonParser parser = MAPPER.createParser(file.text())) {
      if (parser.nextToken() == null) {
        return List.of(jsonFinding(file, Location.UNKNOWN, "is empty; a form is a JSON object"));
      }
      rootAt = locationOf(parser.currentTokenLocation());
      root = read(parser, where);
      if (parser.nextToken() != null) {
        return List.of(jsonFinding(file, locationOf(parser.currentTokenLocation()),
            "has more content after the form's JSON object ends"));
      }
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage() == null ? "cannot be parsed" : e.getOriginalMessage();
      return List.of(jsonFinding(file, locationOf(e.getLocation()), "is not valid JSON: " + message.strip()));
    } catch (IOException e) {
      return List.of(jsonFinding(file, Location.UNKNOWN, "cannot be read as JSON: " + e.getMessage()));
    }
    if (!root.isObject()) {
      return List.of(file.finding(rootAt, "", COMPONENTS_RULE, Severity.ERROR,
          "is not a form: the JSON is a " + root.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an object",
          "save the form from Camunda Modeler; a .form file is a JSON object with id and components"));
    }
    List<Finding> findings = new ArrayList<>();
    JsonNode id = root.get("id");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      findings.add(file.finding(rootAt, "", ID_RULE, Severity.ERROR,
          id == null ? "has no \"id\"; the engine refuses to deploy a form without one (HTTP 500)"
              : "has an \"id\" that is not a non-empty string; the engine keys forms by it",
          "set the Form ID in Camunda Modeler (General › ID); it is what camunda:formRef points at"));
    }
    checkComponents(file, root, rootAt, "", where, findings);
    return findings;
  }

  private static void checkComponents(
      CheckedFile file, JsonNode container, Location containerAt, String containerId,
      Map<ArrayEntry, Location> where, List<Finding> findings) {
    JsonNode components = container.get("components");
    if (components == null || !components.isArray()) {
      findings.add(file.finding(containerAt, containerId, COMPONENTS_RULE, Severity.ERROR,
          (containerId.isEmpty() ? "the form" : "component '" + containerId + "'")
              + (components == null ? " has no \"components\" array" : "'s \"components\" is not an array"),
          "save the form from Camunda Modeler; its fields live in a \"components\" array"));
      return;
    }
    for (int index = 0; index < components.size(); index++) {
      JsonNode component = components.get(index);
      Location at = where.getOrDefault(new ArrayEntry((ArrayNode) components, index), containerAt);
      if (!component.isObject()) {
        findings.add(file.finding(at, containerId, COMPONENTS_RULE, Severity.ERROR,
            "a component is a " + component.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an object",
            "each entry of \"components\" must be a form field object; remove this one"));
        continue;
      }
      String componentId = componentId(component);
      JsonNode type = component.get("type");
      if (type == null || !type.isTextual() || type.asText().isBlank()) {
        findings.add(file.finding(at, componentId, COMPONENTS_RULE, Severity.ERROR,
            "a component has no \"type\"; the Tasklist cannot render it",
            "give the component a type (textfield, checkbox, select, …) or re-create it in Camunda Modeler"));
      }
      if (component.has("components")) {
        checkComponents(file, component, at, componentId, where, findings);
      }
    }
  }

  private static String componentId(JsonNode component) {
    for (String field : List.of("id", "key")) {
      JsonNode value = component.get(field);
      if (value != null && value.isTextual() && !value.asText().isBlank()) {
        return value.asText();
      }
    }
    return "";
  }

  /**
   * Key for the place of an array's entry: the array by identity, and the index. (Records compare by
   * value, so the array's identity is kept with an identity hash and ==.)
   */
  private record ArrayEntry(ArrayNode array, int index) {
    @Override
    public boolean equals(Object other) {
      return other instanceof ArrayEntry entry && entry.array == array && entry.index == index;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(array) * 31 + index;
    }
  }

  /** The tree, with where each array entry starts; Jackson's own trees forget positions. */
  private static JsonNode read(JsonParser parser, Map<ArrayEntry, Location> where) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        object.set(name, read(parser, where));
      }
      return object;
    }
    if (token == JsonToken.START_ARRAY) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        Location elementAt = locationOf(parser.currentTokenLocation());
        array.add(read(parser, where));
        // Scalars can be shared instances (true, null), so array entries are placed by index.
        where.put(new ArrayEntry(array, array.size() - 1), elementAt);
      }
      return array;
    }
    return MAPPER.readTree(parser);
  }

  private static Location locationOf(JsonLocation location) {
    return location == null ? Location.UNKNOWN : new Location(location.getLineNr(), location.getColumnNr());
  }

  private static Finding jsonFinding(CheckedFile file, Location at, String message) {
    return file.finding(at, "", JSON_RULE, Severity.ERROR, message,
        "fix the JSON at this position (a missing comma, quote or bracket), or re-save the form from"
            + " Camunda Modeler");
  }
}
