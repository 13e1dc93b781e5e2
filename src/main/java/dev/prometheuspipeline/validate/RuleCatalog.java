package dev.prometheuspipeline.validate;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every rule a finding can carry, sorted by id: what the rule documentation, SARIF's rule list and the
 * per-repository configuration are made from. Each class that owns rules lists them in its
 * {@code RULES}; a new owner adds its list here.
 */
final class RuleCatalog {
  private static final List<RuleInfo> ALL = collect(Stream.of(
      Validator.RULES, TextCheck.RULES, XmlScanner.RULES, BpmnChecker.RULES, BpmnRules.RULES,
      DmnChecker.RULES, DmnRules.RULES, FeelCheck.RULES, FormChecker.RULES, HtmlChecker.RULES, RuleConfig.RULES,
      ReleaseChecks.RULES, WorkerLinter.RULES, SmokeFindings.RULES));

  private RuleCatalog() {}

  static List<RuleInfo> all() {
    return ALL;
  }

  static Optional<RuleInfo> byId(String id) {
    return ALL.stream().filter(rule -> rule.id().equals(id)).findFirst();
  }

  /** Our rules that mean what the bpmnlint rule {@code name} means; empty when we have no equivalent. */
  static List<RuleInfo> byBpmnlintName(String name) {
    return ALL.stream().filter(rule -> rule.bpmnlintNames().contains(name)).toList();
  }

  private static List<RuleInfo> collect(Stream<List<RuleInfo>> lists) {
    List<RuleInfo> all = lists.flatMap(List::stream).sorted(Comparator.comparing(RuleInfo::id)).toList();
    Set<String> ids = new HashSet<>();
    for (RuleInfo rule : all) {
      if (!ids.add(rule.id())) {
        // Two owners claiming one id would make configuration and documentation ambiguous.
        throw new IllegalStateException("rule id declared twice: " + rule.id());
      }
    }
    return all;
  }
}
