package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.testing.Coverage.DecisionCoverage;
import dev.prometheuspipeline.testing.Coverage.Element;
import dev.prometheuspipeline.testing.Coverage.ProcessCoverage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Counts a release's coverage from its models and the merged trace of its tests.
 *
 * <p>What counts follows camunda-community-hub/camunda-process-test-coverage (the Camunda 7 engine's
 * {@code ExecutionContextModelProvider} and the Sonar plugin's {@code ReportImporter}): every {@code FlowNode}
 * whose enclosing process is the executable process, at any depth, so tasks, events, gateways, boundary
 * events, embedded and event sub-processes and their contents all count; except intermediate throw events
 * with a link definition, which the engine jumps over. A sequence flow counts when its source counts.
 * A process's coverage is the distinct counted ids the tests passed divided by that total. Across processes
 * we sum covered and total over every executable process, tested or not, as the Sonar plugin's project figure
 * does; the library's suite figure skips processes no test started, which would let an untested process
 * vanish from a release gate.
 */
public final class CoverageCounter {
  private CoverageCounter() {}

  /**
   * The coverage of {@code models} (BPMN and DMN; other types are ignored) given everything the tests did.
   *
   * @throws CoverageException when a model cannot be read; models reach this stage validated, so that is a bug
   */
  public static Coverage count(List<FetchedArtifact> models, ExecutionTrace trace) {
    requireNonNull(models, "models");
    requireNonNull(trace, "trace");
    List<ProcessCoverage> processes = new ArrayList<>();
    List<DecisionCoverage> decisions = new ArrayList<>();
    for (FetchedArtifact model : models) {
      if (model.type() == ArtifactType.BPMN) {
        processes.addAll(processes(model, trace));
      } else if (model.type() == ArtifactType.DMN) {
        decisions.addAll(decisions(model, trace));
      }
    }
    return new Coverage(processes, decisions);
  }

  private static List<ProcessCoverage> processes(FetchedArtifact model, ExecutionTrace trace) {
    BpmnModelInstance bpmn = readBpmn(model);
    List<ProcessCoverage> found = new ArrayList<>();
    for (Process process : bpmn.getModelElementsByType(Process.class)) {
      if (!process.isExecutable()) {
        continue;
      }
      String key = process.getId();
      Set<String> entered = trace.flowNodes().getOrDefault(key, Set.of());
      Set<String> taken = trace.sequenceFlows().getOrDefault(key, Set.of());
      Set<String> nodeIds = new LinkedHashSet<>();
      Set<String> covered = new TreeSet<>();
      List<Element> uncovered = new ArrayList<>();
      for (FlowNode node : bpmn.getModelElementsByType(FlowNode.class)) {
        if (counts(node, key)) {
          nodeIds.add(node.getId());
          tally(node, entered, covered, uncovered);
        }
      }
      int flows = 0;
      for (SequenceFlow flow : bpmn.getModelElementsByType(SequenceFlow.class)) {
        if (flow.getSource() != null && nodeIds.contains(flow.getSource().getId())) {
          flows++;
          tally(flow, taken, covered, uncovered);
        }
      }
      found.add(new ProcessCoverage(model.path(), key, nameOf(process.getName()), nodeIds.size(), flows, covered,
          uncovered));
    }
    return found;
  }

  private static void tally(FlowElement element, Set<String> passed, Set<String> covered, List<Element> uncovered) {
    if (passed.contains(element.getId())) {
      covered.add(element.getId());
    } else {
      uncovered.add(new Element(element.getId(), nameOf(element.getName()), element.getElementType().getTypeName()));
    }
  }

  private static boolean counts(ModelElementInstance element, String processKey) {
    for (ModelElementInstance at = element; at != null; at = at.getParentElement()) {
      if (at instanceof IntermediateThrowEvent throwEvent
          && throwEvent.getEventDefinitions().stream().anyMatch(LinkEventDefinition.class::isInstance)) {
        return false;
      }
      if (at instanceof Process process) {
        return process.isExecutable() && processKey.equals(process.getId());
      }
    }
    return false;
  }

  private static List<DecisionCoverage> decisions(FetchedArtifact model, ExecutionTrace trace) {
    DmnModelInstance dmn = readDmn(model);
    List<DecisionCoverage> found = new ArrayList<>();
    for (Decision decision : dmn.getModelElementsByType(Decision.class)) {
      if (!(decision.getExpression() instanceof DecisionTable table)) {
        continue;
      }
      Set<String> firedInTrace = trace.rules().getOrDefault(decision.getId(), Set.of());
      Set<String> fired = new TreeSet<>();
      List<Element> unfired = new ArrayList<>();
      int index = 0;
      for (Rule rule : table.getRules()) {
        index++;
        // DMN makes rule ids optional; the engine then reports none, so such a rule can only show as unfired.
        String id = rule.getId() == null ? "#" + index : rule.getId();
        if (firedInTrace.contains(id)) {
          fired.add(id);
        } else {
          unfired.add(new Element(id, ruleName(rule, index), "rule"));
        }
      }
      found.add(new DecisionCoverage(model.path(), decision.getId(), nameOf(decision.getName()), index, fired,
          unfired));
    }
    return found;
  }

  // Modeler shows a rule by its row number and its annotation column, the rule's description.
  private static String ruleName(Rule rule, int index) {
    String description = rule.getDescription() == null ? "" : nameOf(rule.getDescription().getTextContent());
    return description.isBlank() ? "Rule " + index : "Rule " + index + ": " + description;
  }

  private static String nameOf(String name) {
    return name == null ? "" : name.strip();
  }

  private static BpmnModelInstance readBpmn(FetchedArtifact model) {
    try {
      return Bpmn.readModelFromStream(new ByteArrayInputStream(model.content()));
    } catch (RuntimeException e) {
      throw new CoverageException(model.path() + ": cannot read the BPMN to count coverage (" + e.getMessage()
          + "); validate the release first", e);
    }
  }

  private static DmnModelInstance readDmn(FetchedArtifact model) {
    try {
      return Dmn.readModelFromStream(new ByteArrayInputStream(model.content()));
    } catch (RuntimeException e) {
      throw new CoverageException(model.path() + ": cannot read the DMN to count coverage (" + e.getMessage()
          + "); validate the release first", e);
    }
  }
}
