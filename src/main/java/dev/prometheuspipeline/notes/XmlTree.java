package dev.prometheuspipeline.notes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The canonical form of an XML element, so two versions of a model compare by meaning rather than by
 * bytes: element names without the document's own prefixes, attributes sorted, text trimmed with its
 * whitespace collapsed, the Modeler's bookkeeping (exporter, modeler:* attributes) left out and, unless
 * asked for, the diagram (BPMN DI, DMN DI, bpmn.io colours and bounds) left out too.
 */
final class XmlTree {
  private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
  private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  private static final String CAMUNDA = "http://camunda.org/schema/1.0/";
  private static final String MODELER = "http://camunda.org/schema/modeler/";
  /** Namespaces that only place and paint shapes: changes here are layout. */
  private static final List<String> DIAGRAM = List.of(
      "http://www.omg.org/spec/BPMN/20100524/DI", "http://www.omg.org/spec/DD/",
      "https://www.omg.org/spec/DMN/20191111/DMNDI/", "http://www.omg.org/spec/DMN/20180521/",
      "https://www.omg.org/spec/DMN/20180521/", "http://bpmn.io/schema/",
      "http://www.omg.org/spec/BPMN/non-normative/color/");
  /** Written by whichever Modeler saved the file last; no engine reads them. */
  private static final Set<String> TOOLING_ATTRIBUTES = Set.of("exporter", "exporterVersion");
  private static final int VALUE_LIMIT = 60;
  private static final int DEPTH_LIMIT = 4;

  private XmlTree() {}

  /** A canonical element; equal records mean the same meaning. */
  record Tree(String name, Map<String, String> attributes, String text, List<Tree> children) {
    Tree {
      // Sorted, so the order attributes were written in is no difference.
      attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
      children = List.copyOf(children);
    }

    boolean leaf() {
      return children.isEmpty();
    }
  }

  /**
   * The canonical form of {@code element} and everything below it but the children {@code skip} accepts.
   *
   * @param modelNamespace the document's own namespace, whose names go unprefixed
   * @param withDiagram whether diagram elements and attributes count
   */
  static Tree of(Element element, String modelNamespace, Predicate<Element> skip, boolean withDiagram) {
    SortedMap<String, String> attributes = new TreeMap<>();
    NamedNodeMap all = element.getAttributes();
    for (int i = 0; i < all.getLength(); i++) {
      Attr attribute = (Attr) all.item(i);
      String ns = attribute.getNamespaceURI();
      String local = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
      if (XMLNS.equals(ns) || local.equals("xmlns") || isTooling(ns, local) || (!withDiagram && isDiagram(ns))) {
        continue;
      }
      attributes.put(name(ns, local, modelNamespace), attribute.getValue());
    }
    StringBuilder text = new StringBuilder();
    List<Tree> children = new ArrayList<>();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(child.getNodeValue()).append(' ');
      } else if (child instanceof Element e && !skip.test(e) && (withDiagram || !isDiagram(e.getNamespaceURI()))) {
        children.add(of(e, modelNamespace, skip, withDiagram));
      }
    }
    return new Tree(name(element.getNamespaceURI(), localName(element), modelNamespace), attributes,
        collapse(text.toString()), children);
  }

  /** The element's name without a prefix. */
  static String localName(Element element) {
    return element.getLocalName() == null ? element.getTagName() : element.getLocalName();
  }

  /** The element children of {@code parent}, in document order. */
  static List<Element> children(Element parent) {
    List<Element> children = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        children.add(e);
      }
    }
    return children;
  }

  /** The element children of {@code parent} in its own namespace with that local name. */
  static List<Element> children(Element parent, String localName) {
    return children(parent).stream()
        .filter(e -> Objects.equals(e.getNamespaceURI(), parent.getNamespaceURI()) && localName(e).equals(localName))
        .toList();
  }

  /** An attribute without namespace; empty when absent (the DOM's own convention too). */
  static String attribute(Element element, String name) {
    return element.getAttribute(name);
  }

  /** The id, or the element's type and position among its siblings when it has none. */
  static String key(Element element, int position) {
    String id = attribute(element, "id");
    return id.isEmpty() ? localName(element) + "#" + (position + 1) : id;
  }

  static boolean isDiagram(String namespace) {
    return namespace != null && DIAGRAM.stream().anyMatch(namespace::startsWith);
  }

  private static boolean isTooling(String namespace, String local) {
    return (namespace == null && TOOLING_ATTRIBUTES.contains(local))
        || (namespace != null && namespace.startsWith(MODELER));
  }

  /** Whitespace runs become one space, so re-indenting a script or expression changes nothing. */
  static String collapse(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  private static String name(String namespace, String local, String modelNamespace) {
    if (namespace == null || namespace.equals(modelNamespace)) {
      return local;
    }
    if (namespace.startsWith(CAMUNDA)) {
      return "camunda:" + local;
    }
    if (namespace.equals(XSI)) {
      return "xsi:" + local;
    }
    return "{" + namespace + "}" + local;
  }

  /**
   * What differs between two canonical forms of the same element, one phrase each:
   * {@code name: "Old" → "New"}, {@code extensionElements.camunda:taskListener changed (1 → 2)}.
   * Empty when they are equal.
   */
  static List<String> differences(Tree before, Tree after) {
    List<String> out = new ArrayList<>();
    differences("", before, after, 0, out);
    return out;
  }

  private static void differences(String prefix, Tree before, Tree after, int depth, List<String> out) {
    if (!before.name().equals(after.name())) {
      out.add(prefix + "type " + before.name() + " → " + after.name());
    }
    Set<String> names = new TreeSet<>(before.attributes().keySet());
    names.addAll(after.attributes().keySet());
    for (String attribute : names) {
      String was = before.attributes().get(attribute);
      String is = after.attributes().get(attribute);
      if (was == null) {
        out.add(prefix + attribute + ": added " + quote(is));
      } else if (is == null) {
        out.add(prefix + attribute + ": removed (was " + quote(was) + ")");
      } else if (!was.equals(is)) {
        out.add(prefix + attribute + ": " + quote(was) + " → " + quote(is));
      }
    }
    if (!before.text().equals(after.text())) {
      String label = prefix.isEmpty() ? "text" : prefix.substring(0, prefix.length() - 1);
      out.add(label + ": " + quote(before.text()) + " → " + quote(after.text()));
    }
    Map<String, List<Tree>> was = byName(before.children());
    Map<String, List<Tree>> is = byName(after.children());
    Set<String> childNames = new java.util.LinkedHashSet<>(was.keySet());
    childNames.addAll(is.keySet());
    for (String child : childNames) {
      List<Tree> a = was.getOrDefault(child, List.of());
      List<Tree> b = is.getOrDefault(child, List.of());
      if (a.equals(b)) {
        continue;
      }
      String path = prefix + child;
      if (a.size() == 1 && b.size() == 1 && depth < DEPTH_LIMIT) {
        differences(path + ".", a.get(0), b.get(0), depth + 1, out);
      } else if (depth < DEPTH_LIMIT && keyed(a) && keyed(b)) {
        pairByKey(path, a, b, depth, out);
      } else if (a.isEmpty()) {
        out.add(path + " added");
      } else if (b.isEmpty()) {
        out.add(path + " removed");
      } else {
        out.add(path + " changed" + (a.size() == b.size() ? "" : " (" + a.size() + " → " + b.size() + ")"));
      }
    }
  }

  /** Repeated children told apart by an {@code id} or {@code name} (input parameters, properties). */
  private static void pairByKey(String path, List<Tree> a, List<Tree> b, int depth, List<String> out) {
    Map<String, Tree> was = keyedMap(a);
    Map<String, Tree> is = keyedMap(b);
    for (Map.Entry<String, Tree> entry : was.entrySet()) {
      if (!is.containsKey(entry.getKey())) {
        out.add(path + "[" + entry.getKey() + "] removed");
      }
    }
    for (Map.Entry<String, Tree> entry : is.entrySet()) {
      Tree old = was.get(entry.getKey());
      if (old == null) {
        out.add(path + "[" + entry.getKey() + "] added");
      } else if (!old.equals(entry.getValue())) {
        differences(path + "[" + entry.getKey() + "].", old, entry.getValue(), depth + 1, out);
      }
    }
  }

  private static boolean keyed(List<Tree> trees) {
    return !trees.isEmpty() && keyedMap(trees).size() == trees.size();
  }

  private static Map<String, Tree> keyedMap(List<Tree> trees) {
    Map<String, Tree> map = new LinkedHashMap<>();
    for (Tree tree : trees) {
      String key = tree.attributes().getOrDefault("id", tree.attributes().get("name"));
      if (key != null) {
        map.put(key, tree);
      }
    }
    return map;
  }

  private static Map<String, List<Tree>> byName(List<Tree> trees) {
    Map<String, List<Tree>> map = new LinkedHashMap<>();
    for (Tree tree : trees) {
      map.computeIfAbsent(tree.name(), k -> new ArrayList<>()).add(tree);
    }
    return map;
  }

  /** A value for a detail line, shortened: details summarise, the file holds the rest. */
  static String quote(String value) {
    String flat = collapse(value);
    return "\"" + (flat.length() > VALUE_LIMIT ? flat.substring(0, VALUE_LIMIT) + "…" : flat) + "\"";
  }
}
