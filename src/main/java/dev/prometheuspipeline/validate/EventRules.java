package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.BpmnModel.describe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.ThrowEvent;

/** Start events that fit their scope, one definition per event, and link events that pair up. */
final class EventRules implements BpmnRule {
  static final RuleInfo SINGLE_BLANK_START_EVENT = new RuleInfo("bpmn-single-blank-start-event", "bpmn",
      Severity.ERROR, true,
      "A process or sub-process has at most one blank start event",
      "The engine refuses a process with two none (or timer) start events, and a sub-process with two start"
          + " events: it could not tell where to begin.",
      "keep one blank start event; give the others a message or signal definition, or delete them",
      List.of("single-blank-start-event"));
  static final RuleInfo SINGLE_EVENT_DEFINITION = RuleInfo.lint("bpmn-single-event-definition", "bpmn",
      Severity.WARNING,
      "An event has at most one event definition",
      "Camunda 7 does not implement multiple (or parallel multiple) events: it acts on one definition and"
          + " ignores the others, so the diagram promises triggers that never fire.",
      "split the event into one event per trigger (an event-based gateway chooses among catch events)",
      "single-event-definition");
  static final RuleInfo SUB_PROCESS_BLANK_START_EVENT = new RuleInfo("bpmn-sub-process-blank-start-event", "bpmn",
      Severity.ERROR, true,
      "An embedded sub-process starts with a blank start event",
      "An embedded sub-process is entered by its incoming flow; the engine refuses message, timer, signal"
          + " and other typed start events there.",
      "remove the event definition from the start event, or make the sub-process an event sub-process",
      List.of("sub-process-blank-start-event"));
  static final RuleInfo EVENT_SUB_PROCESS_TYPED_START_EVENT = new RuleInfo(
      "bpmn-event-sub-process-typed-start-event", "bpmn", Severity.ERROR, true,
      "An event sub-process starts with a typed start event",
      "An event sub-process is started by its trigger (message, timer, error, signal, escalation,"
          + " compensation, condition); the engine refuses one whose start event has none.",
      "give the start event the definition of the event that should start the sub-process",
      List.of("event-sub-process-typed-start-event"));
  static final RuleInfo LINK_EVENT = RuleInfo.lint("bpmn-link-event", "bpmn", Severity.WARNING,
      "Link events are named and pair up within their scope",
      "A throwing link event jumps to the catching link event of the same name in the same scope; an"
          + " unnamed link, a throw without a catch, or two catches with one name cannot be followed.",
      "name each link event definition, and give every throwing link exactly one catching link of the same"
          + " name in the same process or sub-process",
      "link-event");

  static final List<RuleInfo> RULES = List.of(SINGLE_BLANK_START_EVENT, SINGLE_EVENT_DEFINITION,
      SUB_PROCESS_BLANK_START_EVENT, EVENT_SUB_PROCESS_TYPED_START_EVENT, LINK_EVENT);

  @Override
  public List<Finding> check(BpmnModel model) {
    List<Finding> findings = new ArrayList<>();
    for (BpmnModel.Scope scope : model.scopes()) {
      startEvents(model, scope, findings);
      links(model, scope, findings);
      for (FlowNode node : scope.nodes()) {
        if (node instanceof Event event && definitions(event).size() > 1) {
          findings.add(model.finding(SINGLE_EVENT_DEFINITION, node,
              describe(node) + " has " + definitions(event).size() + " event definitions; Camunda 7 uses one"));
        }
      }
    }
    return findings;
  }

  private static void startEvents(BpmnModel model, BpmnModel.Scope scope, List<Finding> findings) {
    List<StartEvent> starts = scope.nodes().stream()
        .filter(StartEvent.class::isInstance).map(StartEvent.class::cast).toList();
    List<StartEvent> blank = starts.stream().filter(start -> start.getEventDefinitions().isEmpty()).toList();
    String what = scope.isSubProcess() ? "sub-process" : "process";
    for (StartEvent extra : blank.stream().skip(1).toList()) {
      findings.add(model.finding(SINGLE_BLANK_START_EVENT, extra,
          describe(extra) + " is a second blank start event of its " + what + " (the first is '"
              + blank.get(0).getId() + "')"));
    }
    for (StartEvent start : starts) {
      if (scope.isEventSubProcess() && start.getEventDefinitions().isEmpty()) {
        findings.add(model.finding(EVENT_SUB_PROCESS_TYPED_START_EVENT, start,
            describe(start) + " of event sub-process '" + scope.owner().getId() + "' has no event definition"));
      } else if (scope.isSubProcess() && !scope.isEventSubProcess() && !start.getEventDefinitions().isEmpty()) {
        findings.add(model.finding(SUB_PROCESS_BLANK_START_EVENT, start,
            describe(start) + " of embedded sub-process '" + scope.owner().getId() + "' has a "
                + kind(start.getEventDefinitions().iterator().next()) + " definition"));
      }
    }
  }

  private static void links(BpmnModel model, BpmnModel.Scope scope, List<Finding> findings) {
    Map<String, IntermediateCatchEvent> catches = new HashMap<>();
    List<IntermediateThrowEvent> throwsWithName = new ArrayList<>();
    for (FlowNode node : scope.nodes()) {
      Optional<LinkEventDefinition> link = link(node);
      if (link.isEmpty()) {
        continue;
      }
      String name = link.get().getName() == null ? "" : link.get().getName().strip();
      if (name.isEmpty()) {
        findings.add(model.finding(LINK_EVENT, node, describe(node) + " has a link event definition without a name"));
      } else if (node instanceof IntermediateCatchEvent catchEvent) {
        if (catches.putIfAbsent(name, catchEvent) != null) {
          findings.add(model.finding(LINK_EVENT, node, describe(node) + " catches link '" + name
              + "', as '" + catches.get(name).getId() + "' already does"));
        }
      } else if (node instanceof IntermediateThrowEvent throwEvent) {
        throwsWithName.add(throwEvent);
      }
    }
    for (IntermediateThrowEvent throwEvent : throwsWithName) {
      String name = link(throwEvent).orElseThrow().getName().strip();
      if (!catches.containsKey(name)) {
        findings.add(model.finding(LINK_EVENT, throwEvent,
            describe(throwEvent) + " throws link '" + name + "' but no link event in its scope catches it"));
      }
    }
  }

  private static Optional<LinkEventDefinition> link(FlowNode node) {
    if (!(node instanceof IntermediateCatchEvent || node instanceof IntermediateThrowEvent)) {
      return Optional.empty();
    }
    return definitions((Event) node).stream()
        .filter(LinkEventDefinition.class::isInstance).map(LinkEventDefinition.class::cast)
        .findFirst();
  }

  static Collection<EventDefinition> definitions(Event event) {
    if (event instanceof CatchEvent catchEvent) {
      return catchEvent.getEventDefinitions();
    }
    if (event instanceof ThrowEvent throwEvent) {
      return throwEvent.getEventDefinitions();
    }
    return List.of();
  }

  private static String kind(EventDefinition definition) {
    return definition.getElementType().getTypeName().replace("EventDefinition", "");
  }
}
