package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class ReportFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RuleInfo PARSE = RuleInfo.engine("bpmn-engine-parse", "bpmn", "The engine parses it",
      "The engine decides what deploys.", "Fix the element.");
  private static final RuleInfo LABEL = RuleInfo.lint("label-required", "bpmn", Severity.WARNING,
      "Elements have labels", "People read diagrams.", "Name the element.", "label-required");
  private static final String MODEL = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="t">
        <bpmn:process id="Process_1" name="</script><script>alert(1)</script>" isExecutable="true"/>
      </bpmn:definitions>
      """;

  private final Report report = new Report(List.of(
      new Finding("Genesis/bpmn/order flow.bpmn", 8, 65, "Task_Charge", "bpmn-engine-parse", Severity.ERROR,
          "One of the attributes 'class' … is mandatory on serviceTask.", "choose an implementation"),
      new Finding("Genesis/bpmn/order flow.bpmn", 12, 0, "Gateway_X", "label-required", Severity.WARNING,
          "gateway has no label", "name it"),
      new Finding("Genesis/bpmn/order flow.bpmn", 0, 0, "", "unknown-new-rule", Severity.INFO,
          "a note from a rule not in the list", ""),
      new Finding("Other/a.form", 1, 1, "", "form-id", Severity.ERROR, "has no \"id\"", "set the Form ID")));

  private final ReportContext relative = new ReportContext(List.of(PARSE, LABEL), List.of(model()), Optional.empty());
  private final ReportContext absolute = new ReportContext(List.of(PARSE, LABEL), List.of(model()),
      Optional.of(URI.create("https://pipeline.example.com/")));

  @Test
  void sarifLogIsValidAgainstTheOfficialSchema() {
    assertThat(SarifSchema.problems(ReportFormat.SARIF.write(report, relative))).isEmpty();
    assertThat(SarifSchema.problems(ReportFormat.SARIF.write(report, absolute))).isEmpty();
    assertThat(SarifSchema.problems(ReportFormat.SARIF.write(new Report(List.of()), relative))).isEmpty();
  }

  @Test
  void sarifResultsPointAtTheirRuleDescriptors() throws Exception {
    JsonNode run = JSON.readTree(ReportFormat.SARIF.write(report, relative)).at("/runs/0");
    JsonNode rules = run.at("/tool/driver/rules");
    assertThat(run.at("/tool/driver/name").asText()).isEqualTo("Prometheus Pipeline");
    assertThat(run.path("results")).hasSize(4).allSatisfy(result ->
        assertThat(rules.get(result.path("ruleIndex").asInt()).path("id").asText())
            .isEqualTo(result.path("ruleId").asText()));
    assertThat(rules).extracting(rule -> rule.path("id").asText())
        .containsExactly("bpmn-engine-parse", "label-required", "unknown-new-rule", "form-id");
    assertThat(run.path("results")).extracting(result -> result.path("ruleId").asText())
        .containsExactly("unknown-new-rule", "bpmn-engine-parse", "label-required", "form-id");
  }

  @Test
  void sarifRuleDescriptorsCarryTheRuleDocumentation() throws Exception {
    JsonNode rule = JSON.readTree(ReportFormat.SARIF.write(report, absolute)).at("/runs/0/tool/driver/rules/1");
    assertThat(rule.path("name").asText()).isEqualTo("LabelRequired");
    assertThat(rule.at("/shortDescription/text").asText()).isEqualTo("Elements have labels");
    assertThat(rule.at("/fullDescription/text").asText()).isEqualTo("People read diagrams.");
    assertThat(rule.at("/help/text").asText()).isEqualTo("Name the element.");
    assertThat(rule.path("helpUri").asText()).isEqualTo("https://pipeline.example.com/api/rules/label-required");
    assertThat(rule.at("/defaultConfiguration/level").asText()).isEqualTo("warning");
  }

  @Test
  void sarifLeavesOutHelpUriWhenNoPublicUrlMakesItAbsolute() throws Exception {
    JsonNode rule = JSON.readTree(ReportFormat.SARIF.write(report, relative)).at("/runs/0/tool/driver/rules/0");
    assertThat(rule.has("helpUri")).isFalse();
  }

  @Test
  void sarifLocatesAResultByRelativeUriRegionAndElement() throws Exception {
    JsonNode results = JSON.readTree(ReportFormat.SARIF.write(report, relative)).at("/runs/0/results");
    JsonNode first = results.get(1);
    assertThat(first.path("level").asText()).isEqualTo("error");
    assertThat(first.at("/message/text").asText()).contains("mandatory on serviceTask", "choose an implementation");
    JsonNode physical = first.at("/locations/0/physicalLocation");
    assertThat(physical.at("/artifactLocation/uri").asText()).isEqualTo("Genesis/bpmn/order%20flow.bpmn");
    assertThat(physical.at("/artifactLocation/uriBaseId").asText()).isEqualTo("%SRCROOT%");
    assertThat(physical.at("/region/startLine").asInt()).isEqualTo(8);
    assertThat(physical.at("/region/startColumn").asInt()).isEqualTo(65);
    assertThat(first.at("/locations/0/logicalLocations/0/name").asText()).isEqualTo("Task_Charge");
  }

  @Test
  void sarifOmitsWhatIsNotKnownOfALocation() throws Exception {
    JsonNode results = JSON.readTree(ReportFormat.SARIF.write(report, relative)).at("/runs/0/results");
    JsonNode noColumn = results.get(2).at("/locations/0/physicalLocation/region");
    assertThat(noColumn.path("startLine").asInt()).isEqualTo(12);
    assertThat(noColumn.has("startColumn")).isFalse();
    JsonNode noLine = results.get(0);
    assertThat(noLine.path("level").asText()).isEqualTo("note");
    assertThat(noLine.at("/locations/0/physicalLocation").has("region")).isFalse();
    assertThat(noLine.at("/locations/0").has("logicalLocations")).isFalse();
  }

  @Test
  void relativeUrisKeepAColonInTheFirstFolderFromReadingAsAScheme() {
    assertThat(SarifReport.relativeUri("c:models/x.bpmn")).isEqualTo("./c:models/x.bpmn");
    assertThat(SarifReport.relativeUri("Gênesis/a#b.bpmn")).isEqualTo("G%C3%AAnesis/a%23b.bpmn");
  }

  @Test
  void jsonReportCountsFindingsPerRuleAndLinksEachToItsDocs() throws Exception {
    JsonNode json = JSON.readTree(ReportFormat.JSON.write(report, absolute));
    assertThat(json.path("errors").asInt()).isEqualTo(2);
    assertThat(json.path("warnings").asInt()).isEqualTo(1);
    assertThat(json.at("/rules/bpmn-engine-parse/errors").asInt()).isEqualTo(1);
    assertThat(json.at("/rules/label-required/warnings").asInt()).isEqualTo(1);
    assertThat(json.at("/rules/unknown-new-rule/info").asInt()).isEqualTo(1);
    assertThat(json.at("/findings/1/docs").asText())
        .isEqualTo("https://pipeline.example.com/api/rules/bpmn-engine-parse");
    assertThat(JSON.readTree(ReportFormat.JSON.write(report, relative)).at("/findings/1/docs").asText())
        .isEqualTo("/api/rules/bpmn-engine-parse");
  }

  @Test
  void textReportIsOneLinePerFindingAndASummary() {
    List<String> lines = ReportFormat.TEXT.write(report, relative).lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).isEqualTo("info " + report.findings().get(0).describe());
    assertThat(lines.get(1)).isEqualTo("error " + report.findings().get(1).describe());
    assertThat(lines.get(4)).isEqualTo("2 errors, 1 warning, 1 info in 2 files");
  }

  @Test
  void htmlReportFetchesNothingFromTheNetwork() {
    String html = ReportFormat.HTML.write(report, relative);
    assertThat(html).doesNotContainPattern("(?i)<script[^>]+src=")
        .doesNotContainPattern("(?i)<link[^>]+href=")
        .doesNotContainPattern("(?i)url\\(\\s*['\"]?https?:")
        .contains("BpmnJS", ".djs-container");
  }

  @Test
  void htmlReportEscapesModelTextThatWouldEndTheScriptElement() {
    Report hostile = new Report(List.of(new Finding("Genesis/bpmn/order flow.bpmn", 3, 1, "Process_1",
        "label-required", Severity.WARNING, "</script><img src=x onerror=alert(1)>", "<b>fix</b>")));
    String html = ReportFormat.HTML.write(hostile, relative);
    assertThat(html).doesNotContain("<script>alert(1)", "<img src=x", "<b>fix</b>")
        .contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;")
        .contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)");
  }

  @Test
  void htmlReportEscapesHostileTextInTheTableAndInAttributes() {
    String file = "Genesis/bpmn/a \"quoted\" & <script>alert(1)</script>.bpmn";
    Report hostile = new Report(List.of(new Finding(file, 3, 1, "Task_\"'&<i>", "label-required", Severity.ERROR,
        "<script>alert(2)</script> & \"quotes\" 'too'", "fix & <b>bold</b>")));
    byte[] bytes = MODEL.getBytes(StandardCharsets.UTF_8);
    FetchedArtifact artifact = new FetchedArtifact(new Artifact(ArtifactType.BPMN, "a.bpmn", file, "abc"), "digest",
        bytes.length, bytes);

    String html = ReportFormat.HTML.write(hostile, new ReportContext(List.of(LABEL), List.of(artifact), Optional.empty()));

    Document page = Jsoup.parse(html);
    assertThat(html).doesNotContain("<script>alert(", "<i>", "<b>bold</b>")
        .contains("&lt;script&gt;alert(2)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;");
    assertThat(page.select("tr.finding td").eachText())
        .contains(file, "Task_\"'&<i>", "<script>alert(2)</script> & \"quotes\" 'too'", "fix & <b>bold</b>");
    assertThat(page.select("section.diagram").attr("data-file")).isEqualTo(file);
    assertThat(page.select("section.diagram h2").text()).isEqualTo(file);
    assertThat(page.select("tr.finding b, tr.finding i, section.diagram h2 script")).isEmpty();
  }

  @Test
  void htmlReportTablesEveryFindingWithItsRuleLinked() {
    String html = ReportFormat.HTML.write(report, relative);
    assertThat(html.split("<tr class=\"finding ", -1)).hasSize(report.findings().size() + 1);
    assertThat(html).contains("<a href=\"/api/rules/bpmn-engine-parse\">bpmn-engine-parse</a>",
        "<tr class=\"finding finding-error\">", "<tr class=\"finding finding-warning\">",
        "<span class=\"count count-error\">2 errors</span>");
  }

  @Test
  void htmlReportEmbedsEachBpmnModelWithItsFindingsByElement() throws Exception {
    String html = ReportFormat.HTML.write(report, relative);
    String data = html.substring(html.indexOf("<script type=\"application/json\" class=\"diagram-data\">"));
    data = data.substring(data.indexOf('>') + 1, data.indexOf("</script>"));
    JsonNode diagram = JSON.readTree(data);
    assertThat(diagram.path("xml").asText()).isEqualTo(MODEL);
    assertThat(diagram.at("/findings/Task_Charge/0/severity").asText()).isEqualTo("error");
    assertThat(diagram.at("/findings/Gateway_X/0/rule").asText()).isEqualTo("label-required");
    assertThat(diagram.at("/general/0/rule").asText()).isEqualTo("unknown-new-rule");
  }

  private static FetchedArtifact model() {
    byte[] bytes = MODEL.getBytes(StandardCharsets.UTF_8);
    return new FetchedArtifact(new Artifact(ArtifactType.BPMN, "order flow.bpmn", "Genesis/bpmn/order flow.bpmn",
        "abc"), "digest", bytes.length, bytes);
  }
}
