package dev.prometheuspipeline.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Camunda Forms ({@code .form}) as the Camunda 7.24 Tasklist renders them, with form-js 1.8.7: JSON that
 * parses (with line and column when it does not), an object with a string {@code id} (without one the
 * engine deploys the form under the key {@code ''}, which only a {@code camunda-forms:deployment:} form
 * key reaches: a warning here, an error across files when two collide or a formRef needs it, see
 * {@link IdlessForms}) and a {@code components} array whose every entry, nested groups included, is an
 * object with a {@code type}. Then the form-js
 * schema of that version, component types it knows, one field per variable, and FEEL that parses.
 * Every finding is placed at the JSON value it is about, by its JSON pointer.
 */
final class FormChecker implements FileChecker {
  static final String JSON_RULE = "form-json";
  static final String COMPONENTS_RULE = "form-components";
  static final String ID_RULE = "form-id";

  /** The form-js version the Camunda 7.24 Tasklist bundles; see the README beside the schema. */
  static final String FORM_JS_VERSION = "1.8.7";

  static final String SCHEMA_RESOURCE = "/validate/form-js/form-js-" + FORM_JS_VERSION + ".schema.json";

  /** The form fields form-js 1.8.7 registers ({@code formFields} of its viewer); others render as nothing. */
  static final Set<String> KNOWN_TYPES =
      Set.of("textfield", "textarea", "number", "datetime", "expression", "checkbox", "checklist", "radio",
          "select", "taglist", "text", "image", "table", "html", "spacer", "separator", "group", "dynamiclist",
          "iframe", "button");

  static final RuleInfo JSON =
      RuleInfo.lint(JSON_RULE, "form", Severity.ERROR,
          "The form is valid JSON",
          "The Tasklist cannot show a form it cannot parse.",
          "fix the JSON at the reported position (a missing comma, quote or bracket), or re-save the form from"
              + " Camunda Modeler");
  static final RuleInfo COMPONENTS =
      RuleInfo.lint(COMPONENTS_RULE, "form", Severity.ERROR,
          "The form has a components array of typed objects",
          "A form's fields are the entries of \"components\"; an entry without a type renders as nothing.",
          "save the form from Camunda Modeler; each entry of \"components\" is an object with a type");
  static final RuleInfo ID =
      RuleInfo.lint(ID_RULE, "form", Severity.WARNING,
          "The form has an id",
          "Camunda 7.24 deploys a form without an id under the empty key '' and the Tasklist shows it through a"
              + " camunda-forms:deployment:<file> form key; but camunda:formRef finds forms by id, and two id-less"
              + " forms in one deployment collide, so the engine refuses it (\"The deployment contains definitions"
              + " with the same key '' (id attribute), this is not allowed\"): that is reported as"
              + " release-duplicate-definition-id, and a formRef naming the form's file as an error of this rule;"
              + " otherwise a warning. An id that is an object or array the engine cannot parse at all"
              + " (ENGINE-09033).",
          "set the Form ID in Camunda Modeler (General › ID); it is what camunda:formRef points at");
  static final RuleInfo SCHEMA =
      RuleInfo.lint("form-schema", "form", Severity.ERROR,
          "The form matches the form-js " + FORM_JS_VERSION + " schema",
          "The Camunda 7.24 Tasklist renders forms with form-js " + FORM_JS_VERSION + " (schemaVersion 16);"
              + " a property of the wrong shape is ignored or breaks the form, and a keyed field without a key"
              + " submits nothing.",
          "correct the property at the reported position; Camunda Modeler's form editor shows the field's"
              + " settings");
  static final RuleInfo COMPONENT_TYPE =
      RuleInfo.lint("form-component-type", "form", Severity.ERROR,
          "Every component type is one form-js " + FORM_JS_VERSION + " knows",
          "The Tasklist of Camunda 7.24 renders only the fields of form-js " + FORM_JS_VERSION + "; newer types"
              + " (filepicker, documentPreview) and misspelt ones show nothing and submit nothing.",
          "use one of " + String.join(", ", new java.util.TreeSet<>(KNOWN_TYPES))
              + ", or target Camunda 7.24 in Camunda Modeler so it offers only those");
  static final RuleInfo DUPLICATE_KEY =
      RuleInfo.lint("form-duplicate-key", "form", Severity.ERROR,
          "No two fields write one variable",
          "Two fields with one key write the same process variable; whichever the Tasklist submits last wins,"
              + " and the other input is lost.",
          "give each field its own key (Camunda Modeler: the field's Key), or remove the duplicate field");
  static final RuleInfo FEEL =
      RuleInfo.lint("form-feel", "form", Severity.ERROR,
          "FEEL in the form parses",
          "Conditions (conditional.hide), expression fields and =-prefixed properties are FEEL; one that does"
              + " not parse is ignored or breaks the field when the Tasklist renders the form.",
          "correct the FEEL (Camunda Modeler's FEEL editor underlines the error); strings need double quotes");

  static final List<RuleInfo> RULES = List.of(JSON, COMPONENTS, ID, SCHEMA, COMPONENT_TYPE, DUPLICATE_KEY, FEEL);

  /** Built when the first form comes: every validation has a form checker, most have no form. */
  private static final class Strict {
    static final ObjectMapper MAPPER =
        new ObjectMapper(JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
  }

  private static final class Schema {
    static final JsonSchema FORM_JS = load();

    private static JsonSchema load() {
      try (InputStream in = FormChecker.class.getResourceAsStream(SCHEMA_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("form-js schema missing from the classpath: " + SCHEMA_RESOURCE);
        }
        SchemaValidatorsConfig config =
            SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).locale(Locale.ENGLISH).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in, config);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public List<Finding> check(CheckedFile file) {
    Map<String, Location> where = new HashMap<>();
    JsonNode root;
    Location rootAt;
    try (JsonParser parser = Strict.MAPPER.createParser(file.text())) {
      if (parser.nextToken() == null) {
        return List.of(jsonFinding(file, Location.UNKNOWN, "is empty; a form is a JSON object"));
      }
      rootAt = locationOf(parser.currentTokenLocation());
      root = read(parser, "", where);
      if (parser.nextToken() != null) {
        return List.of(jsonFinding(file, locationOf(parser.currentTokenLocation()),
            "has more content after the form's JSON object ends"));
      }
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage() == null ? "cannot be parsed" : e.getOriginalMessage();
      // The engine's own words too, so a reader who met them in a deployment log recognises the problem.
      return List.of(jsonFinding(file, locationOf(e.getLocation()), "is not valid JSON: " + message.strip()
          + "; the engine refuses it with ENGINE-09033 Could not parse Camunda Form resource " + file.resourceName()));
    } catch (IOException e) {
      return List.of(jsonFinding(file, Location.UNKNOWN, "cannot be read as JSON: " + e.getMessage()));
    }
    if (!root.isObject()) {
      return List.of(file.finding(rootAt, "", COMPONENTS_RULE, Severity.ERROR,
          "is not a form: the JSON is a " + root.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an object",
          "save the form from Camunda Modeler; a .form file is a JSON object with id and components"));
    }
    Form form = new Form(file, root, where);
    List<Finding> findings = new ArrayList<>();
    idFinding(file, root.get("id"), rootAt).ifPresent(findings::add);
    List<Finding> structure = new ArrayList<>();
    checkComponents(form, root, "", "", structure);
    findings.addAll(structure);
    if (structure.isEmpty()) {
      // The schema would repeat each structural problem less plainly; it speaks once the structure holds.
      findings.addAll(schemaFindings(form));
      Map<String, String> firstByKey = new HashMap<>();
      walkFields(form, root, "", "", firstByKey, findings);
    }
    return findings;
  }

  /**
   * The engine reads the id as a string: missing, null or blank gives the key '' (deployed, see {@link #ID});
   * a number or boolean its text; an object or array fails the deployment.
   */
  private static Optional<Finding> idFinding(CheckedFile file, JsonNode id, Location rootAt) {
    if (id == null || id.isNull() || (id.isTextual() && id.asText().isBlank())) {
      return Optional.of(file.finding(rootAt, "", ID_RULE, Severity.WARNING,
          "has no \"id\"; Camunda 7.24 deploys it under the key '', which only a camunda-forms:deployment:"
              + file.resourceName() + " form key reaches: a camunda:formRef cannot find it, and a second form"
              + " without id in the same deployment makes the engine refuse both",
          ID.fix()));
    }
    if (id.isContainerNode()) {
      return Optional.of(file.finding(rootAt, "", ID_RULE, Severity.ERROR,
          "has an \"id\" that is a JSON " + id.getNodeType().name().toLowerCase(Locale.ROOT) + ", not a string;"
              + " the engine refuses it with ENGINE-09033 Could not parse Camunda Form resource " + file.resourceName(),
          ID.fix()));
    }
    if (!id.isTextual()) {
      return Optional.of(file.finding(rootAt, "", ID_RULE, Severity.WARNING,
          "has an \"id\" that is not a string; the engine keys the form by its text '" + id.asText()
              + "', but Camunda Modeler and form-js expect a string",
          ID.fix()));
    }
    return Optional.empty();
  }

  /** The form as read: its tree, and where each value starts by JSON pointer. */
  private record Form(CheckedFile file, JsonNode root, Map<String, Location> where) {
    Location at(String pointer) {
      for (String p = pointer; ; p = parent(p)) {
        Location location = where.get(p);
        if (location != null || p.isEmpty()) {
          return location == null ? Location.UNKNOWN : location;
        }
      }
    }

    /** The id (or key) of the innermost component that holds {@code pointer}; empty for the form itself. */
    String componentIdAt(String pointer) {
      for (String p = pointer; !p.isEmpty(); p = parent(p)) {
        String parent = parent(p);
        if (parent.endsWith("/components") && root.at(JsonPointer.compile(p)).isObject()) {
          return componentId(root.at(JsonPointer.compile(p)));
        }
      }
      return "";
    }

    Finding finding(String pointer, RuleInfo rule, String message) {
      return file.finding(at(pointer), componentIdAt(pointer), rule.id(), rule.defaultSeverity(), message,
          rule.fix());
    }

    private static String parent(String pointer) {
      int slash = pointer.lastIndexOf('/');
      return slash <= 0 ? "" : pointer.substring(0, slash);
    }
  }

  private static void checkComponents(
      Form form, JsonNode container, String containerPointer, String containerId, List<Finding> findings) {
    CheckedFile file = form.file();
    Location containerAt = form.at(containerPointer);
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
      String pointer = containerPointer + "/components/" + index;
      Location at = form.at(pointer);
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
        checkComponents(form, component, pointer, componentId, findings);
      }
    }
  }

  private static List<Finding> schemaFindings(Form form) {
    Set<ValidationMessage> errors = Schema.FORM_JS.validate(form.root());
    // One mistake can fail several keywords at one place (type, then enum); the first says it best.
    Set<String> seen = new LinkedHashSet<>();
    List<Finding> findings = new ArrayList<>();
    for (ValidationMessage error : errors) {
      String pointer = error.getInstanceLocation().toString();
      if (pointer.equals("/")) {
        pointer = "";
      }
      String property = error.getProperty();
      String place = property == null ? pointer : pointer + "/" + property;
      // A bad id is form-id's to report.
      if (place.equals("/id") || !seen.add(place)) {
        continue;
      }
      String subject = form.componentIdAt(pointer).isEmpty()
          ? "the form" : "component '" + form.componentIdAt(pointer) + "'";
      findings.add(form.finding(pointer, SCHEMA,
          subject + " does not match the form-js " + FORM_JS_VERSION + " schema: " + error.getMessage()));
    }
    return findings;
  }

  /** Types, keys and FEEL of every component; {@code scope} is the variable path its keys write under. */
  private static void walkFields(
      Form form, JsonNode container, String containerPointer, String scope, Map<String, String> firstByKey,
      List<Finding> findings) {
    JsonNode components = container.get("components");
    for (int index = 0; index < components.size(); index++) {
      JsonNode component = components.get(index);
      String pointer = containerPointer + "/components/" + index;
      String type = component.get("type").asText();
      if (!KNOWN_TYPES.contains(type)) {
        findings.add(form.finding(pointer + "/type", COMPONENT_TYPE,
            "component type '" + type + "' is not one form-js " + FORM_JS_VERSION
                + " (the Camunda 7.24 Tasklist) knows; the field is not shown and submits nothing"));
      }
      JsonNode key = component.get("key");
      if (key != null && key.isTextual() && !key.asText().isBlank()) {
        String variable = scope + key.asText();
        String first = firstByKey.putIfAbsent(variable, pointer);
        if (first != null) {
          Location firstAt = form.at(first);
          findings.add(form.finding(pointer + "/key", DUPLICATE_KEY,
              "key '" + variable + "' is also written by component '" + form.componentIdAt(first) + "'"
                  + (firstAt.isKnown() ? " at line " + firstAt.line() : "")
                  + "; two fields writing one variable lose one of the inputs"));
        }
      }
      checkFeel(form, component, pointer, findings);
      if (component.has("components") && component.get("components").isArray()) {
        walkFields(form, component, pointer, scopeOf(component, type, scope), firstByKey, findings);
      }
    }
  }

  /** A group with a path nests its fields' variables under it; a dynamic list repeats them per item. */
  private static String scopeOf(JsonNode component, String type, String scope) {
    JsonNode path = component.get("path");
    String nested = path != null && path.isTextual() && !path.asText().isBlank() ? path.asText() : "";
    if ("dynamiclist".equals(type)) {
      return scope + (nested.isEmpty() ? "[" + componentId(component) + "]" : nested) + "[].";
    }
    return nested.isEmpty() ? scope : scope + nested + ".";
  }

  private static void checkFeel(Form form, JsonNode component, String pointer, List<Finding> findings) {
    JsonNode hide = component.path("conditional").path("hide");
    if (hide.isTextual()) {
      checkFeelText(form, hide.asText(), pointer + "/conditional/hide", "conditional.hide", findings);
    }
    JsonNode expression = component.get("expression");
    if ("expression".equals(component.path("type").asText()) && expression != null && expression.isTextual()) {
      checkFeelText(form, expression.asText(), pointer + "/expression", "expression", findings);
    }
    Iterator<Map.Entry<String, JsonNode>> fields = component.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (!name.equals("components") && !name.equals("conditional") && !name.equals("expression")) {
        checkPrefixedFeel(form, field.getValue(), pointer + "/" + escape(name), name, findings);
      }
    }
  }

  /** Any string starting with {@code =} is FEEL to form-js, however deep in the component's properties. */
  private static void checkPrefixedFeel(
      Form form, JsonNode value, String pointer, String property, List<Finding> findings) {
    if (value.isTextual() && value.asText().startsWith("=")) {
      checkFeelText(form, value.asText(), pointer, property, findings);
    } else if (value.isObject()) {
      value.fields().forEachRemaining(field -> checkPrefixedFeel(
          form, field.getValue(), pointer + "/" + escape(field.getKey()), property + "." + field.getKey(), findings));
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        checkPrefixedFeel(form, value.get(i), pointer + "/" + i, property + "[" + i + "]", findings);
      }
    }
  }

  /** {@code property} names the FEEL's place in its component ({@code conditional.hide}, {@code label}). */
  private static void checkFeelText(
      Form form, String text, String pointer, String property, List<Finding> findings) {
    String feel = text.startsWith("=") ? text.substring(1) : text;
    if (feel.isBlank()) {
      return;
    }
    Optional<String> problem = FeelCheck.expressionProblem(feel);
    problem.ifPresent(message -> findings.add(form.finding(pointer, FEEL,
        property + " '" + abbreviated(feel.strip())
            + "' is not valid FEEL: " + message)));
  }

  private static String abbreviated(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "…";
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
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

  /** The tree, with where each value starts by JSON pointer; Jackson's own trees forget positions. */
  private static JsonNode read(JsonParser parser, String pointer, Map<String, Location> where) throws IOException {
    where.put(pointer, locationOf(parser.currentTokenLocation()));
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        object.set(name, read(parser, pointer + "/" + escape(name), where));
      }
      return object;
    }
    if (token == JsonToken.START_ARRAY) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        array.add(read(parser, pointer + "/" + array.size(), where));
      }
      return array;
    }
    return Strict.MAPPER.readTree(parser);
  }

  private static Location locationOf(JsonLocation location) {
    return location == null ? Location.UNKNOWN : new Location(location.getLineNr(), location.getColumnNr());
  }

  private static Finding jsonFinding(CheckedFile file, Location at, String message) {
    return file.finding(at, "", JSON_RULE, Severity.ERROR, message, JSON.fix());
  }
}
