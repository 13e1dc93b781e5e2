package dev.prometheuspipeline.validate;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.bpmn.instance.ComplexGateway;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;

/** Gateways that decide without conditions, do nothing, or do two jobs at once. */
final class GatewayRules implements BpmnRule {
  static final RuleInfo CONDITIONAL_FLOWS = RuleInfo.lint("bpmn-conditional-flows", "bpmn", Severity.WARNING,
      "Every flow out of a deciding gateway has a condition or is the default",
      "At an exclusive gateway the engine takes a flow without condition as if it were true (or, with a"
          + " default set, refuses the model); at an inclusive gateway such a flow is always taken. Either way"
          + " the diagram says a decision is made where none is.",
      "give the flow a condition expression, or make it the gateway's default flow",
      "conditional-flows");
  static final RuleInfo NO_GATEWAY_JOIN_FORK = RuleInfo.lint("bpmn-no-gateway-join-fork", "bpmn", Severity.WARNING,
      "A gateway either joins or forks, not both",
      "A gateway that both joins and splits hides which of the two it does first; two gateways say it.",
      "use one gateway to join the incoming paths and a second one after it to split",
      "no-gateway-join-fork");
  static final RuleInfo SUPERFLUOUS_GATEWAY = RuleInfo.lint("bpmn-superfluous-gateway", "bpmn", Severity.WARNING,
      "A gateway has several incoming or several outgoing flows",
      "A gateway with one flow in and one flow out decides and joins nothing; it only makes the diagram"
          + " longer.",
      "delete the gateway and connect its incoming flow to its target",
      "superfluous-gateway");
  static final RuleInfo NO_COMPLEX_GATEWAY = RuleInfo.lint("bpmn-no-complex-gateway", "bpmn", Severity.ERROR,
      "No complex gateways",
      "Camunda 7 does not implement the complex gateway: it ignores the element with a warning, and the"
          + " flows that touch it then point at nothing.",
      "model the behaviour with exclusive, inclusive or parallel gateways",
      "no-complex-gateway");

  static final List<RuleInfo> RULES =
      List.of(CONDITIONAL_FLOWS, NO_GATEWAY_JOIN_FORK, SUPERFLUOUS_GATEWAY, NO_COMPLEX_GATEWAY);

  @Override
  public List<Finding> check(BpmnModel model) {
    List<Finding> findings = new ArrayList<>();
    for (BpmnModel.Scope scope : model.scopes()) {
      for (FlowNode node : scope.nodes()) {
        if (node instanceof Gateway gateway) {
          check(model, scope, gateway, findings);
        }
      }
    }
    return findings;
  }

  private static void check(BpmnModel model, BpmnModel.Scope scope, Gateway gateway, List<Finding> findings) {
    List<SequenceFlow> incoming = scope.incoming(gateway);
    List<SequenceFlow> outgoing = scope.outgoing(gateway);
    String what = BpmnModel.describe(gateway);
    if (gateway instanceof ComplexGateway) {
      findings.add(model.finding(NO_COMPLEX_GATEWAY, gateway, what + " is not supported by Camunda 7"));
    }
    if ((gateway instanceof ExclusiveGateway || gateway instanceof InclusiveGateway) && outgoing.size() > 1) {
      for (SequenceFlow flow : outgoing) {
        if (flow.getConditionExpression() == null && !FlowRules.isDefault(gateway, flow)) {
          findings.add(model.finding(CONDITIONAL_FLOWS, gateway,
              what + " has outgoing sequence flow '" + flow.getId() + "' without condition that is not the"
                  + " default flow",
              "give '" + flow.getId() + "' a condition, or make it the default flow of '" + gateway.getId() + "'"));
        }
      }
    }
    if (incoming.size() > 1 && outgoing.size() > 1) {
      findings.add(model.finding(NO_GATEWAY_JOIN_FORK, gateway,
          what + " joins " + incoming.size() + " flows and forks into " + outgoing.size()));
    }
    if (incoming.size() == 1 && outgoing.size() == 1) {
      findings.add(model.finding(SUPERFLUOUS_GATEWAY, gateway,
          what + " has one incoming and one outgoing flow; it neither decides nor joins"));
    }
  }
}
