package dev.prometheuspipeline.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.assertj.core.groups.Tuple;
import java.util.Map;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The approval routing, one rule per test, evaluated by the engine's DMN engine (FEEL) on the real file. */
@Deployment(resources = "dmn/approval-routing.dmn")
class ApprovalRoutingDecisionTest {
  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-models.cfg.xml").build();

  private static final Tuple DEFAULT = tuple("ms-produto", 1, "one approver from ms-produto");

  /** An ordinary release: not breaking, nothing waived, nothing generated. Tests change one thing at a time. */
  private static VariableMap ordinary() {
    return Variables.createVariables()
        .putValue("breakingChanges", 0)
        .putValue("waivedCriteria", null)
        .putValue("lowestConfidence", null);
  }

  private List<Map<String, Object>> fired(VariableMap inputs) {
    return engine.getDecisionService().evaluateDecisionByKey("approvalRouting").variables(inputs).evaluate()
        .getResultList();
  }

  @Test
  void anOrdinaryReleaseNeedsOneApproverFromMsProduto() {
    assertThat(fired(ordinary())).extracting(row -> row.get("groups"), row -> row.get("quorum"),
        row -> row.get("reason")).containsExactly(DEFAULT);
  }

  @Test
  void aBreakingReleaseNeedsTwoApprovers() {
    assertThat(fired(ordinary().putValue("breakingChanges", 3)))
        .extracting(row -> row.get("groups"), row -> row.get("quorum"), row -> row.get("reason"))
        .containsExactly(DEFAULT,
            tuple("ms-produto", 2, "breaking release: 3 breaking change(s) against the target"));
  }

  @Test
  void aWaivedCriterionNeedsTwoApprovers() {
    assertThat(fired(ordinary().putValue("waivedCriteria", "coverage,changelog")))
        .extracting(row -> row.get("quorum"), row -> row.get("reason"))
        .containsExactly(tuple(1, "one approver from ms-produto"), tuple(2, "waived criteria: coverage,changelog"));
  }

  @Test
  void anEmptyListOfWaivedCriteriaWaivesNothing() {
    assertThat(fired(ordinary().putValue("waivedCriteria", ""))).hasSize(1);
  }

  @Test
  void aGeneratedArtifactBelowTheConfidenceThresholdNeedsTwoApprovers() {
    assertThat(fired(ordinary().putValue("lowestConfidence", 0.55)))
        .extracting(row -> row.get("quorum"), row -> row.get("reason"))
        .containsExactly(tuple(1, "one approver from ms-produto"),
            tuple(2, "a generated artifact has confianca 0.55"));
  }

  @Test
  void aGeneratedArtifactAtTheThresholdNeedsOneApprover() {
    assertThat(fired(ordinary().putValue("lowestConfidence", 0.8))).hasSize(1);
  }

  @Test
  void anUnknownBreakingCountRoutesAsAnOrdinaryRelease() {
    // releases validated before the breaking-change check existed carry no breakingChanges
    assertThat(fired(ordinary().putValue("breakingChanges", null))).hasSize(1);
  }
}
