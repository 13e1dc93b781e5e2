package dev.prometheuspipeline.notes;

import dev.prometheuspipeline.notes.Comparison.Item;
import dev.prometheuspipeline.notes.XmlTree.Tree;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Artifact;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.Model;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.type.ModelElementType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The processes and flow elements two versions of a BPMN file add, remove and change. Flow elements are
 * matched by id across their whole process (so moving one into a subprocess is a move, not a removal and an
 * addition) and compared in canonical form without the diagram, their {@code incoming}/{@code outgoing}
 * references (the sequence flows already say that) or the flow elements they contain (listed themselves).
 */
final class BpmnChanges {
  static final String DEFINITIONS = "definitions";

  private BpmnChanges() {}

  /** One version of a file, read. */
  record Side(Map<String, Process> processes, Map<String, Item<Tree>> roots, Tree meaning, Tree layout) {
    static final Side NONE = new Side(Map.of(), Map.of(), new Tree("", Map.of(), "", List.of()),
        new Tree("", Map.of(), "", List.of()));
  }

  /** A process: its own canonical form (attributes, extensions) and its flow elements by id. */
  record Process(Item<Tree> self, boolean executable, Map<String, Item<Tree>> elements) {}

  /**
   * Reads a BPMN file with the model API, which validates it against the BPMN schema.
   *
   * @throws RuntimeException the model API's own, for a file it cannot read
   */
  static Side read(byte[] content) {
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
    Element root = ((Document) model.getDocument().getDomSource().getNode()).getDocumentElement();
    Reader reader = new Reader(model.getModel(), root.getNamespaceURI());
    Map<String, Process> processes = new LinkedHashMap<>();
    Map<String, Item<Tree>> roots = new LinkedHashMap<>();
    List<Element> children = XmlTree.children(root);
    for (int i = 0; i < children.size(); i++) {
      Element child = children.get(i);
      if (XmlTree.isDiagram(child.getNamespaceURI())) {
        continue;
      }
      String key = XmlTree.key(child, i);
      if (XmlTree.localName(child).equals("process") && root.getNamespaceURI().equals(child.getNamespaceURI())) {
        processes.put(key, reader.process(child, key));
      } else {
        roots.put(key, reader.item(child, key, "", n -> false));
      }
    }
    return new Side(processes, roots, XmlTree.of(root, root.getNamespaceURI(), n -> false, false),
        XmlTree.of(root, root.getNamespaceURI(), n -> false, true));
  }

  /** What {@code after} adds, removes and changes relative to {@code before}. */
  static Comparison compare(Side before, Side after) {
    List<ElementChange> changes = new ArrayList<>();
    Comparison.addedAndRemoved(before.processes(), after.processes(), BpmnChanges::processChange, changes);
    for (Process process : after.processes().values()) {
      Process old = before.processes().get(process.self().key());
      if (old == null) {
        continue;
      }
      String id = process.self().key();
      List<String> own = XmlTree.differences(old.self().form(), process.self().form());
      if (!own.isEmpty()) {
        changes.add(new ElementChange(Kind.CHANGED, id, id, "process", process.self().name(),
            Comparison.join(own)));
      }
      Comparison.items(id, old.elements(), process.elements(),
          (a, b) -> XmlTree.differences(a.form(), b.form()), changes);
    }
    Comparison.items(DEFINITIONS, before.roots(), after.roots(),
        (a, b) -> XmlTree.differences(a.form(), b.form()), changes);
    return Comparison.of(changes, before.meaning().equals(after.meaning()), before.layout().equals(after.layout()));
  }

  private static ElementChange processChange(Kind kind, Process process) {
    Item<Tree> self = process.self();
    String detail = (process.executable() ? "executable" : "not executable") + ", "
        + process.elements().size() + " flow elements";
    return new ElementChange(kind, self.key(), self.key(), "process", self.name(), detail);
  }

  /** Reads elements of one document, classifying them by the model API's type hierarchy. */
  private record Reader(Model model, String namespace) {
    Process process(Element element, String key) {
      Map<String, Item<Tree>> elements = new LinkedHashMap<>();
      collect(element, "", elements);
      Item<Tree> self = item(element, key, "", this::inner);
      return new Process(self, Boolean.parseBoolean(XmlTree.attribute(element, "isExecutable")), elements);
    }

    /** Flow elements of a container and, depth first, of the subprocesses in it. */
    private void collect(Element container, String parent, Map<String, Item<Tree>> out) {
      List<Element> children = XmlTree.children(container);
      for (int i = 0; i < children.size(); i++) {
        Element child = children.get(i);
        if (!is(child, FlowElement.class)) {
          continue;
        }
        String key = XmlTree.key(child, i);
        if (!parent.isEmpty() && XmlTree.attribute(child, "id").isEmpty()) {
          key = parent + "/" + key;
        }
        out.putIfAbsent(key, item(child, key, parent, this::inner));
        if (is(child, SubProcess.class)) {
          collect(child, key, out);
        }
      }
    }

    /**
     * What a canonical form leaves out: contained flow elements (compared one by one), the
     * {@code incoming}/{@code outgoing} references (adding a flow would otherwise change both ends), lanes
     * and annotations (no execution meaning; the file-level note still tells they changed).
     */
    private boolean inner(Element child) {
      String local = XmlTree.localName(child);
      return is(child, FlowElement.class) || is(child, Artifact.class)
          || (namespace.equals(child.getNamespaceURI())
              && (local.equals("incoming") || local.equals("outgoing") || local.equals("laneSet")));
    }

    Item<Tree> item(Element element, String key, String parent, Predicate<Element> skip) {
      String type = XmlTree.localName(element);
      String summary = type.equals("sequenceFlow")
          ? XmlTree.attribute(element, "sourceRef") + " → " + XmlTree.attribute(element, "targetRef") : "";
      return new Item<>(key, type, XmlTree.attribute(element, "name"), parent, summary,
          XmlTree.of(element, namespace, skip, false));
    }

    private boolean is(Element element, Class<? extends ModelElementInstance> kind) {
      if (element.getNamespaceURI() == null) {
        return false;
      }
      ModelElementType type = model.getTypeForName(element.getNamespaceURI(), XmlTree.localName(element));
      return type != null && kind.isAssignableFrom(type.getInstanceType());
    }
  }
}
