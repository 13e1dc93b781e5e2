package dev.prometheuspipeline.validate;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a rule is, for the people who meet its findings: the rule documentation pages, SARIF's
 * {@code tool.driver.rules}, and the per-repository configuration are all generated from these.
 *
 * @param id the stable kebab-case id findings carry ({@code bpmn-history-time-to-live})
 * @param appliesTo the artifact kind it checks: {@code bpmn}, {@code dmn}, {@code form}, {@code html},
 *     {@code worker}, {@code release} (across files) or {@code file} (every file)
 * @param defaultSeverity the severity before configuration
 * @param engineRejects true when the target engine refuses a model with this problem; such findings stay
 *     errors whatever a repository's configuration says, since turning them off only moves the failure
 *     to the deployment
 * @param title one line: what the rule wants ({@code Every process sets historyTimeToLive})
 * @param rationale why it matters, in a sentence or two
 * @param fix how to fix a finding, in general
 * @param bpmnlintNames the bpmnlint rule names that mean the same, so a {@code .bpmnlintrc} configures it
 */
public record RuleInfo(
    String id,
    String appliesTo,
    Severity defaultSeverity,
    boolean engineRejects,
    String title,
    String rationale,
    String fix,
    List<String> bpmnlintNames) {
  private static final Pattern KEBAB_CASE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  public RuleInfo {
    requireNonNull(id, "id");
    requireNonNull(appliesTo, "appliesTo");
    requireNonNull(defaultSeverity, "defaultSeverity");
    requireNonNull(title, "title");
    requireNonNull(rationale, "rationale");
    requireNonNull(fix, "fix");
    bpmnlintNames = List.copyOf(bpmnlintNames);
    if (!KEBAB_CASE.matcher(id).matches()) {
      throw new IllegalArgumentException("rule id must be kebab-case: " + id);
    }
    if (engineRejects && defaultSeverity != Severity.ERROR) {
      throw new IllegalArgumentException(id + ": what the engine rejects is an error");
    }
  }

  static RuleInfo engine(String id, String appliesTo, String title, String rationale, String fix) {
    return new RuleInfo(id, appliesTo, Severity.ERROR, true, title, rationale, fix, List.of());
  }

  static RuleInfo lint(String id, String appliesTo, Severity severity, String title, String rationale, String fix,
      String... bpmnlintNames) {
    return new RuleInfo(id, appliesTo, severity, false, title, rationale, fix, List.of(bpmnlintNames));
  }
}
