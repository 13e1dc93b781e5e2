package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.BpmnModel.describe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ComplexGateway;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;

/**
 * How sequence flows connect a process: where it starts and ends, nodes nothing reaches, and splits
 * and joins made without a gateway. The engine runs all of these; they are hard to read and easy to
 * get wrong, so they are warnings.
 */
final class FlowRules implements BpmnRule {
  static final RuleInfo START_EVENT_REQUIRED = RuleInfo.lint("bpmn-start-event-required", "bpmn", Severity.WARNING,
      "Every process and sub-process has a start event",
      "Without a start event a reader cannot tell where the process begins, and the engine cannot start a"
          + " process by key or enter a sub-process that has none.",
      "add a start event and connect it to the first activity",
      "start-event-required");
  static final RuleInfo END_EVENT_REQUIRED = RuleInfo.lint("bpmn-end-event-required", "bpmn", Severity.WARNING,
      "Every process and sub-process has an end event",
      "An explicit end event shows where and with which outcome a path finishes; implicit ends hide it.",
      "add an end event, named after the outcome, at the end of each path",
      "end-event-required");
  static final RuleInfo NO_DISCONNECTED = RuleInfo.lint("bpmn-no-disconnected", "bpmn", Severity.WARNING,
      "Every flow node is connected by sequence flows",
      "A node with neither incoming nor outgoing sequence flows is never reached (or, as a start, leads"
          + " nowhere): usually a forgotten connection.",
      "connect the element with sequence flows, or delete it",
      "no-disconnected");
  static final RuleInfo NO_IMPLICIT_SPLIT = RuleInfo.lint("bpmn-no-implicit-split", "bpmn", Severity.WARNING,
      "Paths split at a gateway, not at an activity or event",
      "Several unconditional flows leaving a task or event all run in parallel, which readers take for a"
          + " choice; a parallel gateway says what is meant.",
      "split the paths with a parallel (or exclusive) gateway after the element",
      "no-implicit-split");
  static final RuleInfo NO_IMPLICIT_JOIN = RuleInfo.lint("bpmn-no-implicit-join", "bpmn", Severity.WARNING,
      "Paths join at a gateway, not at an event",
      "An intermediate or end event with several incoming flows fires once per arriving token; a gateway"
          + " in front of it says whether paths are merged or synchronised.",
      "join the paths with an exclusive (merge) or parallel (synchronise) gateway before the event");
  static final RuleInfo FAKE_JOIN = RuleInfo.lint("bpmn-fake-join", "bpmn", Severity.WARNING,
      "Paths join at a gateway, not at an activity",
      "An activity with several incoming flows runs once per arriving token; it does not wait for the"
          + " other paths, which a reader often assumes.",
      "join the paths with an exclusive (merge) or parallel (synchronise) gateway before the activity",
      "fake-join");
  static final RuleInfo NO_DUPLICATE_SEQUENCE_FLOWS = RuleInfo.lint("bpmn-no-duplicate-sequence-flows", "bpmn",
      Severity.WARNING,
      "No two sequence flows connect the same elements the same way",
      "Two identical flows send two tokens down the same path: the target runs twice. Usually an"
          + " accidental copy hidden under the other in the diagram.",
      "delete one of the duplicate sequence flows",
      "no-duplicate-sequence-flows");

  static final List<RuleInfo> RULES = List.of(START_EVENT_REQUIRED, END_EVENT_REQUIRED, NO_DISCONNECTED,
      NO_IMPLICIT_SPLIT, NO_IMPLICIT_JOIN, FAKE_JOIN, NO_DUPLICATE_SEQUENCE_FLOWS);

  @Override
  public List<Finding> check(BpmnModel model) {
    List<Finding> findings = new ArrayList<>();
    for (BpmnModel.Scope scope : model.scopes()) {
      // An empty pool is a black box (a partner's process): nothing to start or end.
      boolean adHoc = "adHocSubProcess".equals(scope.owner().getElementType().getTypeName());
      if (!scope.nodes().isEmpty() && !adHoc) {
        startAndEnd(model, scope, findings);
      }
      Set<String> seenFlows = new HashSet<>();
      for (SequenceFlow flow : scope.flows()) {
        duplicate(model, flow, seenFlows, findings);
      }
      for (FlowNode node : scope.nodes()) {
        connections(model, scope, node, adHoc, findings);
      }
    }
    return findings;
  }

  private static void startAndEnd(BpmnModel model, BpmnModel.Scope scope, List<Finding> findings) {
    String what = scope.isSubProcess() ? "sub-process" : "process";
    if (scope.nodes().stream().noneMatch(StartEvent.class::isInstance)) {
      findings.add(model.finding(START_EVENT_REQUIRED, scope.owner(), what + " has no start event"));
    }
    // An event sub-process ends where its handler ends; bpmnlint asks for an end there too.
    if (scope.nodes().stream().noneMatch(EndEvent.class::isInstance)) {
      findings.add(model.finding(END_EVENT_REQUIRED, scope.owner(), what + " has no end event"));
    }
  }

  private static void duplicate(BpmnModel model, SequenceFlow flow, Set<String> seen, List<Finding> findings) {
    if (flow.getSource() == null || flow.getTarget() == null) {
      return;
    }
    String condition = flow.getConditionExpression() == null ? "" : flow.getConditionExpression().getTextContent().strip();
    String key = flow.getSource().getId() + "\u0000" + flow.getTarget().getId() + "\u0000" + condition;
    if (!seen.add(key)) {
      findings.add(model.finding(NO_DUPLICATE_SEQUENCE_FLOWS, flow,
          "sequence flow repeats another flow from '" + flow.getSource().getId() + "' to '"
              + flow.getTarget().getId() + "'" + (condition.isEmpty() ? "" : " with the same condition")));
    }
  }

  private static void connections(BpmnModel model, BpmnModel.Scope scope, FlowNode node, boolean adHoc,
      List<Finding> findings) {
    List<SequenceFlow> incoming = scope.incoming(node);
    List<SequenceFlow> outgoing = scope.outgoing(node);
    boolean exempt = adHoc
        || node instanceof BoundaryEvent
        || (node instanceof SubProcess sub && sub.triggeredByEvent())
        || (node instanceof Activity activity && activity.isForCompensation())
        || (node instanceof StartEvent && scope.isEventSubProcess());
    if (!exempt && incoming.isEmpty() && outgoing.isEmpty()) {
      findings.add(model.finding(NO_DISCONNECTED, node, describe(node) + " has no incoming or outgoing sequence flow"));
    }
    if (node instanceof Gateway) {
      return;
    }
    List<SequenceFlow> unconditional = outgoing.stream()
        .filter(flow -> flow.getConditionExpression() == null && !isDefault(node, flow))
        .toList();
    if (unconditional.size() > 1) {
      findings.add(model.finding(NO_IMPLICIT_SPLIT, node,
          describe(node) + " splits into " + unconditional.size() + " unconditional flows ("
              + ids(unconditional) + ") without a gateway; all of them run"));
    }
    if (incoming.size() > 1) {
      String message = describe(node) + " has " + incoming.size() + " incoming flows (" + ids(incoming)
          + ") and runs once per arriving token; nothing joins them";
      if (node instanceof Activity) {
        findings.add(model.finding(FAKE_JOIN, node, message));
      } else if (node instanceof Event) {
        findings.add(model.finding(NO_IMPLICIT_JOIN, node, message));
      }
    }
  }

  static boolean isDefault(FlowNode node, SequenceFlow flow) {
    return node instanceof Activity activity && activity.getDefault() == flow
        || node instanceof ExclusiveGateway exclusive && exclusive.getDefault() == flow
        || node instanceof InclusiveGateway inclusive && inclusive.getDefault() == flow
        || node instanceof ComplexGateway complex && complex.getDefault() == flow;
  }

  static String ids(List<SequenceFlow> flows) {
    return String.join(", ", flows.stream()
        .map(flow -> flow.getId() == null ? "a flow without id" : "'" + flow.getId() + "'").toList());
  }
}
