package dev.prometheuspipeline.approval;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The release gate's verdict, made of the Regra de Ouro rows that fired.
 *
 * <p>The scored gate (a row per criterion with status, weight, blocking and waivable) is Keptn-style: a pass
 * earns the criterion's whole weight, a warn half, a fail nothing; the score is the points in percent of the
 * weights. A failed blocking criterion or a score under the warning threshold rejects; a score of the pass
 * threshold or more with no failed criterion approves; anything between approves with reservations.
 *
 * <p>Releases started on the models before the score keep evaluating their own decision, whose rows carry only
 * {@code verdict} and {@code reason}: {@link #legacy} judges those as it always did.
 *
 * @param verdict {@value #APROVADO}, {@value #RESSALVAS} or {@value #REPROVADO}
 * @param score percent of the weights earned; null for a legacy verdict
 * @param criteria one per criterion, in the decision table's order; empty for a legacy verdict
 * @param reasons one line per criterion ({@code "<status> <criterion>: <reason>"}) or per legacy rule
 *     ({@code "<verdict>: <reason>"})
 */
record GateVerdict(String verdict, Double score, List<Criterion> criteria, String reasons) {
  static final String APROVADO = "aprovado";
  static final String RESSALVAS = "aprovado com ressalvas";
  static final String REPROVADO = "reprovado";
  static final String PASS = "pass";
  static final String WARN = "warn";
  static final String FAIL = "fail";
  private static final Set<String> VERDICTS = Set.of(APROVADO, RESSALVAS, REPROVADO);
  private static final List<String> STATUSES = List.of(PASS, WARN, FAIL);
  private static final String DECISION = "dmn/regra-de-ouro.dmn (regraDeOuro): ";

  GateVerdict {
    requireNonNull(verdict, "verdict");
    requireNonNull(reasons, "reasons");
    criteria = List.copyOf(criteria);
    if (!VERDICTS.contains(verdict)) {
      throw new IllegalArgumentException("verdict must be one of " + VERDICTS + ", was " + verdict);
    }
  }

  /** The Keptn-style thresholds, in percent, read from the decisions {@code passScore} and {@code warningScore}. */
  record Thresholds(double pass, double warning) {
    Thresholds {
      if (warning > pass || warning < 0 || pass > 100) {
        throw new ApprovalException("dmn/regra-de-ouro.dmn: the thresholds must satisfy 0 <= warningScore <="
            + " passScore <= 100, were warningScore " + warning + " and passScore " + pass);
      }
    }
  }

  /**
   * One criterion of the checklist, as one or more rows scored it.
   *
   * @param blocking a fail rejects the release whatever the score
   * @param waivable release-admin may waive it when it fails
   */
  record Criterion(String id, String status, int weight, boolean blocking, boolean waivable, String reason) {
    Criterion {
      if (id == null || id.isBlank()) {
        throw new ApprovalException(DECISION + "a rule returned no criterion; every rule must name one");
      }
      if (!STATUSES.contains(status)) {
        throw new ApprovalException(DECISION + "criterion " + id + " returned status '" + status
            + "'; every rule must output \"pass\", \"warn\" or \"fail\"");
      }
      if (weight < 0) {
        throw new ApprovalException(DECISION + "criterion " + id + " has weight " + weight + "; weights are 0 or more");
      }
      if (reason == null || reason.isBlank()) {
        throw new ApprovalException(DECISION + "criterion " + id + " (" + status + ") returned no reason;"
            + " every rule must output a reason people can read");
      }
    }

    boolean failed() {
      return FAIL.equals(status);
    }

    /** Two rows of the same criterion: the worse status decides, both reasons stay. */
    Criterion and(Criterion other) {
      Criterion worse = STATUSES.indexOf(other.status) > STATUSES.indexOf(status) ? other : this;
      boolean bothFail = failed() && other.failed();
      return new Criterion(id, worse.status, Math.max(weight, other.weight),
          bothFail ? blocking || other.blocking : worse.blocking,
          bothFail ? waivable && other.waivable : worse.waivable, reason + "; " + other.reason);
    }
  }

  /** Scores the rows of the checklist: rows naming the same criterion are merged into one. */
  static GateVerdict scored(List<Criterion> rows, Thresholds thresholds) {
    if (rows.isEmpty()) {
      return nothingApplied();
    }
    Map<String, Criterion> byId = new LinkedHashMap<>();
    rows.forEach(row -> byId.merge(row.id(), row, Criterion::and));
    List<Criterion> criteria = new ArrayList<>(byId.values());
    int weights = criteria.stream().mapToInt(Criterion::weight).sum();
    double points = criteria.stream()
        .mapToDouble(c -> PASS.equals(c.status()) ? c.weight() : WARN.equals(c.status()) ? c.weight() / 2.0 : 0)
        .sum();
    double score = weights == 0 ? 0 : Math.round(points * 1000.0 / weights) / 10.0;
    boolean blockingFail = criteria.stream().anyMatch(c -> c.failed() && c.blocking());
    boolean anyFail = criteria.stream().anyMatch(Criterion::failed);
    String verdict = blockingFail || score < thresholds.warning() ? REPROVADO
        : score >= thresholds.pass() && !anyFail ? APROVADO : RESSALVAS;
    String reasons = criteria.stream().map(c -> c.status() + " " + c.id() + ": " + c.reason())
        .collect(Collectors.joining("\n"));
    return new GateVerdict(verdict, score, criteria, reasons);
  }

  /**
   * The verdict of a decision from before the score: rejects when any fired rule rejects. Also rejects when no
   * rule fired: a gate that decided nothing must not let a release through.
   */
  static GateVerdict legacy(List<FiredRule> fired) {
    if (fired.isEmpty()) {
      return nothingApplied();
    }
    boolean rejected = fired.stream().anyMatch(rule -> REPROVADO.equals(rule.verdict()));
    String reasons = fired.stream()
        .map(rule -> rule.verdict() + ": " + rule.reason())
        .collect(Collectors.joining("\n"));
    return new GateVerdict(rejected ? REPROVADO : APROVADO, null, List.of(), reasons);
  }

  private static GateVerdict nothingApplied() {
    return new GateVerdict(REPROVADO, null, List.of(), REPROVADO + ": no rule of the Regra de Ouro applied;"
        + " check the gate's inputs (validationErrors, testsFailed, testsPassed, coverage, artifactCount).");
  }

  boolean passed() {
    return !REPROVADO.equals(verdict);
  }

  /** The ids of the failed criteria, comma-separated, in the table's order. */
  String failedCriteria() {
    return criteria.stream().filter(Criterion::failed).map(Criterion::id).collect(Collectors.joining(","));
  }

  /**
   * Whether release-admin may waive this rejection: it rejects, it names failed criteria (a legacy verdict
   * does not), and every one of them is waivable.
   */
  boolean waivable() {
    return REPROVADO.equals(verdict) && criteria.stream().anyMatch(Criterion::failed)
        && criteria.stream().filter(Criterion::failed).allMatch(Criterion::waivable);
  }

  /** The gate table in Markdown, for the approval and waiver forms. */
  String table() {
    if (criteria.isEmpty()) {
      return reasons;
    }
    StringBuilder table = new StringBuilder("| Criterion | Status | Weight | Reason |\n|---|---|---|---|\n");
    for (Criterion c : criteria) {
      String status = c.status().toUpperCase(Locale.ROOT) + (c.failed() && !c.waivable() ? " (not waivable)" : "");
      table.append("| ").append(c.id()).append(" | ").append(status).append(" | ").append(c.weight())
          .append(" | ").append(cell(c.reason())).append(" |\n");
    }
    return table.append("\nScore: **").append(score).append("%**").toString();
  }

  private static String cell(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
  }

  /** One row of a decision from before the score: what the rule says and why. */
  record FiredRule(String verdict, String reason) {
    FiredRule {
      if (!APROVADO.equals(verdict) && !REPROVADO.equals(verdict)) {
        throw new ApprovalException(DECISION + "a rule returned verdict '" + verdict
            + "'; every rule must output \"aprovado\" or \"reprovado\" as verdict");
      }
      if (reason == null || reason.isBlank()) {
        throw new ApprovalException(DECISION + "a rule with verdict " + verdict
            + " returned no reason; every rule must output a reason people can read");
      }
    }
  }
}
