package dev.prometheuspipeline.validate;

import java.util.List;

/** The one place the report writers, the rule pages and {@code docs/rules.md} get the rule list from. */
final class PipelineRules {
  private PipelineRules() {}

  static List<RuleInfo> all() {
    return RuleCatalog.all();
  }
}
