package dev.prometheuspipeline.validate;

import java.util.List;

/**
 * The one place the report writers, the rule pages and {@code docs/rules.md} get the rule list from.
 *
 * <p>Integration: once {@code RuleCatalog} lands, {@link #all()} returns {@code RuleCatalog.all()} and
 * {@link InterimRules} goes.
 */
final class PipelineRules {
  private PipelineRules() {}

  static List<RuleInfo> all() {
    return InterimRules.RULES;
  }
}
