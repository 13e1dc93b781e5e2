package dev.prometheuspipeline.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.PvmTransition;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Records the sequence flows a scenario takes (history has no table for them; process-test-coverage
 * records them the same way, with a listener on {@code take}), and stops a scenario whose thread was
 * interrupted at its next activity or flow: a model that loops without a wait state runs inside one
 * engine command, which no one else could stop.
 */
final class FlowRecorder extends AbstractBpmnParseListener {
  private final Map<String, Set<String>> taken = new HashMap<>();

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
    addListeners(processDefinition, processDefinition.getKey());
  }

  private void addListeners(ScopeImpl scope, String processKey) {
    for (ActivityImpl activity : scope.getActivities()) {
      activity.addBuiltInListener(
          ExecutionListener.EVENTNAME_START, (ExecutionListener) execution -> stopWhenInterrupted());
      for (PvmTransition outgoing : activity.getOutgoingTransitions()) {
        TransitionImpl transition = (TransitionImpl) outgoing;
        String flowId = transition.getId();
        transition.addBuiltInListener(
            ExecutionListener.EVENTNAME_TAKE, (ExecutionListener) execution -> took(processKey, flowId));
      }
      addListeners(activity, processKey);
    }
  }

  private void took(String processKey, String flowId) {
    stopWhenInterrupted();
    synchronized (taken) {
      taken.computeIfAbsent(processKey, key -> new TreeSet<>()).add(flowId);
    }
  }

  private static void stopWhenInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new ScenarioStopped();
    }
  }

  /** The flows taken since the last call, per process key. */
  Map<String, Set<String>> takeFlows() {
    synchronized (taken) {
      Map<String, Set<String>> flows = new HashMap<>(taken);
      taken.clear();
      return flows;
    }
  }

  /** Thrown inside the engine when the scenario's time is up; rolls back the command it interrupts. */
  static final class ScenarioStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScenarioStopped() {
      super("the scenario was stopped: it ran past its time limit", null, false, false);
    }
  }
}
