package dev.prometheuspipeline.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prometheuspipeline.approval.GateVerdict.FiredRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateVerdictTest {

  @Test
  void passesWhenEveryFiredRuleApproves() {
    GateVerdict verdict = GateVerdict.of(List.of(
        new FiredRule("aprovado", "Coverage 91.0% meets the 80% minimum."),
        new FiredRule("aprovado", "No validation errors; all 12 test(s) passed.")));

    assertThat(verdict.verdict()).isEqualTo("aprovado");
    assertThat(verdict.passed()).isTrue();
    assertThat(verdict.reasons()).isEqualTo("aprovado: Coverage 91.0% meets the 80% minimum.\n"
        + "aprovado: No validation errors; all 12 test(s) passed.");
  }

  @Test
  void failsWhenAnyFiredRuleRejectsAndKeepsEveryReasonInOrder() {
    GateVerdict verdict = GateVerdict.of(List.of(
        new FiredRule("reprovado", "Coverage 42.0% is below the 80% minimum."),
        new FiredRule("aprovado", "No validation errors; all 12 test(s) passed.")));

    assertThat(verdict.verdict()).isEqualTo("reprovado");
    assertThat(verdict.reasons().lines()).containsExactly(
        "reprovado: Coverage 42.0% is below the 80% minimum.",
        "aprovado: No validation errors; all 12 test(s) passed.");
  }

  @Test
  void failsWhenNoRuleFired() {
    GateVerdict verdict = GateVerdict.of(List.of());

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.reasons()).startsWith("reprovado: no rule of the Regra de Ouro applied");
  }

  @Test
  void refusesAVerdictTheGateDoesNotKnow() {
    assertThatThrownBy(() -> new FiredRule("talvez", "unsure"))
        .isInstanceOf(ApprovalException.class)
        .hasMessageContaining("regraDeOuro").hasMessageContaining("'talvez'");
  }

  @Test
  void refusesARuleWithoutAReason() {
    assertThatThrownBy(() -> new FiredRule("reprovado", " "))
        .isInstanceOf(ApprovalException.class)
        .hasMessageContaining("returned no reason");
  }
}
