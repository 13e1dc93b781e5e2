package dev.prometheuspipeline.validate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.prometheuspipeline.report.ReportPages;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules' documentation, generated from their {@link RuleInfo}s so it cannot disagree with what the
 * validator does: a page per rule (served at {@code /api/rules/{id}}), an index, and
 * {@code docs/rules.md} in the repository.
 */
final class RuleDocs {
  static final String INDEX = "/api/rules";
  static final String REGENERATE = "mvn -B -o -q test -Dtest=RuleDocsFileTest -Dpipeline.regenerate-docs=true";

  private RuleDocs() {}

  /** Where a rule's page is served, relative to the server. */
  static String path(String ruleId) {
    return INDEX + "/" + ruleId;
  }

  /** {@code docs/rules.md}: every rule by id, with why it matters and how to fix its findings. */
  static String markdown(List<RuleInfo> rules) {
    List<RuleInfo> sorted = sorted(rules);
    StringBuilder md = new StringBuilder()
        .append("# Validation rules\n\n")
        .append("<!-- Generated from the rules' RuleInfo; do not edit. Regenerate with:\n")
        .append("     ").append(REGENERATE).append(" -->\n\n")
        .append("Every finding names one of these rules. The running pipeline serves the same text at ")
        .append("`").append(INDEX).append("/{id}`.\n\n")
        .append("| Rule | Applies to | Default | Engine rejects | What it wants |\n")
        .append("|---|---|---|---|---|\n");
    for (RuleInfo rule : sorted) {
      md.append("| [`").append(rule.id()).append("`](#").append(rule.id()).append(") | ")
          .append(rule.appliesTo()).append(" | ").append(severity(rule.defaultSeverity())).append(" | ")
          .append(rule.engineRejects() ? "yes" : "no").append(" | ").append(cell(rule.title())).append(" |\n");
    }
    for (RuleInfo rule : sorted) {
      md.append("\n## ").append(rule.id()).append("\n\n")
          .append("**").append(rule.title().strip()).append("**\n\n")
          .append("- Applies to: ").append(rule.appliesTo()).append('\n')
          .append("- Default severity: ").append(severity(rule.defaultSeverity())).append('\n')
          .append("- Engine rejects: ")
          .append(rule.engineRejects()
              ? "yes (stays an error whatever the configuration says)"
              : "no").append('\n');
      if (!rule.bpmnlintNames().isEmpty()) {
        md.append("- bpmnlint names: ").append(String.join(", ", rule.bpmnlintNames().stream()
            .map(n -> "`" + n + "`").toList())).append('\n');
      }
      md.append("\n**Why.** ").append(rule.rationale().strip()).append("\n\n")
          .append("**Fix.** ").append(rule.fix().strip()).append('\n');
    }
    return md.toString();
  }

  /** One rule's page, self-contained HTML ({@code templates/report/rule.html}). */
  static String page(RuleInfo rule) {
    return ReportPages.render("rule", Map.of("rule", rule, "index", INDEX, "severity", severity(rule.defaultSeverity())));
  }

  /** The index: every rule's id, title, severity and the link to its page. */
  static ArrayNode index(List<RuleInfo> rules) {
    ArrayNode list = JsonReport.JSON.createArrayNode();
    for (RuleInfo rule : sorted(rules)) {
      list.addObject()
          .put("id", rule.id())
          .put("title", rule.title())
          .put("appliesTo", rule.appliesTo())
          .put("defaultSeverity", severity(rule.defaultSeverity()))
          .put("engineRejects", rule.engineRejects())
          .put("docs", path(rule.id()));
    }
    return list;
  }

  private static List<RuleInfo> sorted(List<RuleInfo> rules) {
    return rules.stream().sorted(Comparator.comparing(RuleInfo::id)).toList();
  }

  private static String severity(Severity severity) {
    return severity.name().toLowerCase(Locale.ROOT);
  }

  private static String cell(String text) {
    return text.strip().replace("|", "\\|").replace("\n", " ");
  }
}
