package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.validate.FlowStep.Written;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The paths through a process: links each step to the ones that may run after it (sequence flows, link
 * events, subprocess entries and exits, boundary events), marks where the flow starts and with what, and
 * spreads along the paths what each step may have written before it runs.
 */
final class FlowGraph {
  private FlowGraph() {}

  /**
   * Fills in {@link FlowStep#next}, {@link FlowStep#start} and {@link FlowStep#in} of {@code steps}; a step
   * left without {@code in} is unreachable.
   *
   * @param declared what a none start event of {@code process} is known to bring
   */
  static void connect(Process process, Map<BaseElement, FlowStep> steps, Written declared) {
    link(process, steps);
    roots(process, steps, declared);
    propagate(steps);
  }

  private static void link(ModelElementInstance process, Map<BaseElement, FlowStep> steps) {
    for (FlowStep step : steps.values()) {
      if (step.element instanceof SequenceFlow flow) {
        Optional.ofNullable(steps.get(flow.getSource())).ifPresent(source -> source.outgoing.add(step));
        Optional.ofNullable(steps.get(flow.getTarget())).ifPresent(target -> target.hasIncoming = true);
      }
    }
    Map<String, List<FlowStep>> linkTargets = new HashMap<>();
    for (FlowStep step : steps.values()) {
      if (step.element instanceof CatchEvent catchEvent) {
        for (LinkEventDefinition link : catchEvent.getChildElementsByType(LinkEventDefinition.class)) {
          linkTargets.computeIfAbsent(String.valueOf(link.getName()), k -> new ArrayList<>()).add(step);
        }
      }
    }
    for (FlowStep step : steps.values()) {
      BaseElement element = step.element;
      if (element instanceof SequenceFlow flow) {
        Optional.ofNullable(steps.get(flow.getTarget())).ifPresent(step.next::add);
      } else if (element instanceof SubProcess sub && !sub.triggeredByEvent()) {
        List<FlowStep> entries = entries(sub, steps);
        if (entries.isEmpty()) {
          outgoing(sub, steps).forEach(step.next::add);
        } else {
          step.next.addAll(entries);
          for (FlowStep inner : inside(sub, steps)) {
            if (inner.element instanceof FlowNode innerNode && inner.outgoing.isEmpty()
                && !(inner.element instanceof SubProcess innerSub && innerSub.triggeredByEvent())) {
              outgoing(sub, steps).forEach(inner.next::add);
            }
          }
        }
      } else if (element instanceof FlowNode node) {
        outgoing(node, steps).forEach(step.next::add);
        if (node instanceof IntermediateThrowEvent throwEvent) {
          for (LinkEventDefinition link : throwEvent.getChildElementsByType(LinkEventDefinition.class)) {
            step.next.addAll(linkTargets.getOrDefault(String.valueOf(link.getName()), List.of()));
          }
        }
      }
    }
    for (FlowStep step : steps.values()) {
      if (step.element instanceof BoundaryEvent boundary && boundary.getAttachedTo() != null) {
        FlowStep attached = steps.get(boundary.getAttachedTo());
        if (attached != null) {
          attached.next.add(step);
          if (boundary.getAttachedTo() instanceof SubProcess sub) {
            // Interrupted anywhere inside: whatever was written inside may have been written.
            inside(sub, steps).forEach(inner -> inner.next.add(step));
          }
        }
      }
    }
  }

  private static List<FlowStep> outgoing(FlowNode node, Map<BaseElement, FlowStep> steps) {
    FlowStep step = steps.get(node);
    return step == null ? List.of() : step.outgoing;
  }

  /** Where a subprocess starts: its start events, or its elements without incoming flows. */
  private static List<FlowStep> entries(SubProcess sub, Map<BaseElement, FlowStep> steps) {
    List<FlowStep> entries = new ArrayList<>();
    for (FlowNode node : sub.getChildElementsByType(FlowNode.class)) {
      FlowStep step = steps.get(node);
      if (step != null && isEntry(step)) {
        entries.add(step);
      }
    }
    return entries;
  }

  private static boolean isEntry(FlowStep step) {
    if (!(step.element instanceof FlowNode node)) {
      return false;
    }
    return !step.hasIncoming && !(node instanceof BoundaryEvent)
        && !(node instanceof SubProcess sub && sub.triggeredByEvent())
        && !isCompensation(node) && !isLinkCatch(node);
  }

  private static boolean isCompensation(FlowNode node) {
    return "true".equals(node.getAttributeValue("isForCompensation"));
  }

  private static boolean isLinkCatch(FlowNode node) {
    return node instanceof CatchEvent catchEvent && !catchEvent.getChildElementsByType(LinkEventDefinition.class).isEmpty();
  }

  /** Every step nested in {@code sub}, at any depth. */
  private static List<FlowStep> inside(SubProcess sub, Map<BaseElement, FlowStep> steps) {
    List<FlowStep> inner = new ArrayList<>();
    for (FlowElement element : sub.getChildElementsByType(FlowElement.class)) {
      Optional.ofNullable(steps.get(element)).ifPresent(inner::add);
      if (element instanceof SubProcess nested) {
        inner.addAll(inside(nested, steps));
      }
    }
    return inner;
  }

  private static void roots(Process process, Map<BaseElement, FlowStep> steps, Written declared) {
    for (FlowNode node : process.getChildElementsByType(FlowNode.class)) {
      FlowStep step = steps.get(node);
      if (step == null || !isEntry(step)) {
        continue;
      }
      if (node instanceof StartEvent start && start.getEventDefinitions().isEmpty()) {
        step.start = declared;
      } else if (node instanceof StartEvent start
          && start.getEventDefinitions().stream().allMatch(d -> d instanceof TimerEventDefinition)) {
        step.start = declared.anything() ? Written.ANYTHING : new Written(false, Set.of());
      } else {
        step.start = Written.ANYTHING;
      }
    }
    for (FlowStep step : steps.values()) {
      boolean eventSubprocessStart = step.element instanceof StartEvent
          && step.element.getParentElement() instanceof SubProcess sub && sub.triggeredByEvent();
      boolean compensation = step.element instanceof FlowNode node && isCompensation(node);
      if (eventSubprocessStart || compensation) {
        step.start = Written.ANYTHING;
      }
    }
  }

  private static void propagate(Map<BaseElement, FlowStep> steps) {
    Deque<FlowStep> work = new ArrayDeque<>();
    for (FlowStep step : steps.values()) {
      if (step.start != null) {
        step.in = step.start;
        work.add(step);
      }
    }
    while (!work.isEmpty()) {
      FlowStep step = work.poll();
      Written out = step.in.with(step.writes, step.writesAnything);
      for (FlowStep next : step.next) {
        Written merged = out.union(next.in);
        if (!merged.equals(next.in)) {
          next.in = merged;
          work.add(next);
        }
      }
    }
  }

  /** The shortest path of element names from a start to {@code target}, sequence flows left out unless named. */
  static List<String> path(Map<BaseElement, FlowStep> steps, FlowStep target) {
    Map<FlowStep, FlowStep> previous = new HashMap<>();
    Deque<FlowStep> queue = new ArrayDeque<>();
    for (FlowStep step : steps.values()) {
      if (step.start != null) {
        previous.put(step, step);
        queue.add(step);
      }
    }
    while (!queue.isEmpty() && !previous.containsKey(target)) {
      FlowStep step = queue.poll();
      for (FlowStep next : step.next) {
        if (!previous.containsKey(next)) {
          previous.put(next, step);
          queue.add(next);
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (FlowStep step = target; step != null; ) {
      boolean unnamedFlow = step.element instanceof SequenceFlow && step.element.getAttributeValue("name") == null;
      if (!unnamedFlow || step == target) {
        names.add(0, step.label());
      }
      FlowStep before = previous.get(step);
      step = before == step ? null : before;
    }
    return names;
  }
}
