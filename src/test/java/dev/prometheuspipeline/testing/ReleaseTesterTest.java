package dev.prometheuspipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.StageStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test stage's core on the sample products and their own tests, as the pipeline fetches them. */
class ReleaseTesterTest {
  private static final List<dev.prometheuspipeline.release.FetchedArtifact> SAMPLE = List.of(
      Models.at("Genesis/bpmn/pedido.bpmn", "fixtures/Genesis/bpmn/pedido.bpmn"),
      Models.at("Genesis/dmn/desconto.dmn", "fixtures/Genesis/dmn/desconto.dmn"),
      Models.at("Genesis/forms/conferir-pedido.form", "fixtures/Genesis/forms/conferir-pedido.form"),
      Models.at("Prometheus/bpmn/triagem.bpmn", "fixtures/Prometheus/bpmn/triagem.bpmn"),
      Models.at("Prometheus/forms/chamado.html", "fixtures/Prometheus/forms/chamado.html"));
  private static final List<TestFile> SAMPLE_TESTS = List.of(
      test("tests/Genesis/pedido.json"), test("Genesis/tests/desconto.dmn-test.json"), test("tests/Prometheus/triagem.json"));

  private final ReleaseTester tester = new ReleaseTester(
      new SandboxTester(), new ModelTests(1, Duration.ofSeconds(60)), new WorkerTests(true), Duration.ofMinutes(2));

  @TempDir Path tmp;

  @Test
  void theSampleProductsPassTheirOwnTestsWithFullCoverage() {
    ReleaseTestOutcome outcome = tester.test(SAMPLE, SAMPLE_TESTS, Map.of());

    assertThat(outcome.status()).as(failures(outcome)).isEqualTo(StageStatus.SUCCESS);
    assertThat(outcome.passed()).isEqualTo(5);
    assertThat(outcome.failed()).isZero();
    assertThat(outcome.coveragePercent()).contains(100.0);
    assertThat(outcome.coverableModels()).isEqualTo(3);
  }

  @Test
  void noDeclaredTestIsSkippedWithTheReasonAndNoCoverage() {
    ReleaseTestOutcome outcome = tester.test(SAMPLE, List.of(), Map.of());

    assertThat(outcome.status()).isEqualTo(StageStatus.SKIPPED);
    assertThat(outcome.skipReason()).hasValueSatisfying(reason -> assertThat(reason).contains("no tests declared"));
    assertThat(outcome.coveragePercent()).isEmpty();
    assertThat(outcome.coverableModels()).isEqualTo(3);
  }

  @Test
  void aFailingScenarioFailsTheStageAndLowersCoverage() {
    TestFile wrong = new TestFile("tests/Genesis/wrong.json", """
        {"testCases": [{"name": "Small orders get a discount", "instructions": [
          {"type": "CREATE_PROCESS_INSTANCE", "processDefinitionSelector": {"processDefinitionId": "pedido"}},
          {"type": "COMPLETE_USER_TASK", "userTaskSelector": {"elementId": "Task_ConferirPedido"},
           "variables": {"valor": 10.0, "conferido": true}},
          {"type": "ASSERT_VARIABLES", "processInstanceSelector": {"processDefinitionId": "pedido"},
           "variables": {"desconto": 0.5}}]}]}
        """.getBytes(StandardCharsets.UTF_8));

    ReleaseTestOutcome outcome = tester.test(SAMPLE, List.of(wrong), Map.of());

    assertThat(outcome.status()).isEqualTo(StageStatus.FAILED);
    assertThat(outcome.failed()).isEqualTo(1);
    assertThat(outcome.run().results().get(0).failure()).hasValueSatisfying(failure -> {
      assertThat(failure.step()).isEqualTo(3);
      assertThat(failure.message()).contains("desconto");
    });
    // triagem never ran and the discount table's first rule never fired
    assertThat(outcome.coveragePercent()).hasValueSatisfying(percent -> assertThat(percent).isLessThan(80.0));
  }

  @Test
  void modelsThatDoNotDeployFailWithoutRunningTheirTests() {
    var broken = Models.artifact(dev.prometheuspipeline.release.ArtifactType.BPMN, "Genesis/bpmn/pedido.bpmn",
        Models.read("fixtures/broken-pedido.bpmn"));

    ReleaseTestOutcome outcome = tester.test(List.of(broken), SAMPLE_TESTS, Map.of());

    assertThat(outcome.status()).isEqualTo(StageStatus.FAILED);
    assertThat(outcome.deployment().failed()).isEqualTo(1);
    assertThat(outcome.run().modelResults()).isEmpty();
  }

  @Test
  void aWorkersOwnTestsCountBesideTheModelTests() throws Exception {
    Path worker = Files.createDirectories(tmp.resolve("worker"));
    Files.writeString(worker.resolve("package.json"),
        "{\"name\":\"w\",\"version\":\"1.0.0\",\"scripts\":{\"test\":\"node --test --test-reporter=junit"
            + " --test-reporter-destination=junit.xml\"}}");
    Files.writeString(worker.resolve("package-lock.json"),
        "{\"name\":\"w\",\"version\":\"1.0.0\",\"lockfileVersion\":3,\"requires\":true,\"packages\":{\"\":{\"name\":\"w\",\"version\":\"1.0.0\"}}}");
    Files.writeString(worker.resolve("sum.test.js"),
        "const test = require('node:test'); const assert = require('node:assert');\n"
            + "test('adds', () => assert.strictEqual(1 + 1, 2));\n");
    org.junit.jupiter.api.Assumptions.assumeTrue(onPath("npm"), "npm is not on PATH");

    ReleaseTestOutcome outcome = tester.test(SAMPLE, SAMPLE_TESTS, Map.of("workers/classificar", worker));

    assertThat(outcome.status()).as(failures(outcome)).isEqualTo(StageStatus.SUCCESS);
    assertThat(outcome.passed()).isEqualTo(6);
    assertThat(outcome.run().workers()).singleElement()
        .satisfies(run -> assertThat(run.runner()).isEqualTo(WorkerRun.Runner.NPM));
  }

  private static String failures(ReleaseTestOutcome outcome) {
    return outcome.deployment().failures() + " " + outcome.run().results().stream()
        .filter(r -> r.failure().isPresent()).map(r -> r.file() + " " + r.name() + ": " + r.failure().get().message())
        .toList();
  }

  private static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    return java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }

  private static TestFile test(String path) {
    return new TestFile(path, Models.read("fixtures/" + path));
  }
}
