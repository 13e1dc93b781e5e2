package dev.prometheuspipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.testing.Coverage.DecisionCoverage;
import dev.prometheuspipeline.testing.Coverage.Element;
import dev.prometheuspipeline.testing.Coverage.ProcessCoverage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoverageCounterTest {
  private static final FetchedArtifact PEDIDO = Models.at("Loja/bpmn/pedido.bpmn", "testing/coverage/pedido.bpmn");
  private static final FetchedArtifact DESCONTO = Models.at("Loja/dmn/desconto.dmn", "testing/coverage/desconto.dmn");

  /** The happy path through "pedido": 9 counted flow nodes and 7 sequence flows. */
  private static final ExecutionTrace SHIPPED = new ExecutionTrace(
      Map.of("pedido", Set.of("StartEvent_Received", "Task_Check", "Gateway_Ok", "SubProcess_Ship", "StartEvent_Ship",
          "Task_Pack", "EndEvent_Ship", "LinkThrow_ToEnd", "LinkCatch_End", "EndEvent_Done")),
      Map.of("pedido", Set.of("Flow_1", "Flow_2", "Flow_Yes", "Flow_S1", "Flow_S2", "Flow_AfterShip", "Flow_ToDone")),
      Map.of("desconto", Set.of("Rule_Gold")));

  @Test
  void countsFlowNodesAtEveryDepthButNotLinkThrowEvents() {
    ProcessCoverage pedido = CoverageCounter.count(List.of(PEDIDO), ExecutionTrace.EMPTY).processes().get(0);

    // Hand count: 15 flow nodes (boundary event, both sub-processes and their contents included), 10 flows.
    assertThat(pedido.flowNodes()).isEqualTo(15);
    assertThat(pedido.sequenceFlows()).isEqualTo(10);
    assertThat(pedido.uncovered()).extracting(Element::id)
        .contains("BoundaryEvent_Late", "Task_Pack", "StartEvent_Cancel", "Flow_AfterShip", "Flow_C1")
        .doesNotContain("LinkThrow_ToEnd");
  }

  @Test
  void countsOnlyExecutableProcesses() {
    Coverage coverage = CoverageCounter.count(List.of(PEDIDO), ExecutionTrace.EMPTY);

    assertThat(coverage.processes()).extracting(ProcessCoverage::key).containsExactly("pedido");
  }

  @Test
  void aProcessIsCoveredByTheDistinctCountedElementsItsTestsPassed() {
    ProcessCoverage pedido = CoverageCounter.count(List.of(PEDIDO), SHIPPED).processes().get(0);

    assertThat(pedido.covered()).isEqualTo(16);
    assertThat(pedido.total()).isEqualTo(25);
    assertThat(pedido.ratio()).isEqualTo(16.0 / 25);
    assertThat(pedido.coveredIds()).doesNotContain("LinkThrow_ToEnd");
  }

  @Test
  void namesEachUncoveredElementAsModelerShowsIt() {
    ProcessCoverage pedido = CoverageCounter.count(List.of(PEDIDO), SHIPPED).processes().get(0);

    assertThat(pedido.uncovered()).containsExactlyInAnyOrder(
        new Element("BoundaryEvent_Late", "Too late", "boundaryEvent"),
        new Element("EndEvent_Late", "Order expired", "endEvent"),
        new Element("EndEvent_Rejected", "Order rejected", "endEvent"),
        new Element("SubProcess_Cancel", "Cancel order", "subProcess"),
        new Element("StartEvent_Cancel", "Cancel requested", "startEvent"),
        new Element("EndEvent_Cancelled", "Order cancelled", "endEvent"),
        new Element("Flow_Late", "", "sequenceFlow"),
        new Element("Flow_No", "no", "sequenceFlow"),
        new Element("Flow_C1", "", "sequenceFlow"));
    assertThat(pedido.uncovered().get(0).describe()).isEqualTo("\"Too late\" (BoundaryEvent_Late)");
  }

  @Test
  void ignoresTracedIdsThatAreNotInTheModel() {
    ExecutionTrace ghost = SHIPPED.merge(new ExecutionTrace(
        Map.of("pedido", Set.of("Task_Ghost")), Map.of("pedido", Set.of("Flow_Ghost")), Map.of()));

    ProcessCoverage pedido = CoverageCounter.count(List.of(PEDIDO), ghost).processes().get(0);

    assertThat(pedido.covered()).isEqualTo(16);
  }

  @Test
  void aDecisionTableIsCoveredByTheRulesThatFired() {
    List<DecisionCoverage> decisions = CoverageCounter.count(List.of(DESCONTO), SHIPPED).decisions();

    assertThat(decisions).extracting(DecisionCoverage::key).containsExactly("desconto");
    DecisionCoverage desconto = decisions.get(0);
    assertThat(desconto.fired()).isEqualTo(1);
    assertThat(desconto.total()).isEqualTo(3);
    assertThat(desconto.unfired()).containsExactly(
        new Element("Rule_Silver", "Rule 2", "rule"),
        new Element("Rule_None", "Rule 3: Everyone else", "rule"));
  }

  @Test
  void theCombinedFigureCountsEveryItemOfEveryModelOnce() {
    Coverage coverage = CoverageCounter.count(List.of(PEDIDO, DESCONTO), SHIPPED);

    assertThat(coverage.covered()).isEqualTo(16 + 1);
    assertThat(coverage.total()).isEqualTo(25 + 3);
    assertThat(coverage.ratio()).isEqualTo(17.0 / 28);
    assertThat(coverage.processRatio()).isEqualTo(16.0 / 25);
    assertThat(coverage.decisionRatio()).isEqualTo(1.0 / 3);
  }

  @Test
  void anUntestedProcessCountsAsUncoveredInTheCombinedFigure() {
    FetchedArtifact aprovacao = Models.at("Loja/bpmn/aprovacao.bpmn", "testing/aprovacao-nova.bpmn");

    Coverage coverage = CoverageCounter.count(List.of(PEDIDO, aprovacao), SHIPPED);

    // aprovacao: 5 flow nodes and 4 sequence flows, none passed.
    assertThat(coverage.total()).isEqualTo(25 + 9);
    assertThat(coverage.covered()).isEqualTo(16);
  }

  @Test
  void aReleaseWithoutModelsHasNothingToCover() {
    Coverage coverage = CoverageCounter.count(List.of(), SHIPPED);

    assertThat(coverage.total()).isZero();
    assertThat(coverage.ratio()).isZero();
  }

  @Test
  void anUnreadableModelNamesItsFile() {
    FetchedArtifact broken = Models.artifact(ArtifactType.BPMN, "Loja/bpmn/quebrado.bpmn",
        "<definitions".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> CoverageCounter.count(List.of(broken), SHIPPED))
        .isInstanceOf(CoverageException.class)
        .hasMessageStartingWith("Loja/bpmn/quebrado.bpmn: cannot read the BPMN");
  }
}
