package dev.prometheuspipeline.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code java -jar app.jar test <dir>} on a working copy of the sample products and their own tests. */
class TestCommandTest {
  private static final List<String> SAMPLE = List.of(
      "Genesis/bpmn/pedido.bpmn", "Genesis/dmn/desconto.dmn", "Genesis/forms/conferir-pedido.form",
      "Prometheus/bpmn/triagem.bpmn", "Prometheus/forms/chamado.html");
  private static final List<String> SAMPLE_TESTS = List.of(
      "tests/Genesis/pedido.json", "Genesis/tests/desconto.dmn-test.json", "tests/Prometheus/triagem.json");

  /** A folder of DMN TCK cases in the TCK's published layout: each test case file beside its model. */
  private static final List<String> TCK = List.of(
      "compliance-level-2/0001-approval-unique/0001-approval-unique.dmn",
      "compliance-level-2/0001-approval-unique/0001-approval-unique-test-01.xml",
      "compliance-level-2/0002-shipping-multi-output/0002-shipping-multi-output.dmn",
      "compliance-level-2/0002-shipping-multi-output/0002-shipping-multi-output-test-01.xml");

  @TempDir Path temp;
  private Path products;

  @BeforeEach
  void workingCopy() throws IOException {
    products = temp.resolve("products");
    for (String path : SAMPLE) {
      copy("fixtures/" + path, products.resolve(path));
    }
  }

  @Test
  void passingTestsWithFullCoverageExitZeroAndWriteJunitXml() throws Exception {
    for (String path : SAMPLE_TESTS) {
      copy("fixtures/" + path, products.resolve(path));
    }
    Path junit = temp.resolve("junit.xml");
    Path html = temp.resolve("report.html");

    Run run = test(products, "--junit", junit.toString(), "--html", html.toString(), "--parallelism", "1");

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).isEqualTo("5 passed, 0 failed; coverage 100.0% (2 processes, 1 decision table)\n");
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    assertThat(xml.getDocumentElement().getAttribute("tests")).isEqualTo("5");
    assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("0");
    assertThat(Files.readString(html)).contains("<html", "pedido");
  }

  @Test
  void aFailingScenarioIsNamedWithItsStepAndExitsOne() throws IOException {
    Files.createDirectories(products.resolve("tests/Genesis"));
    Files.writeString(products.resolve("tests/Genesis/wrong.json"), """
        {"testCases": [{"name": "Orders are never checked", "instructions": [
          {"type": "CREATE_PROCESS_INSTANCE", "processDefinitionSelector": {"processDefinitionId": "pedido"}},
          {"type": "ASSERT_PROCESS_INSTANCE", "processInstanceSelector": {"processDefinitionId": "pedido"},
           "state": "IS_COMPLETED"}]}]}
        """);

    Run run = test(products, "--parallelism", "1");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("failed tests/Genesis/wrong.json \"Orders are never checked\"", "step 2")
        .contains("0 passed, 1 failed");
  }

  @Test
  void modelsWithoutDeclaredTestsExitOneAndSayWhy() {
    Run run = test(products);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("coverage not measured", "skipped: no tests declared");
  }

  @Test
  void aBadTimeoutIsAUsageError() {
    Run run = test(products, "--timeout", "soon");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--timeout: not a duration", "usage: test <dir>");
  }

  @Test
  void tckCasesAsPublishedRunAndCountPerTestCaseThoughTheirModelsHaveNoHistoryTimeToLive() throws Exception {
    Path tck = temp.resolve("tck");
    for (String path : TCK) {
      copy("testing/tck/" + path, tck.resolve(path));
    }
    Path junit = temp.resolve("tck-junit.xml");

    Run run = test(tck, "--junit", junit.toString(), "--parallelism", "1");

    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("6 passed, 0 failed").doesNotContain("ENGINE-12018\nfailed", "\nfailed ");
    assertThat(run.out().lines().filter(line -> line.startsWith("validation error ")))
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).contains(".dmn: ", "History Time To Live"));
    Document report = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    assertThat(report.getElementsByTagName("testcase").getLength()).isEqualTo(6);
  }

  @Test
  void oneChangedExpectedValueInATckFileFailsAndNamesThatTestCase() throws Exception {
    Path tck = temp.resolve("tck");
    for (String path : TCK) {
      copy("testing/tck/" + path, tck.resolve(path));
    }
    Path cases = tck.resolve(TCK.get(3));
    Files.writeString(cases, Files.readString(cases).replace(
        "<value xsi:type=\"xsd:string\">Courier</value>", "<value xsi:type=\"xsd:string\">Drone</value>"));

    Run run = test(tck, "--parallelism", "1");

    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).contains("5 passed, 1 failed")
        .contains("failed " + TCK.get(3) + " \"002: A light express parcel goes by courier\"",
            "testCase \"002\"", "\"Courier\"", "\"Drone\"");
  }

  private static Run test(Path dir, String... options) {
    List<String> args = new ArrayList<>(List.of("test", dir.toString()));
    args.addAll(List.of(options));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    OptionalInt exit = Commands.run(args.toArray(String[]::new), print(out), print(err));
    return new Run(exit.orElseThrow(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static void copy(String resource, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (InputStream in = TestCommandTest.class.getClassLoader().getResourceAsStream(resource)) {
      Files.copy(in, target);
    }
  }

  private record Run(int exit, String out, String err) {}
}
