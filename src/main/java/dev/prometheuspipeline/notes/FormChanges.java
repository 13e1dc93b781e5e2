package dev.prometheuspipeline.notes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.notes.Comparison.Item;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The components two versions of a Camunda Forms file add, remove and change, matched by {@code key} (the
 * variable a field binds) or, for components that bind none (text, groups), by {@code id}. A component's
 * {@code layout} (row, columns) and its position are layout; a form whose only differences are those is
 * reported as layout only.
 */
final class FormChanges {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Written by the editor that saved the form last; no engine reads them. */
  private static final Set<String> TOOLING = Set.of("exporter", "schemaVersion", "executionPlatform",
      "executionPlatformVersion");
  private static final Set<String> LAYOUT = Set.of("layout", "components");

  private FormChanges() {}

  /** One version of a form: its id, its own properties, and its components by key. */
  record Side(String id, JsonNode own, Map<String, Item<JsonNode>> components, JsonNode whole) {
    static final Side NONE = new Side("", JSON.createObjectNode(), Map.of(), JSON.createObjectNode());
  }

  /**
   * Reads a form.
   *
   * @throws UncheckedIOException for text that is not JSON
   * @throws IllegalArgumentException for JSON that is not an object
   */
  static Side read(byte[] content) {
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("a form is a JSON object; this file holds "
          + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
    }
    ObjectNode own = ((ObjectNode) root).deepCopy();
    own.remove(TOOLING);
    own.remove("components");
    Map<String, Item<JsonNode>> components = new LinkedHashMap<>();
    collect(root, "", components);
    ObjectNode whole = ((ObjectNode) root).deepCopy();
    whole.remove(TOOLING);
    return new Side(root.path("id").asText(""), own, components, whole);
  }

  /** What {@code after} adds, removes and changes relative to {@code before}. */
  static Comparison compare(Side before, Side after) {
    List<ElementChange> changes = new ArrayList<>();
    String scope = after.id().isEmpty() ? before.id() : after.id();
    if (before != Side.NONE && after != Side.NONE && !before.own().equals(after.own())) {
      changes.add(new ElementChange(Kind.CHANGED, scope, scope, "form", "",
          Comparison.join(differences(before.own(), after.own()))));
    }
    if (before == Side.NONE || after == Side.NONE) {
      Side side = before == Side.NONE ? after : before;
      changes.add(new ElementChange(before == Side.NONE ? Kind.ADDED : Kind.REMOVED, side.id(), side.id(), "form",
          "", side.components().size() + " components"));
    } else {
      Comparison.items(scope, before.components(), after.components(),
          (a, b) -> differences(a.form(), b.form()), changes);
    }
    return Comparison.of(changes, sameMeaning(before, after), before.whole().equals(after.whole()));
  }

  private static boolean sameMeaning(Side before, Side after) {
    return before.own().equals(after.own()) && before.components().equals(after.components());
  }

  private static void collect(JsonNode container, String parent, Map<String, Item<JsonNode>> out) {
    JsonNode list = container.path("components");
    for (int i = 0; i < list.size(); i++) {
      JsonNode component = list.get(i);
      if (!component.isObject()) {
        continue;
      }
      String type = component.path("type").asText("");
      String key = component.path("key").asText("");
      if (key.isEmpty()) {
        key = component.path("id").asText("");
      }
      if (key.isEmpty()) {
        key = (parent.isEmpty() ? "" : parent + "/") + type + "#" + (i + 1);
      }
      String unique = key;
      for (int n = 2; out.containsKey(unique); n++) {
        unique = key + "#" + n;
      }
      ObjectNode form = ((ObjectNode) component).deepCopy();
      form.remove(LAYOUT);
      if (component.hasNonNull("key")) {
        // Keyed fields are matched by key; the editor's generated id carries no meaning beside it.
        form.remove("id");
      }
      String name = component.path("label").asText(component.path("text").asText(""));
      out.put(unique, new Item<>(unique, type, name, parent, "", form));
      collect(component, unique, out);
    }
  }

  /** Property by property: {@code label: "Amount" → "Total"}, {@code validate: added {"required":true}}. */
  private static List<String> differences(JsonNode before, JsonNode after) {
    Set<String> names = new TreeSet<>();
    before.fieldNames().forEachRemaining(names::add);
    after.fieldNames().forEachRemaining(names::add);
    List<String> out = new ArrayList<>();
    for (String name : names) {
      JsonNode was = before.get(name);
      JsonNode is = after.get(name);
      if (was == null) {
        out.add(name + ": added " + XmlTree.quote(text(is)));
      } else if (is == null) {
        out.add(name + ": removed (was " + XmlTree.quote(text(was)) + ")");
      } else if (!was.equals(is)) {
        out.add(name + ": " + XmlTree.quote(text(was)) + " → " + XmlTree.quote(text(is)));
      }
    }
    return out;
  }

  private static String text(JsonNode node) {
    return node.isValueNode() ? node.asText() : node.toString();
  }
}
