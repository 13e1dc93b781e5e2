package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.BpmnModel.describe;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Participant;

/** Elements people read carry a name; Cockpit, Tasklist and reports show it instead of the id. */
final class LabelRule implements BpmnRule {
  static final RuleInfo LABEL_REQUIRED = RuleInfo.lint("bpmn-label-required", "bpmn", Severity.INFO,
      "Activities, events, deciding gateways, pools and lanes are named",
      "The name is what Cockpit, Tasklist, incidents and these reports show; an unnamed element is known"
          + " only by a generated id. Parallel and joining gateways and boundary events explain themselves.",
      "name the element in Camunda Modeler: what it does (\"Review request\"), what happened (\"Credit"
          + " approved\"), or for a gateway the question it asks (\"Approved?\")",
      "label-required");

  static final List<RuleInfo> RULES = List.of(LABEL_REQUIRED);

  @Override
  public List<Finding> check(BpmnModel model) {
    List<Finding> findings = new ArrayList<>();
    for (BpmnModel.Scope scope : model.scopes()) {
      for (FlowNode node : scope.nodes()) {
        boolean explainsItself = node instanceof ParallelGateway
            || node instanceof EventBasedGateway
            || node instanceof BoundaryEvent
            || node instanceof Gateway && scope.outgoing(node).size() <= 1;
        if (!explainsItself && blank(node.getName())) {
          findings.add(model.finding(LABEL_REQUIRED, node, describe(node) + " has no name"));
        }
      }
    }
    for (Participant participant : model.all(Participant.class)) {
      if (blank(participant.getName())) {
        findings.add(model.finding(LABEL_REQUIRED, participant, "pool (participant) has no name"));
      }
    }
    for (Lane lane : model.all(Lane.class)) {
      if (blank(lane.getName())) {
        findings.add(model.finding(LABEL_REQUIRED, lane, "lane has no name"));
      }
    }
    return findings;
  }

  private static boolean blank(String name) {
    return name == null || name.isBlank();
  }
}
