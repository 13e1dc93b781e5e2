package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class RuleDocsTest {
  private static final RuleInfo PARSE = RuleInfo.engine("bpmn-engine-parse", "bpmn", "The engine parses it",
      "The engine decides what deploys.", "Fix the element.");
  private static final RuleInfo LABEL = RuleInfo.lint("label-required", "bpmn", Severity.WARNING,
      "Elements have <labels> | names", "People read diagrams.", "Name the element.", "label-required");

  @Test
  void markdownListsEveryRuleSortedWithWhyAndFix() {
    String md = RuleDocs.markdown(List.of(LABEL, PARSE));
    assertThat(md.indexOf("## bpmn-engine-parse")).isPositive().isLessThan(md.indexOf("## label-required"));
    assertThat(md).contains("**Why.** People read diagrams.", "**Fix.** Name the element.",
        "- bpmnlint names: `label-required`", "| [`label-required`](#label-required) | bpmn | warning | no |",
        "Elements have <labels> \\| names", RuleDocs.REGENERATE);
  }

  @Test
  void aRulePageEscapesItsText() {
    String page = RuleDocs.page(LABEL);
    assertThat(page).contains("Elements have &lt;labels&gt; | names", "<dd>warning</dd>", "label-required")
        .doesNotContain("<labels>");
  }

  @Test
  void aRulePageEscapesScriptsQuotesAndAmpersandsInEveryField() {
    RuleInfo hostile = RuleInfo.lint("hostile-rule", "bpmn <b>", Severity.ERROR, "Title <script>alert(1)</script>",
        "Why & \"because\"", "Fix 'it' & <i>go</i>", "a<b", "c&d");

    String page = RuleDocs.page(hostile);

    assertThat(page).doesNotContain("<script>alert", "<b>", "<i>")
        .contains("Title &lt;script&gt;alert(1)&lt;/script&gt;", "Why &amp; &quot;because&quot;",
            "Fix &#39;it&#39; &amp; &lt;i&gt;go&lt;/i&gt;", "a&lt;b, c&amp;d", "<dd>error</dd>");
    Document parsed = Jsoup.parse(page);
    assertThat(parsed.select("h1 code").text()).isEqualTo("hostile-rule");
    assertThat(parsed.select("dd").eachText()).contains("bpmn <b>", "a<b, c&d");
    assertThat(parsed.select("body script, body b, body i")).isEmpty();
  }

  @Test
  void theIndexLinksEachRuleToItsPage() {
    JsonNode index = RuleDocs.index(List.of(LABEL, PARSE));
    assertThat(index).extracting(r -> r.path("docs").asText())
        .containsExactly("/api/rules/bpmn-engine-parse", "/api/rules/label-required");
    assertThat(index.get(0).path("engineRejects").asBoolean()).isTrue();
  }

  @Test
  void everyRuleOfThePipelineHasAUniqueId() {
    List<String> ids = PipelineRules.all().stream().map(RuleInfo::id).toList();
    assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
  }
}
