package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.BpmnModel.describe;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;

/** The diagram interchange (DI): where each element is drawn. */
final class DiagramRule implements BpmnRule {
  static final RuleInfo DIAGRAM = RuleInfo.lint("bpmn-diagram", "bpmn", Severity.WARNING,
      "Every flow node has a shape and every sequence flow an edge",
      "The engine deploys and runs a model without diagram information, but Cockpit, Tasklist and the"
          + " reports then draw nothing (or leave the element out), so nobody can see where a process stands.",
      "open the file in Camunda Modeler and save it (Modeler lays out what has no shape), or draw the"
          + " missing element",
      "no-bpmndi");

  static final List<RuleInfo> RULES = List.of(DIAGRAM);

  @Override
  public List<Finding> check(BpmnModel model) {
    List<Finding> findings = new ArrayList<>();
    if (model.all(BpmnDiagram.class).isEmpty()) {
      model.all(Process.class).stream().findFirst().ifPresent(process -> findings.add(model.finding(DIAGRAM, process,
          "the file has no diagram (no bpmndi:BPMNDiagram): Cockpit and Tasklist will show nothing")));
      return findings;
    }
    for (BpmnModel.Scope scope : model.scopes()) {
      for (FlowElement element : scope.elements()) {
        boolean drawable = element instanceof FlowNode || element instanceof SequenceFlow;
        if (drawable && element.getDiagramElement() == null) {
          String missing = element instanceof SequenceFlow ? "BPMNEdge" : "BPMNShape";
          findings.add(model.finding(DIAGRAM, element, describe(element) + " has no " + missing
              + " in the diagram: Cockpit will not show it"));
        }
      }
    }
    return findings;
  }
}
