package dev.prometheuspipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoveragePageTest {
  // validar as it was when these figures were counted (kept for the migration test): the page is under
  // test here, not the model.
  private static final FetchedArtifact VALIDAR = Models.at("Pipeline/bpmn/validar.bpmn", "migration/validar-v1.bpmn");
  private static final FetchedArtifact DESCONTO = Models.at("Loja/dmn/desconto.dmn", "testing/coverage/desconto.dmn");
  private static final ExecutionTrace HAPPY_PATH = new ExecutionTrace(
      Map.of("validar", Set.of("StartEvent_ValidationRequested", "Task_FetchArtifacts", "Task_ValidateArtifacts",
          "Task_TestArtifacts", "EndEvent_Validated")),
      Map.of("validar", Set.of("Flow_ToFetch", "Flow_ToValidate", "Flow_ToTest", "Flow_ToValidated")),
      Map.of("desconto", Set.of("Rule_Gold")));

  @Test
  void showsTheFiguresAndNamesWhatNoTestPassed() {
    Document page = Jsoup.parse(page(List.of(VALIDAR, DESCONTO)));

    // validar: 11 flow nodes and 7 sequence flows; the happy path passes 5 and 4. desconto: 1 of 3 rules.
    assertThat(page.select("p.summary").text())
        .contains("Combined: 47.6% (10 of 21", "Processes: 50.0%", "Decision tables: 33.3%");
    assertThat(page.select("table.processes td").eachText()).contains("9 / 18", "50.0%");
    assertThat(page.select("table.processes").text()).contains("\"Fetch failed\" (BoundaryEvent_FetchFailed)");
    assertThat(page.select("table.decisions").text()).contains("\"Rule 3: Everyone else\" (Rule_None)");
    assertThat(page.select(".legend").text()).contains("passed by a test", "not passed by any test");
  }

  @Test
  void inlinesTheViewerSoThePageNeedsNoNetwork() {
    Document page = Jsoup.parse(page(List.of(VALIDAR)));

    assertThat(page.select("script[src], link[href]")).isEmpty();
    assertThat(page.select("script").html()).contains("BpmnJS");
    assertThat(page.select("div.canvas")).hasSize(1);
  }

  @Test
  void aModelCannotCloseTheScriptThatCarriesIt() {
    String hostile = new String(Models.read("migration/validar-v1.bpmn"), StandardCharsets.UTF_8)
        .replace("<bpmn:documentation>", "<bpmn:documentation><![CDATA[</script><script>alert(1)</script>]]>");
    FetchedArtifact model = Models.artifact(ArtifactType.BPMN, "Pipeline/bpmn/<b>validar</b>.bpmn",
        hostile.getBytes(StandardCharsets.UTF_8));

    String html = page(List.of(model));

    assertThat(html).doesNotContain("<b>validar</b>").contains("&lt;b&gt;validar&lt;/b&gt;");
    String data = Jsoup.parse(html).getElementById("coverage-data").data();
    assertThat(data).doesNotContain("</").contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)");
  }

  @Test
  void hostileNamesInTheModelAndTitleComeOutAsText() {
    String hostile = new String(Models.read("migration/validar-v1.bpmn"), StandardCharsets.UTF_8)
        .replace("name=\"Validate release (validar)\"", "name=\"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;\"")
        .replace("<bpmn:boundaryEvent id=\"BoundaryEvent_FetchFailed\" name=\"Fetch failed\"",
            "<bpmn:boundaryEvent id=\"BoundaryEvent_FetchFailed\" name=\"Fetch &lt;b&gt;failed&lt;/b&gt; &amp; 'gone'\"");
    FetchedArtifact model = Models.artifact(ArtifactType.BPMN, "Pipeline/bpmn/a \"quoted\" & <i>odd</i>.bpmn",
        hostile.getBytes(StandardCharsets.UTF_8));

    String html = CoveragePage.page("Coverage of <script>x</script> & \"r-42\"", List.of(model),
        CoverageCounter.count(List.of(model), HAPPY_PATH));

    assertThat(html).doesNotContain("<script>alert(1)", "<script>x", "<b>failed</b>", "<i>odd</i>")
        .contains("<title>Coverage of &lt;script&gt;x&lt;/script&gt; &amp; &quot;r-42&quot;</title>",
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; (validar)",
            "&quot;Fetch &lt;b&gt;failed&lt;/b&gt; &amp; &#39;gone&#39;&quot; (BoundaryEvent_FetchFailed)");
    Document page = Jsoup.parse(html);
    assertThat(page.select("h1").text()).isEqualTo("Coverage of <script>x</script> & \"r-42\"");
    assertThat(page.select("section.coverage h3").first().text())
        .isEqualTo("Pipeline/bpmn/a \"quoted\" & <i>odd</i>.bpmn");
    assertThat(page.select("table.processes b, section.coverage h3 i")).isEmpty();
  }

  @Test
  void rendersEveryDiagramWithItsMarkersInABrowser(@TempDir Path dir) throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    assumeThat(Files.isExecutable(chromium)).as("needs headless Chromium at /usr/bin/chromium").isTrue();
    Path file = dir.resolve("coverage.html");
    Files.writeString(file, page(List.of(VALIDAR, DESCONTO)));

    Document rendered = Jsoup.parse(dumpDom(chromium, file, dir));

    assertThat(rendered.select("div.canvas").attr("data-rendered")).isEqualTo("ok");
    assertThat(rendered.select("g.djs-element.covered[data-element-id]").eachAttr("data-element-id"))
        .contains("Task_FetchArtifacts", "Flow_ToFetch", "EndEvent_Validated");
    assertThat(rendered.select("g.djs-element.uncovered[data-element-id]").eachAttr("data-element-id"))
        .contains("BoundaryEvent_FetchFailed", "Flow_FetchFailed", "EndEvent_FetchFailed");
  }

  private static String page(List<FetchedArtifact> models) {
    return CoveragePage.page("Coverage of r-42", models, CoverageCounter.count(models, HAPPY_PATH));
  }

  static String dumpDom(Path chromium, Path file, Path dir) throws IOException, InterruptedException {
    Path out = dir.resolve("dom.html");
    Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=5000",
        "--dump-dom", file.toUri().toString())
        .redirectOutput(out.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    if (!browser.waitFor(60, TimeUnit.SECONDS)) {
      browser.descendants().forEach(ProcessHandle::destroyForcibly);
      browser.destroyForcibly();
      throw new IllegalStateException("Chromium did not finish in 60 s");
    }
    return Files.readString(out);
  }
}
