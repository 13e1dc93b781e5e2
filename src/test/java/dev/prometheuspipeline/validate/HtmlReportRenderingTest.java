package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report as a browser shows it: headless Chromium runs the inlined bpmn-js on real findings. */
class HtmlReportRenderingTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path temp;

  @Test
  void elementsWithFindingsAreMarkedRedForErrorsAndOrangeForWarnings() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "needs Chromium at /usr/bin/chromium (apt-get install chromium)");
    String valid = resource("validate/bpmn/valid.bpmn");
    // The review task becomes a service task with no implementation: an error the engine reports on it.
    String broken = valid.replaceFirst("<bpmn:userTask id=\"Task_Review\"[^>]*>",
            "<bpmn:serviceTask id=\"Task_Review\" name=\"Review request\">")
        .replace("</bpmn:userTask>", "</bpmn:serviceTask>");
    List<FetchedArtifact> artifacts = List.of(
        artifact("Genesis/bpmn/broken.bpmn", broken),
        artifact("Genesis/bpmn/gateway.bpmn", resource("validate/bpmn/gateway-without-default.bpmn")));
    Report report = new Validator(5_000_000).validate(artifacts);
    assertThat(report.errors()).extracting(Finding::elementId).containsExactly("Task_Review");
    Path page = temp.resolve("report.html");
    Files.writeString(page, ReportFormat.HTML.write(report, new ReportContext(List.of(), artifacts,
        Optional.empty())));

    String dom = renderedDom(page);

    assertThat(count(dom, "data-rendered=\"ok\"")).isEqualTo(2);
    String brokenDiagram = section(dom, "Genesis/bpmn/broken.bpmn");
    String gatewayDiagram = section(dom, "Genesis/bpmn/gateway.bpmn");
    assertThat(classesOf(brokenDiagram, "Task_Review")).contains("finding-error");
    assertThat(classesOf(brokenDiagram, "Gateway_Approved")).doesNotContain("finding-");
    assertThat(classesOf(gatewayDiagram, "Gateway_Approved")).contains("finding-warning");
    assertThat(classesOf(gatewayDiagram, "StartEvent_Requested")).doesNotContain("finding-");
    assertThat(dom).contains("class=\"finding-badge finding-badge-error\"");
  }

  private String renderedDom(Path page) throws IOException, InterruptedException {
    Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + temp.resolve("profile"), "--virtual-time-budget=10000",
        "--dump-dom", page.toUri().toString())
        .redirectError(temp.resolve("chromium.log").toFile())
        .start();
    String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    return dom;
  }

  /** The part of the page that draws one file. */
  private static String section(String dom, String file) {
    int start = dom.indexOf("data-file=\"" + file + "\"");
    assertThat(start).as("a section for " + file).isPositive();
    int end = dom.indexOf("<section class=\"diagram\"", start);
    return end < 0 ? dom.substring(start) : dom.substring(start, end);
  }

  /** The class attribute of the diagram element bpmn-js drew for a model element. */
  private static String classesOf(String dom, String elementId) {
    Matcher m = Pattern.compile("<g class=\"([^\"]*)\" data-element-id=\"" + Pattern.quote(elementId) + "\"")
        .matcher(dom);
    assertThat(m.find()).as("bpmn-js drew " + elementId).isTrue();
    return m.group(1);
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  private static FetchedArtifact artifact(String path, String xml) {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    return new FetchedArtifact(new Artifact(ArtifactType.BPMN, path.substring(path.lastIndexOf('/') + 1), path,
        "abc"), "digest", bytes.length, bytes);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = HtmlReportRenderingTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
