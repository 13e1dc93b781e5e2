package dev.prometheuspipeline.approval;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The release gate's verdict, made of the Regra de Ouro rules that fired.
 *
 * @param verdict {@value #APROVADO} or {@value #REPROVADO}
 * @param reasons one line per fired rule, {@code "<verdict>: <reason>"}, in the decision table's order
 */
record GateVerdict(String verdict, String reasons) {
  static final String APROVADO = "aprovado";
  static final String REPROVADO = "reprovado";

  GateVerdict {
    requireNonNull(verdict, "verdict");
    requireNonNull(reasons, "reasons");
    if (!APROVADO.equals(verdict) && !REPROVADO.equals(verdict)) {
      throw new IllegalArgumentException("verdict must be aprovado or reprovado, was " + verdict);
    }
  }

  /**
   * Rejects when any fired rule rejects. Also rejects when no rule fired: a gate that decided nothing
   * must not let a release through.
   */
  static GateVerdict of(List<FiredRule> fired) {
    if (fired.isEmpty()) {
      return new GateVerdict(REPROVADO, REPROVADO + ": no rule of the Regra de Ouro applied;"
          + " check the gate's inputs (validationErrors, testsFailed, testsPassed, coverage, artifactCount).");
    }
    boolean rejected = fired.stream().anyMatch(rule -> REPROVADO.equals(rule.verdict()));
    String reasons = fired.stream()
        .map(rule -> rule.verdict() + ": " + rule.reason())
        .collect(Collectors.joining("\n"));
    return new GateVerdict(rejected ? REPROVADO : APROVADO, reasons);
  }

  boolean passed() {
    return APROVADO.equals(verdict);
  }

  /** One row of the decision result: what the rule says and why. */
  record FiredRule(String verdict, String reason) {
    FiredRule {
      if (!APROVADO.equals(verdict) && !REPROVADO.equals(verdict)) {
        throw new ApprovalException("dmn/regra-de-ouro.dmn (regraDeOuro): a rule returned verdict '" + verdict
            + "'; every rule must output \"aprovado\" or \"reprovado\" as verdict");
      }
      if (reason == null || reason.isBlank()) {
        throw new ApprovalException("dmn/regra-de-ouro.dmn (regraDeOuro): a rule with verdict " + verdict
            + " returned no reason; every rule must output a reason people can read");
      }
    }
  }
}
