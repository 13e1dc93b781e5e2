package dev.prometheuspipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.testing.TestResult.Failure;
import dev.prometheuspipeline.testing.TestResult.Kind;
import dev.prometheuspipeline.testing.TestResult.Status;
import dev.prometheuspipeline.testing.WorkerRun.Runner;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TestReportsTest {
  private static final FetchedArtifact PEDIDO = Models.at("Loja/bpmn/pedido.bpmn", "testing/coverage/pedido.bpmn");
  private static final FetchedArtifact DESCONTO = Models.at("Loja/dmn/desconto.dmn", "testing/coverage/desconto.dmn");
  private static final ExecutionTrace SHIPPED = new ExecutionTrace(
      Map.of("pedido", Set.of("StartEvent_Received", "Task_Check", "Gateway_Ok", "EndEvent_Rejected")),
      Map.of("pedido", Set.of("Flow_1", "Flow_2", "Flow_No")),
      Map.of("desconto", Set.of("Rule_Gold")));

  private static final TestResult REJECTED = new TestResult("tests/Loja/pedido.json", "rejects a bad order",
      Kind.SCENARIO, Status.PASSED, Duration.ofMillis(120), Optional.empty(), SHIPPED);
  private static final TestResult SHIPS = new TestResult("tests/Loja/pedido.json", "ships a <good> order",
      Kind.SCENARIO, Status.FAILED, Duration.ofMillis(80),
      Optional.of(new Failure(3, "ASSERT_PROCESS_INSTANCE", "passed \"Ship order\" (SubProcess_Ship)",
          "ended at \"Order rejected\" (EndEvent_Rejected)", "the order ended at \"Order rejected\" (EndEvent_Rejected)"
          + " \u0001")),
      ExecutionTrace.EMPTY);
  private static final TestResult HANGS = new TestResult("tests/Loja/pedido.json", "waits for payment",
      Kind.SCENARIO, Status.TIMED_OUT, Duration.ofSeconds(30),
      Optional.of(new Failure(2, "COMPLETE_JOB", "finished within 30 s", "still running", "stopped after 30 s")),
      ExecutionTrace.EMPTY);
  private static final TestResult GOLD = new TestResult("tests/Loja/desconto.json", "gold gets ten percent",
      Kind.DECISION, Status.PASSED, Duration.ofMillis(5), Optional.empty(), ExecutionTrace.EMPTY);
  private static final TestResult LATER = new TestResult("tests/Loja/desconto.json", "silver, later",
      Kind.DECISION, Status.SKIPPED, Duration.ZERO, Optional.empty(), ExecutionTrace.EMPTY);
  private static final WorkerRun WORKER = new WorkerRun("workers/pagamento", Runner.NPM, List.of(
      new TestResult("workers/pagamento", "charges two percent", Kind.WORKER, Status.PASSED, Duration.ofMillis(2),
          Optional.empty(), ExecutionTrace.EMPTY)), true, Optional.of(new WorkerCoverage(8, 10, "lcov.info")),
      "$ npm test\nok");

  private static final List<TestResult> MODEL_RESULTS = List.of(REJECTED, SHIPS, HANGS, GOLD, LATER);
  private static final TestRun RUN = new TestRun(MODEL_RESULTS,
      CoverageCounter.count(List.of(PEDIDO, DESCONTO), SHIPPED), List.of(WORKER));

  @Test
  void junitXmlHasOneSuitePerFileWithSurefireCounts() throws Exception {
    org.w3c.dom.Document xml = parse(TestReports.junitXml(RUN.results()));

    Element suites = xml.getDocumentElement();
    assertThat(suites.getTagName()).isEqualTo("testsuites");
    assertThat(suites.getAttribute("tests")).isEqualTo("6");
    assertThat(suites.getAttribute("failures")).isEqualTo("1");
    assertThat(suites.getAttribute("errors")).isEqualTo("1");
    assertThat(suites.getAttribute("skipped")).isEqualTo("1");
    NodeList suiteList = xml.getElementsByTagName("testsuite");
    assertThat(suiteList.getLength()).isEqualTo(3);
    Element pedido = (Element) suiteList.item(0);
    assertThat(pedido.getAttribute("name")).isEqualTo("tests/Loja/pedido.json");
    assertThat(pedido.getAttribute("tests")).isEqualTo("3");
    assertThat(pedido.getAttribute("time")).isEqualTo("30.200");
    Element firstCase = (Element) pedido.getElementsByTagName("testcase").item(0);
    assertThat(firstCase.getAttribute("classname")).isEqualTo("tests.Loja.pedido");
    assertThat(firstCase.getAttribute("time")).isEqualTo("0.120");
  }

  @Test
  void junitXmlReportsATimeOutAsAnErrorAndAFailureWithItsStep() throws Exception {
    org.w3c.dom.Document xml = parse(TestReports.junitXml(RUN.results()));

    Element failure = (Element) xml.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("failed");
    assertThat(failure.getAttribute("message")).startsWith("the order ended at \"Order rejected\"");
    assertThat(failure.getTextContent()).contains("step: 3 ASSERT_PROCESS_INSTANCE",
        "expected: passed \"Ship order\" (SubProcess_Ship)", "actual: ended at \"Order rejected\"");
    Element error = (Element) xml.getElementsByTagName("error").item(0);
    assertThat(error.getAttribute("type")).isEqualTo("timed-out");
    assertThat(((Element) error.getParentNode()).getAttribute("name")).isEqualTo("waits for payment");
    assertThat(xml.getElementsByTagName("skipped").getLength()).isEqualTo(1);
  }

  @Test
  void junitXmlStaysWellFormedWhatEverATestPrinted() throws Exception {
    String xml = TestReports.junitXml(List.of(SHIPS));

    assertThat(xml).doesNotContain("\u0001").contains("ships a &lt;good&gt; order");
    assertThat(parse(xml).getElementsByTagName("testcase").getLength()).isEqualTo(1);
  }

  @Test
  void jsonCarriesEveryResultTheCountsAndTheCoverageBreakdown() throws Exception {
    JsonNode json = new ObjectMapper().readTree(TestReports.json(RUN));

    assertThat(json.at("/summary/tests").asInt()).isEqualTo(6);
    assertThat(json.at("/summary/passed").asInt()).isEqualTo(3);
    assertThat(json.at("/summary/timedOut").asInt()).isEqualTo(1);
    assertThat(json.at("/byKind/decision/skipped").asInt()).isEqualTo(1);
    assertThat(json.at("/byKind/worker/passed").asInt()).isEqualTo(1);
    assertThat(json.at("/results/1/failure/step").asInt()).isEqualTo(3);
    assertThat(json.at("/results/1/failure/expected").asText()).isEqualTo("passed \"Ship order\" (SubProcess_Ship)");
    // pedido: 4 flow nodes and 3 flows of 25; desconto: 1 rule of 3.
    assertThat(json.at("/coverage/covered").asInt()).isEqualTo(8);
    assertThat(json.at("/coverage/total").asInt()).isEqualTo(28);
    assertThat(json.at("/coverage/processes/0/uncovered").size()).isEqualTo(18);
    assertThat(json.at("/coverage/decisions/0/unfired/0/id").asText()).isEqualTo("Rule_Silver");
    assertThat(json.at("/workerCoverage/ratio").asDouble()).isEqualTo(0.8);
    assertThat(json.at("/workers/0/output").asText()).contains("npm test");
  }

  @Test
  void theRunCountsPassedAndFailedAsTheContractDoes() {
    assertThat(RUN.passed()).isEqualTo(3);
    assertThat(RUN.failed()).isEqualTo(2);
  }

  @Test
  void htmlShowsSummaryFailuresInTheModelsWordsResultsPerFileAndTheCoveragePicture() {
    Document page = Jsoup.parse(TestReports.html("Tests of r-42", RUN, List.of(PEDIDO, DESCONTO)));

    assertThat(page.select("section.summary td").eachText()).containsSequence("All", "6", "3", "1", "0", "1", "1");
    assertThat(page.select("section.summary").text()).contains("Worker line coverage: 80.0%");
    assertThat(page.select("section.failures article")).hasSize(2);
    assertThat(page.select("section.failures article").first().text())
        .contains("ships a <good> order", "3 ASSERT_PROCESS_INSTANCE", "passed \"Ship order\" (SubProcess_Ship)");
    assertThat(page.select("section.files h3").eachText())
        .containsExactly("tests/Loja/pedido.json", "tests/Loja/desconto.json", "workers/pagamento");
    assertThat(page.select("section.workers pre").text()).contains("$ npm test");
    assertThat(page.select("section.coverage div.canvas")).hasSize(1);
    assertThat(page.getElementById("coverage-data")).isNotNull();
    assertThat(page.html()).doesNotContain("<good>");
  }

  @Test
  void htmlEscapesHostileTextFromTestsAndWorkers() {
    TestResult hostile = new TestResult("tests/Loja/<b>x</b>.json", "a \"quoted\" & <script>alert(1)</script> test",
        Kind.SCENARIO, Status.ERROR, Duration.ofMillis(1),
        Optional.of(new Failure(1, "<i>STEP</i>", "'single' & \"double\"", "<img src=x onerror=alert(2)>",
            "broke with </pre><script>alert(3)</script>")), ExecutionTrace.EMPTY);
    WorkerRun worker = new WorkerRun("workers/<u>w</u>", Runner.NPM, List.of(new TestResult("workers/<u>w</u>",
        "charges & 'rounds'", Kind.WORKER, Status.PASSED, Duration.ofMillis(1), Optional.empty(), ExecutionTrace.EMPTY)),
        false, Optional.empty(),
        "</pre></details><script>alert(4)</script> & done");
    TestRun run = new TestRun(List.of(hostile), CoverageCounter.count(List.of(PEDIDO), SHIPPED), List.of(worker));

    String html = TestReports.html("Tests of <script>alert(0)</script> & \"r\"", run, List.of(PEDIDO));

    assertThat(html).doesNotContain("<script>alert(", "<img src=x", "<b>x</b>", "<i>STEP</i>", "<u>w</u>")
        .contains("<title>Tests of &lt;script&gt;alert(0)&lt;/script&gt; &amp; &quot;r&quot;</title>",
            "a &quot;quoted&quot; &amp; &lt;script&gt;alert(1)&lt;/script&gt; test",
            "&#39;single&#39; &amp; &quot;double&quot;",
            "&lt;/pre&gt;&lt;/details&gt;&lt;script&gt;alert(4)&lt;/script&gt; &amp; done");
    Document page = Jsoup.parse(html);
    assertThat(page.select("section.failures h3").text())
        .isEqualTo("error tests/Loja/<b>x</b>.json › a \"quoted\" & <script>alert(1)</script> test");
    assertThat(page.select("section.failures pre").text()).isEqualTo("<img src=x onerror=alert(2)>");
    assertThat(page.select("section.workers pre").text()).isEqualTo("</pre></details><script>alert(4)</script> & done");
    assertThat(page.select("body b, body u, body img, section.failures i")).isEmpty();
  }

  private static org.w3c.dom.Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
