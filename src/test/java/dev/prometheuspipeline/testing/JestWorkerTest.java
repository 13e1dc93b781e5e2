package dev.prometheuspipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.prometheuspipeline.testing.TestResult.Status;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's stack: a worker tested with Jest, installed from the npm registry by npm ci. */
class JestWorkerTest {
  @TempDir
  Path dir;

  @Test
  void readsJestsJsonAndCoverageSummary() throws Exception {
    assumeThat(WorkerTestsTest.onPath("npm")).as("needs node and npm on PATH").isTrue();
    write("package.json", """
        {"name": "cobranca", "version": "1.0.0", "private": true, "scripts": {"test": "jest"},
         "devDependencies": {"jest": "29.7.0"}}
        """);
    assumeThat(npm("install", "--package-lock-only", "--no-audit", "--no-fund", "--fetch-timeout=20000", "--fetch-retries=1"))
        .as("needs the npm registry to lock Jest; skipped when https://registry.npmjs.org cannot be reached")
        .isZero();
    write("src/fee.js", """
        exports.fee = (amount) => amount * 0.02;
        exports.refund = (amount) => {
          return -amount;
        };
        """);
    write("test/fee.test.js", """
        const { fee } = require('../src/fee');
        describe('fee', () => {
          test('charges two percent', () => expect(fee(100)).toBe(2));
          test('charges three percent', () => expect(fee(100)).toBe(3));
        });
        """);
    write("test/broken.test.js", "const x = ;\n");

    WorkerRun run = new WorkerTests(true).run("workers/cobranca", dir, Duration.ofMinutes(5));

    assertThat(run.countsKnown()).as(run.output()).isTrue();
    assertThat(run.results()).extracting(TestResult::file, TestResult::name, TestResult::status).containsExactlyInAnyOrder(
        tuple("workers/cobranca/test/fee.test.js", "fee charges two percent", Status.PASSED),
        tuple("workers/cobranca/test/fee.test.js", "fee charges three percent", Status.FAILED),
        tuple("workers/cobranca/test/broken.test.js", "(test file)", Status.ERROR));
    TestResult failed = run.results().stream().filter(r -> r.status() == Status.FAILED).findFirst().orElseThrow();
    assertThat(failed.failure().orElseThrow().actual()).contains("Expected: 3", "Received: 2").doesNotContain("\u001B[");
    WorkerCoverage coverage = run.coverage().orElseThrow();
    assertThat(coverage.source()).isEqualTo("jest coverage/coverage-summary.json");
    assertThat(coverage.coveredLines()).isPositive().isLessThan(coverage.totalLines());
  }

  private int npm(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("npm"));
    command.addAll(List.of(args));
    Process npm = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("npm-setup.log").toFile()).redirectInput(new File("/dev/null")).start();
    if (!npm.waitFor(3, TimeUnit.MINUTES)) {
      npm.descendants().forEach(ProcessHandle::destroyForcibly);
      npm.destroyForcibly();
      return -1;
    }
    return npm.exitValue();
  }

  private void write(String path, String content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
