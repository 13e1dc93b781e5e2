package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerLinterTest {
  private static final String WORKER = "workers/notify";

  @TempDir Path worker;

  private final WorkerLinter linter = new WorkerLinter(Duration.ofMinutes(5), Duration.ofMinutes(2), 1_000_000);

  @BeforeAll
  static void nodeIsInstalled() {
    assumeTrue(runs(List.of("node", "--version")), "node is not on the PATH; the worker linter needs it");
  }

  @Test
  void withoutEslintEverySyntaxErrorIsReportedAtItsFileAndLine() throws IOException {
    write("index.js", "const send = require('./lib/send');\nmodule.exports = send;\n");
    write("lib/send.js", "function send(message) {\n  return message +;\n}\n");
    write("lib/format.mjs", "export const x = ;\n");
    write("node_modules/dep/broken.js", "this is not javascript\n");

    List<Finding> findings = linter.lint(worker, WORKER);

    assertThat(findings)
        .extracting(Finding::file, Finding::line, Finding::rule, Finding::severity)
        .containsExactly(
            tuple(WORKER + "/lib/format.mjs", 1, "worker-syntax", Severity.ERROR),
            tuple(WORKER + "/lib/send.js", 2, "worker-syntax", Severity.ERROR));
    assertThat(findings.get(1).message()).isEqualTo("SyntaxError: Unexpected token ';'");
    assertThat(findings.get(1).column()).isPositive();
  }

  @Test
  void aWorkerThatParsesHasNoFindings() throws IOException {
    write("index.js", "module.exports = (task) => task.complete();\n");

    assertThat(linter.lint(worker, WORKER)).isEmpty();
  }

  @Test
  void withoutNodeTheWorkerIsAWarningThatItWasNotLintedNotASilentPass() throws IOException {
    write("index.js", "module.exports = 1;\n");
    WorkerLinter noNode = new WorkerLinter(Duration.ofMinutes(1), Duration.ofMinutes(1), 10_000,
        "prometheus-no-such-node", "prometheus-no-such-npm", "prometheus-no-such-npx");

    List<Finding> findings = noNode.lint(worker, WORKER);

    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("worker-not-linted");
      assertThat(finding.severity()).isEqualTo(Severity.WARNING);
      assertThat(finding.file()).isEqualTo(WORKER);
      assertThat(finding.message()).contains("prometheus-no-such-node");
    });
  }

  @Test
  void anEslintWorkerWithoutLockFileIsAWarningAndStillGetsTheSyntaxCheck() throws IOException {
    write("package.json", "{\"name\":\"notify\",\"devDependencies\":{\"eslint\":\"^9\"}}");
    write("eslint.config.js", "module.exports = [];\n");
    write("index.js", "module.exports = ;\n");

    List<Finding> findings = linter.lint(worker, WORKER);

    assertThat(findings).extracting(Finding::rule).containsExactly("worker-not-linted", "worker-syntax");
    assertThat(findings.get(0).message()).contains("package-lock.json");
  }

  @Test
  void anEslintWorkerWhoseEslintIsNotInstalledIsAWarningNotASilentPass() throws IOException {
    assumeTrue(runs(List.of("npx", "--version")), "npx is not on the PATH; this test runs it");
    write("package.json", "{\"name\":\"notify\",\"scripts\":{\"lint\":\"eslint .\"}}");
    Files.createDirectories(worker.resolve("node_modules"));
    write("index.js", "module.exports = 1;\n");

    List<Finding> findings = linter.lint(worker, WORKER);

    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("worker-not-linted");
      assertThat(finding.message()).contains("ESLint did not run");
    });
  }

  @Test
  void eslintIsRecognisedByDependencyAndConfigOrByALintScript() throws IOException {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(WorkerLinter.usesEslint(worker, json.readTree("{\"devDependencies\":{\"eslint\":\"9\"}}"))).isFalse();
    assertThat(WorkerLinter.usesEslint(worker, json.readTree("{\"scripts\":{\"lint\":\"eslint src\"}}"))).isTrue();
    write("eslint.config.mjs", "export default [];\n");
    assertThat(WorkerLinter.usesEslint(worker, json.readTree("{\"devDependencies\":{\"eslint\":\"9\"}}"))).isTrue();
  }

  @Test
  void theWorkersOwnEslintReportsEachMessageWithItsRuleAndSeverity() throws IOException {
    assumeTrue(runs(List.of("npm", "view", "eslint@9", "version")),
        "the npm registry cannot be reached, so eslint cannot be installed for this test");
    write("package.json", "{\"name\":\"notify\",\"version\":\"1.0.0\",\"private\":true,"
        + "\"devDependencies\":{\"eslint\":\"^9\"}}");
    write("eslint.config.js", "module.exports = [{\n  files: [\"**/*.js\"],\n"
        + "  languageOptions: { sourceType: \"commonjs\" },\n"
        + "  rules: { \"no-unused-vars\": \"error\", \"eqeqeq\": \"warn\" }\n}];\n");
    write("index.js", "const unused = 1;\nmodule.exports = function (a) {\n  return a == 1;\n};\n");
    assumeTrue(runsIn(worker, List.of("npm", "install", "--package-lock-only", "--ignore-scripts", "--no-audit",
        "--no-fund")), "npm could not resolve eslint from the registry to write package-lock.json");

    List<Finding> findings = linter.lint(worker, WORKER);

    assertThat(worker.resolve("node_modules/eslint")).isDirectory();
    assertThat(findings)
        .extracting(Finding::file, Finding::line, Finding::column, Finding::rule, Finding::severity)
        .containsExactlyInAnyOrder(
            tuple(WORKER + "/index.js", 1, 7, "worker-eslint", Severity.ERROR),
            tuple(WORKER + "/index.js", 3, 12, "worker-eslint", Severity.WARNING));
    assertThat(findings).extracting(Finding::message)
        .anySatisfy(message -> assertThat(message).startsWith("no-unused-vars: "))
        .anySatisfy(message -> assertThat(message).startsWith("eqeqeq: "));
  }

  private void write(String path, String content) throws IOException {
    Path file = worker.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static boolean runs(List<String> command) {
    return runsIn(Path.of("."), command);
  }

  private static boolean runsIn(Path directory, List<String> command) {
    try {
      return ToolRun.run(command, directory, Duration.ofMinutes(5), 100_000).exitCode() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
