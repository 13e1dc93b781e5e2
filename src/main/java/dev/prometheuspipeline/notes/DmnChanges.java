package dev.prometheuspipeline.notes;

import dev.prometheuspipeline.notes.Comparison.Item;
import dev.prometheuspipeline.notes.XmlTree.Tree;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The decisions two versions of a DMN file add, remove and change and, inside decision tables, the hit
 * policy, the inputs and outputs (by id) and the rules (by id, cell by cell under each column's label).
 */
final class DmnChanges {
  private static final String UNIQUE = "UNIQUE";
  private static final int SUMMARY_LIMIT = 200;

  private DmnChanges() {}

  record Side(Map<String, Decision> decisions, Map<String, Item<Tree>> roots, Tree meaning, Tree layout) {
    static final Side NONE = new Side(Map.of(), Map.of(), new Tree("", Map.of(), "", List.of()),
        new Tree("", Map.of(), "", List.of()));
  }

  /** A decision: its own canonical form (name, requirements, literal expression) and its table, if any. */
  record Decision(Item<Tree> self, Optional<Table> table) {}

  record Table(Tree self, Map<String, Item<Tree>> inputs, Map<String, Item<Tree>> outputs,
      Map<String, Item<Cells>> rules) {}

  /** A rule's entries by column key, and the rest of it (description, annotations). */
  record Cells(Map<String, String> inputs, Map<String, String> outputs, Tree rest) {}

  /**
   * Reads a DMN file with the model API, which validates it against its DMN version's schema.
   *
   * @throws RuntimeException the model API's own, for a file it cannot read
   */
  static Side read(byte[] content) {
    DmnModelInstance model = Dmn.readModelFromStream(new ByteArrayInputStream(content));
    Element root = ((Document) model.getDocument().getDomSource().getNode()).getDocumentElement();
    String ns = root.getNamespaceURI();
    Map<String, Decision> decisions = new LinkedHashMap<>();
    Map<String, Item<Tree>> roots = new LinkedHashMap<>();
    List<Element> children = XmlTree.children(root);
    for (int i = 0; i < children.size(); i++) {
      Element child = children.get(i);
      if (XmlTree.isDiagram(child.getNamespaceURI())) {
        continue;
      }
      String key = XmlTree.key(child, i);
      if (ns.equals(child.getNamespaceURI()) && XmlTree.localName(child).equals("decision")) {
        decisions.put(key, decision(child, key, ns));
      } else {
        roots.put(key, new Item<>(key, XmlTree.localName(child), XmlTree.attribute(child, "name"), "", "",
            XmlTree.of(child, ns, e -> false, false)));
      }
    }
    return new Side(decisions, roots, XmlTree.of(root, ns, e -> false, false), XmlTree.of(root, ns, e -> false, true));
  }

  /** What {@code after} adds, removes and changes relative to {@code before}. */
  static Comparison compare(Side before, Side after) {
    List<ElementChange> changes = new ArrayList<>();
    Comparison.addedAndRemoved(before.decisions(), after.decisions(), DmnChanges::decisionChange, changes);
    for (Decision decision : after.decisions().values()) {
      Decision old = before.decisions().get(decision.self().key());
      if (old != null) {
        compareDecision(old, decision, changes);
      }
    }
    Comparison.items(BpmnChanges.DEFINITIONS, before.roots(), after.roots(),
        (a, b) -> XmlTree.differences(a.form(), b.form()), changes);
    return Comparison.of(changes, before.meaning().equals(after.meaning()), before.layout().equals(after.layout()));
  }

  private static void compareDecision(Decision old, Decision decision, List<ElementChange> changes) {
    String id = decision.self().key();
    String name = decision.self().name();
    List<String> own = XmlTree.differences(old.self().form(), decision.self().form());
    if (old.table().isPresent() != decision.table().isPresent()) {
      own.add(0, old.table().isPresent() ? "decision table replaced by a literal expression"
          : "literal expression replaced by a decision table");
    }
    if (!own.isEmpty()) {
      changes.add(new ElementChange(Kind.CHANGED, id, id, "decision", name, Comparison.join(own)));
    }
    if (old.table().isEmpty() || decision.table().isEmpty()) {
      return;
    }
    Table was = old.table().get();
    Table is = decision.table().get();
    List<String> table = XmlTree.differences(was.self(), is.self());
    if (!table.isEmpty()) {
      changes.add(new ElementChange(Kind.CHANGED, id, was.self().attributes().getOrDefault("id", "decisionTable"), "decisionTable", name,
          Comparison.join(table)));
    }
    Comparison.items(id, was.inputs(), is.inputs(), (a, b) -> XmlTree.differences(a.form(), b.form()), changes);
    Comparison.items(id, was.outputs(), is.outputs(), (a, b) -> XmlTree.differences(a.form(), b.form()), changes);
    Comparison.items(id, was.rules(), is.rules(), (a, b) -> cells(was, is, a.form(), b.form()), changes);
  }

  /** The cells of a rule that differ, named by their column; then its description and annotations. */
  private static List<String> cells(Table was, Table is, Cells before, Cells after) {
    List<String> out = new ArrayList<>();
    columns(labels(was.inputs(), is.inputs()), before.inputs(), after.inputs(), "input", out);
    columns(labels(was.outputs(), is.outputs()), before.outputs(), after.outputs(), "output", out);
    out.addAll(XmlTree.differences(before.rest(), after.rest()));
    return out;
  }

  private static void columns(Map<String, String> labels, Map<String, String> before, Map<String, String> after,
      String kind, List<String> out) {
    Set<String> keys = new LinkedHashSet<>(after.keySet());
    keys.addAll(before.keySet());
    for (String key : keys) {
      String was = before.get(key);
      String is = after.get(key);
      String label = labels.getOrDefault(key, key);
      if (was != null && is != null && !was.equals(is)) {
        out.add(label + ": " + XmlTree.quote(was) + " → " + XmlTree.quote(is));
      } else if (was == null && is != null && !is.isBlank()) {
        out.add(label + ": " + XmlTree.quote(is) + " (new " + kind + ")");
      } else if (is == null && was != null && !was.isBlank()) {
        out.add(label + ": " + XmlTree.quote(was) + " (" + kind + " removed)");
      }
    }
  }

  /** Column labels, the new version's first. */
  private static Map<String, String> labels(Map<String, Item<Tree>> before, Map<String, Item<Tree>> after) {
    Map<String, String> labels = new TreeMap<>();
    before.values().forEach(c -> labels.put(c.key(), c.name().isEmpty() ? c.key() : c.name()));
    after.values().forEach(c -> labels.put(c.key(), c.name().isEmpty() ? c.key() : c.name()));
    return labels;
  }

  private static ElementChange decisionChange(Kind kind, Decision decision) {
    String detail = decision.table()
        .map(t -> "decision table, " + t.inputs().size() + " inputs, " + t.outputs().size() + " outputs, "
            + t.rules().size() + " rules")
        .orElse("no decision table");
    return new ElementChange(kind, decision.self().key(), decision.self().key(), "decision", decision.self().name(),
        detail);
  }

  private static Decision decision(Element element, String key, String ns) {
    Optional<Element> table = XmlTree.children(element, "decisionTable").stream().findFirst();
    Item<Tree> self = new Item<>(key, "decision", XmlTree.attribute(element, "name"), "", "",
        XmlTree.of(element, ns, e -> ns.equals(e.getNamespaceURI())
            && XmlTree.localName(e).equals("decisionTable"), false));
    return new Decision(self, table.map(t -> table(t, ns)));
  }

  private static Table table(Element table, String ns) {
    Tree own = XmlTree.of(table, ns, e -> ns.equals(e.getNamespaceURI())
        && Set.of("input", "output", "rule").contains(XmlTree.localName(e)), false);
    // Absent means UNIQUE; writing it out (as a Modeler may on save) is no change.
    Map<String, String> attributes = new TreeMap<>(own.attributes());
    attributes.putIfAbsent("hitPolicy", UNIQUE);
    own = new Tree(own.name(), attributes, own.text(), own.children());
    Map<String, Item<Tree>> inputs = new LinkedHashMap<>();
    List<Element> columns = XmlTree.children(table, "input");
    List<String> inputKeys = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Element input = columns.get(i);
      String key = XmlTree.key(input, i);
      String expression = XmlTree.children(input, "inputExpression").stream()
          .flatMap(e -> XmlTree.children(e, "text").stream()).map(e -> XmlTree.collapse(e.getTextContent()))
          .findFirst().orElse("");
      String label = XmlTree.attribute(input, "label");
      inputs.put(key, new Item<>(key, "input", label.isEmpty() ? expression : label, "",
          "expression " + XmlTree.quote(expression), XmlTree.of(input, ns, e -> false, false)));
      inputKeys.add(key);
    }
    Map<String, Item<Tree>> outputs = new LinkedHashMap<>();
    columns = XmlTree.children(table, "output");
    List<String> outputKeys = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Element output = columns.get(i);
      String key = XmlTree.key(output, i);
      String name = XmlTree.attribute(output, "name");
      String label = XmlTree.attribute(output, "label");
      outputs.put(key, new Item<>(key, "output", label.isEmpty() ? name : label, "",
          "name " + XmlTree.quote(name), XmlTree.of(output, ns, e -> false, false)));
      outputKeys.add(key);
    }
    Map<String, Item<Cells>> rules = new LinkedHashMap<>();
    List<Element> rows = XmlTree.children(table, "rule");
    for (int i = 0; i < rows.size(); i++) {
      Element rule = rows.get(i);
      String key = XmlTree.key(rule, i);
      Cells cells = new Cells(entries(rule, "inputEntry", inputKeys), entries(rule, "outputEntry", outputKeys),
          XmlTree.of(rule, ns, e -> ns.equals(e.getNamespaceURI())
              && Set.of("inputEntry", "outputEntry").contains(XmlTree.localName(e)), false));
      String description = XmlTree.children(rule, "description").stream()
          .map(e -> XmlTree.collapse(e.getTextContent())).findFirst().orElse("");
      rules.put(key, new Item<>(key, "rule", description, "", summary(cells, inputs, outputs), cells));
    }
    return new Table(own, inputs, outputs, rules);
  }

  /** The rule's entries by the key of the column at the same position (DMN matches them by position). */
  private static Map<String, String> entries(Element rule, String entry, List<String> columnKeys) {
    Map<String, String> cells = new LinkedHashMap<>();
    List<Element> entries = XmlTree.children(rule, entry);
    for (int i = 0; i < entries.size(); i++) {
      String text = XmlTree.children(entries.get(i), "text").stream()
          .map(e -> XmlTree.collapse(e.getTextContent())).findFirst().orElse("");
      cells.put(i < columnKeys.size() ? columnKeys.get(i) : entry + "#" + (i + 1), text);
    }
    return cells;
  }

  private static String summary(Cells cells, Map<String, Item<Tree>> inputs, Map<String, Item<Tree>> outputs) {
    List<String> when = new ArrayList<>();
    cells.inputs().forEach((key, text) -> {
      if (!text.isBlank()) {
        when.add(label(inputs, key) + " " + XmlTree.quote(text));
      }
    });
    List<String> then = new ArrayList<>();
    cells.outputs().forEach((key, text) -> then.add(label(outputs, key) + " " + XmlTree.quote(text)));
    String summary = (when.isEmpty() ? "always" : "when " + String.join(", ", when)) + " then " + String.join(", ", then);
    return summary.length() > SUMMARY_LIMIT ? summary.substring(0, SUMMARY_LIMIT) + "…" : summary;
  }

  private static String label(Map<String, Item<Tree>> columns, String key) {
    Item<Tree> column = columns.get(key);
    return column == null || column.name().isEmpty() ? key : column.name();
  }
}
