package dev.prometheuspipeline.validate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.bpmn.instance.BaseElement;

/**
 * One element of a process's data-flow graph: what it reads before it runs and writes when done (filled
 * from the model by {@link ElementVariables}), and where the flow goes and what reaches it (filled by
 * {@link FlowGraph}).
 */
final class FlowStep {
  final BaseElement element;
  final Set<String> reads = new LinkedHashSet<>();
  final Set<String> local = new LinkedHashSet<>();
  final Set<String> writes = new LinkedHashSet<>();
  final Set<String> laterReads = new LinkedHashSet<>();
  final List<FlowStep> next = new ArrayList<>();
  /** From sourceRef and targetRef: hand-written models often lack the incoming and outgoing children. */
  final List<FlowStep> outgoing = new ArrayList<>();
  boolean hasIncoming;
  boolean writesAnything;
  Written start;
  Written in;

  FlowStep(BaseElement element) {
    this.element = element;
  }

  String label() {
    String name = element.getAttributeValue("name");
    return name == null || name.isBlank() ? element.getId() : name.strip();
  }

  /** What some path may have written: a set of names, or anything. */
  record Written(boolean anything, Set<String> names) {
    static final Written ANYTHING = new Written(true, Set.of());

    boolean has(String name) {
      return anything || names.contains(name);
    }

    Written with(Collection<String> more, boolean orAnything) {
      if (anything || orAnything) {
        return ANYTHING;
      }
      Set<String> all = new LinkedHashSet<>(names);
      all.addAll(more);
      return new Written(false, all);
    }

    Written union(Written other) {
      return other == null ? this : with(other.names, other.anything);
    }
  }
}
