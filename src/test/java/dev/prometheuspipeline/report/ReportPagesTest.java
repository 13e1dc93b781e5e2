package dev.prometheuspipeline.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class ReportPagesTest {
  private static final String HOSTILE = "</p><script>alert(1)</script> & \"double\" 'single' <!--";

  @Test
  void templatesEscapeTextAndAttributesAsHtml() {
    String html = ReportPages.render("probe", Map.of("text", HOSTILE, "json", ReportPages.scriptJson(List.of())));

    assertThat(html).doesNotContain("<script>alert", "<!--")
        .contains("&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;double&quot; &#39;single&#39;");
    Document page = Jsoup.parse(html);
    assertThat(page.select("p").eachText()).containsExactly(HOSTILE, HOSTILE);
    assertThat(page.select("p").attr("title")).isEqualTo(HOSTILE);
  }

  @Test
  void scriptJsonCannotEndItsElementAndParsesBackToTheSameValue() throws Exception {
    Map<String, Object> value = Map.of("xml", HOSTILE + " \u2028", "ids", List.of("a<b", "c&d"));

    String json = ReportPages.scriptJson(value);

    assertThat(json).doesNotContain("<", ">", "&", "\u2028");
    assertThat(new ObjectMapper().readValue(json, Map.class)).isEqualTo(value);
    String html = ReportPages.render("probe", Map.of("text", "", "json", json));
    assertThat(Jsoup.parse(html).select("script").first().data()).isEqualTo(json);
  }

  @Test
  void theInlinedViewerCannotEndItsScriptElement() {
    assertThat(BpmnViewer.script()).contains("BpmnJS").doesNotContainPattern("(?i)</script").doesNotContain("<!--");
    assertThat(BpmnViewer.diagramStyles()).contains(".djs-container");
    assertThat(BpmnViewer.scriptSource("a = '</SCRIPT><!--';")).isEqualTo("a = '<\\/SCRIPT><\\!--';");
  }

  @Test
  void aMissingTemplateFailsLoudly() {
    assertThatThrownBy(() -> ReportPages.render("no-such-page", Map.of()))
        .hasMessageContaining("no-such-page");
  }
}
