package dev.prometheuspipeline.validate;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Definitions;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * A BPMN file read with Camunda's model API, as the lint rules see it: typed elements, and a way back
 * from an element to the line the pre-parse saw it on.
 */
record BpmnModel(CheckedFile file, BpmnModelInstance instance) {
  BpmnModel {
    requireNonNull(file, "file");
    requireNonNull(instance, "instance");
  }

  /**
   * The model, or empty when the model API cannot read the file: then the engine parse has already
   * reported why (it validates the same schema), and a second finding would only repeat it.
   */
  static Optional<BpmnModel> read(CheckedFile file) {
    // A fragment (bpmn-moddle's test fixtures: a lone <timerEventDefinition>, a <process> without
    // <definitions>) reads, but the engine deploys nothing from it; the rules would judge elements
    // that never run, and their lookups of parents and definitions find none.
    return file.bpmn().filter(instance -> instance.getDocumentElement() instanceof Definitions)
        .map(instance -> new BpmnModel(file, instance));
  }

  /** A process or sub-process and the flow elements directly inside it. */
  record Scope(BaseElement owner, Collection<FlowElement> elements) {
    Scope {
      // The model API's collection reads the DOM again on every pass; the rules pass over it many times.
      elements = List.copyOf(elements);
    }

    List<FlowNode> nodes() {
      return elements.stream().filter(FlowNode.class::isInstance).map(FlowNode.class::cast).toList();
    }

    List<SequenceFlow> flows() {
      return elements.stream().filter(SequenceFlow.class::isInstance).map(SequenceFlow.class::cast).toList();
    }

    /** Sequence flows into {@code node}, counted from the flows' own refs: hand-written files often omit {@code <incoming>}. */
    List<SequenceFlow> incoming(FlowNode node) {
      return flows().stream().filter(flow -> flow.getTarget() == node).toList();
    }

    List<SequenceFlow> outgoing(FlowNode node) {
      return flows().stream().filter(flow -> flow.getSource() == node).toList();
    }

    boolean isSubProcess() {
      return owner instanceof SubProcess;
    }

    boolean isEventSubProcess() {
      return owner instanceof SubProcess sub && sub.triggeredByEvent();
    }
  }

  <T extends ModelElementInstance> Collection<T> all(Class<T> type) {
    return instance.getModelElementsByType(type);
  }

  /** Every process and every sub-process (event sub-processes and transactions included), outermost first. */
  List<Scope> scopes() {
    List<Scope> scopes = new ArrayList<>();
    for (Process process : all(Process.class)) {
      scopes.add(new Scope(process, process.getFlowElements()));
    }
    for (SubProcess sub : all(SubProcess.class)) {
      scopes.add(new Scope(sub, sub.getFlowElements()));
    }
    return scopes;
  }

  Finding finding(RuleInfo rule, ModelElementInstance element, String message) {
    return finding(rule, element, message, rule.fix());
  }

  /** A finding at {@code element}, or at the nearest enclosing element with an id when it has none. */
  Finding finding(RuleInfo rule, ModelElementInstance element, String message, String fix) {
    String id = idOf(element);
    return file.findingOn(id, Location.UNKNOWN, rule.id(), rule.defaultSeverity(), message, fix);
  }

  static String idOf(ModelElementInstance element) {
    for (ModelElementInstance at = element; at != null; at = at.getParentElement()) {
      if (at instanceof BaseElement base && base.getId() != null && !base.getId().isBlank()) {
        return base.getId();
      }
    }
    return "";
  }

  /** How people recognise an element in a message: {@code user task 'Review request'}. */
  static String describe(ModelElementInstance element) {
    String kind = element.getElementType().getTypeName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    if (element instanceof FlowElement flow && flow.getName() != null && !flow.getName().isBlank()) {
      // Modeler keeps line breaks typed into names; a finding is one line.
      return kind + " '" + flow.getName().strip().replaceAll("\\s+", " ") + "'";
    }
    return kind;
  }
}
