package dev.prometheuspipeline.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prometheuspipeline.approval.GateVerdict.Criterion;
import dev.prometheuspipeline.approval.GateVerdict.FiredRule;
import dev.prometheuspipeline.approval.GateVerdict.Thresholds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateVerdictTest {
  private static final Thresholds KEPTN = new Thresholds(90, 75);

  private static Criterion pass(String id, int weight) {
    return new Criterion(id, "pass", weight, false, true, id + " is fine");
  }

  /** Ten criteria of weight 10: 100 points. */
  private static List<Criterion> passing() {
    List<Criterion> rows = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      rows.add(pass("c" + i, 10));
    }
    return rows;
  }

  private static List<Criterion> with(Criterion... changed) {
    List<Criterion> rows = passing();
    for (Criterion c : changed) {
      rows.set(Integer.parseInt(c.id().substring(1)) - 1, c);
    }
    return rows;
  }

  @Test
  void approvesWhenEveryCriterionPasses() {
    GateVerdict verdict = GateVerdict.scored(passing(), KEPTN);

    assertThat(verdict.verdict()).isEqualTo("aprovado");
    assertThat(verdict.score()).isEqualTo(100.0);
    assertThat(verdict.failedCriteria()).isEmpty();
    assertThat(verdict.waivable()).isFalse();
    assertThat(verdict.reasons().lines()).hasSize(10).first().isEqualTo("pass c1: c1 is fine");
  }

  @Test
  void aWarningCountsHalfItsWeightAndStillApprovesAboveThePassScore() {
    GateVerdict verdict = GateVerdict.scored(with(new Criterion("c3", "warn", 10, false, true, "not checked")), KEPTN);

    assertThat(verdict.score()).isEqualTo(95.0);
    assertThat(verdict.verdict()).isEqualTo("aprovado");
  }

  @Test
  void aFailedNonBlockingCriterionApprovesWithReservationsWhateverTheScore() {
    GateVerdict verdict = GateVerdict.scored(with(new Criterion("c9", "fail", 5, false, true, "no CHANGELOG entry")),
        KEPTN);

    // 90 of 95 points
    assertThat(verdict.score()).isEqualTo(94.7);
    assertThat(verdict.verdict()).isEqualTo("aprovado com ressalvas");
    assertThat(verdict.failedCriteria()).isEqualTo("c9");
  }

  @Test
  void aScoreBetweenTheThresholdsApprovesWithReservations() {
    GateVerdict verdict = GateVerdict.scored(with(new Criterion("c1", "warn", 10, false, true, "w"),
        new Criterion("c2", "warn", 10, false, true, "w"), new Criterion("c3", "warn", 10, false, true, "w")), KEPTN);

    assertThat(verdict.score()).isEqualTo(85.0);
    assertThat(verdict.verdict()).isEqualTo("aprovado com ressalvas");
  }

  @Test
  void aScoreBelowTheWarningThresholdRejects() {
    List<Criterion> rows = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      rows.add(new Criterion("c" + i, i <= 6 ? "warn" : "pass", 10, false, true, "w"));
    }
    GateVerdict verdict = GateVerdict.scored(rows, KEPTN);

    assertThat(verdict.score()).isEqualTo(70.0);
    assertThat(verdict.verdict()).isEqualTo("reprovado");
    // nothing failed: there is nothing to waive
    assertThat(verdict.waivable()).isFalse();
  }

  @Test
  void aFailedBlockingCriterionRejectsEvenWithAHighScoreAndCanBeWaivedWhenWaivable() {
    GateVerdict verdict = GateVerdict.scored(with(new Criterion("c4", "fail", 10, true, true, "coverage 42%"),
        new Criterion("c9", "fail", 10, false, true, "no CHANGELOG entry")), KEPTN);

    assertThat(verdict.score()).isEqualTo(80.0);
    assertThat(verdict.verdict()).isEqualTo("reprovado");
    assertThat(verdict.failedCriteria()).isEqualTo("c4,c9");
    assertThat(verdict.waivable()).isTrue();
    assertThat(verdict.reasons()).contains("fail c4: coverage 42%", "fail c9: no CHANGELOG entry");
  }

  @Test
  void aFailedCriterionThatIsNotWaivableMakesTheWholeRejectionUnwaivable() {
    GateVerdict verdict = GateVerdict.scored(with(new Criterion("c4", "fail", 10, true, true, "coverage 42%"),
        new Criterion("c7", "fail", 10, true, false, "2 artifact(s) are not signed")), KEPTN);

    assertThat(verdict.verdict()).isEqualTo("reprovado");
    assertThat(verdict.waivable()).isFalse();
    assertThat(verdict.table()).contains("| c7 | FAIL (not waivable) | 10 | 2 artifact(s) are not signed |",
        "Score: **80.0%**");
  }

  @Test
  void rowsOfTheSameCriterionMergeIntoTheWorseWithBothReasons() {
    List<Criterion> rows = passing();
    rows.add(new Criterion("c5", "fail", 10, true, true, "scan incomplete"));
    GateVerdict verdict = GateVerdict.scored(rows, KEPTN);

    assertThat(verdict.criteria()).hasSize(10);
    assertThat(verdict.criteria().get(4)).isEqualTo(new Criterion("c5", "fail", 10, true, true,
        "c5 is fine; scan incomplete"));
    assertThat(verdict.score()).isEqualTo(90.0);
    assertThat(verdict.verdict()).isEqualTo("reprovado");
  }

  @Test
  void theTableKeepsPipesAndNewlinesOfReasonsInsideTheirCell() {
    GateVerdict verdict = GateVerdict.scored(with(new Criterion("c2", "warn", 10, false, true, "a | b\nc")), KEPTN);

    assertThat(verdict.table()).contains("| c2 | WARN | 10 | a \\| b c |");
  }

  @Test
  void rejectsWhenNoRowFired() {
    GateVerdict verdict = GateVerdict.scored(List.of(), KEPTN);

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.reasons()).startsWith("reprovado: no rule of the Regra de Ouro applied");
  }

  @Test
  void refusesAStatusTheChecklistDoesNotKnow() {
    assertThatThrownBy(() -> new Criterion("coverage", "talvez", 10, true, true, "unsure"))
        .isInstanceOf(ApprovalException.class).hasMessageContaining("regraDeOuro").hasMessageContaining("'talvez'");
  }

  @Test
  void refusesACriterionWithoutAReasonOrAName() {
    assertThatThrownBy(() -> new Criterion("coverage", "fail", 10, true, true, " "))
        .isInstanceOf(ApprovalException.class).hasMessageContaining("returned no reason");
    assertThatThrownBy(() -> new Criterion("", "fail", 10, true, true, "why"))
        .isInstanceOf(ApprovalException.class).hasMessageContaining("no criterion");
  }

  @Test
  void refusesThresholdsInTheWrongOrder() {
    assertThatThrownBy(() -> new Thresholds(70, 80)).isInstanceOf(ApprovalException.class)
        .hasMessageContaining("warningScore");
  }

  @Test
  void aLegacyDecisionStillPassesWhenEveryFiredRuleApproves() {
    GateVerdict verdict = GateVerdict.legacy(List.of(
        new FiredRule("aprovado", "Coverage 91.0% meets the 80% minimum."),
        new FiredRule("aprovado", "No validation errors; all 12 test(s) passed.")));

    assertThat(verdict.verdict()).isEqualTo("aprovado");
    assertThat(verdict.score()).isNull();
    assertThat(verdict.reasons()).isEqualTo("aprovado: Coverage 91.0% meets the 80% minimum.\n"
        + "aprovado: No validation errors; all 12 test(s) passed.");
  }

  @Test
  void aLegacyDecisionFailsWhenAnyFiredRuleRejectsAndCannotBeWaived() {
    GateVerdict verdict = GateVerdict.legacy(List.of(
        new FiredRule("reprovado", "Coverage 42.0% is below the 80% minimum."),
        new FiredRule("aprovado", "No validation errors; all 12 test(s) passed.")));

    assertThat(verdict.verdict()).isEqualTo("reprovado");
    assertThat(verdict.waivable()).isFalse();
    assertThat(verdict.reasons().lines()).containsExactly(
        "reprovado: Coverage 42.0% is below the 80% minimum.",
        "aprovado: No validation errors; all 12 test(s) passed.");
  }

  @Test
  void refusesALegacyVerdictTheGateDoesNotKnow() {
    assertThatThrownBy(() -> new FiredRule("talvez", "unsure"))
        .isInstanceOf(ApprovalException.class)
        .hasMessageContaining("regraDeOuro").hasMessageContaining("'talvez'");
  }
}
