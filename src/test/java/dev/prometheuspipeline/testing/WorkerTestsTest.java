package dev.prometheuspipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.prometheuspipeline.testing.TestResult.Status;
import dev.prometheuspipeline.testing.WorkerRun.Runner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real worker repositories run by real npm, Node and Maven. */
class WorkerTestsTest {
  private static final Duration ENOUGH = Duration.ofMinutes(3);
  /** Node's own runner, writing JUnit XML and lcov: a worker that needs nothing from the registry. */
  private static final String NODE_TEST = "node --test --experimental-test-coverage --test-reporter=junit "
      + "--test-reporter-destination=junit.xml --test-reporter=lcov --test-reporter-destination=lcov.info";
  private static final String LIB = """
      exports.fee = (amount) => amount * 0.02;
      exports.refund = (amount) => {
        return -amount;
      };
      """;

  private final WorkerTests workerTests = new WorkerTests(true);

  @TempDir
  Path dir;

  @BeforeAll
  static void needsNodeAndNpm() {
    assumeThat(onPath("npm")).as("needs node and npm on PATH").isTrue();
  }

  @Test
  void runsEachNodeTestAndReadsItsJUnitReportAndLineCoverage() throws IOException {
    npmWorker(NODE_TEST, true);
    write("lib.js", LIB);
    write("fee.test.js", """
        const test = require('node:test');
        const assert = require('node:assert');
        const { fee } = require('./lib');
        test('charges two percent', () => assert.strictEqual(fee(100), 2));
        test('charges nothing on zero', () => assert.strictEqual(fee(0), 0));
        """);

    WorkerRun run = workerTests.run("workers/pagamento", dir, ENOUGH);

    assertThat(run.runner()).isEqualTo(Runner.NPM);
    assertThat(run.countsKnown()).isTrue();
    assertThat(run.results()).extracting(TestResult::name)
        .containsExactlyInAnyOrder("charges two percent", "charges nothing on zero");
    assertThat(run.results()).allMatch(TestResult::passed);
    assertThat(run.results()).allMatch(r -> r.kind() == TestResult.Kind.WORKER && r.file().equals("workers/pagamento"));
    WorkerCoverage coverage = run.coverage().orElseThrow();
    assertThat(coverage.source()).isEqualTo("workers/pagamento/lcov.info");
    assertThat(coverage.coveredLines()).isPositive().isLessThan(coverage.totalLines());
    assertThat(run.output()).contains("$ " + which("npm") + " ci", "$ " + which("npm") + " test");
  }

  @Test
  void aFailingTestCarriesItsAssertionMessage() throws IOException {
    npmWorker(NODE_TEST, false);
    write("lib.js", LIB);
    write("fee.test.js", """
        const test = require('node:test');
        const assert = require('node:assert');
        const { fee } = require('./lib');
        test('charges two percent', () => assert.strictEqual(fee(100), 2));
        test('charges three percent', () => assert.strictEqual(fee(100), 3));
        """);

    WorkerRun run = workerTests.run("workers/pagamento", dir, ENOUGH);

    assertThat(run.passed()).isEqualTo(1);
    assertThat(run.failed()).isEqualTo(1);
    TestResult failed = run.results().stream().filter(r -> r.status() == Status.FAILED).findFirst().orElseThrow();
    assertThat(failed.name()).isEqualTo("charges three percent");
    assertThat(failed.failure().orElseThrow().message()).contains("Expected values to be strictly equal");
    assertThat(failed.failure().orElseThrow().actual()).contains("2 !== 3");
  }

  @Test
  void aTestFileThatDoesNotParseFailsByName() throws IOException {
    npmWorker(NODE_TEST, false);
    write("broken.test.js", "const x = ;\n");

    WorkerRun run = workerTests.run("workers/pagamento", dir, ENOUGH);

    assertThat(run.passed()).isZero();
    assertThat(run.results()).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(Status.FAILED);
      assertThat(r.name()).isEqualTo("workers/pagamento/broken.test.js");
    });
  }

  @Test
  void aHangingTestIsStoppedWithEveryProcessItStartedAtTheTimeLimit() throws Exception {
    npmWorker(NODE_TEST, false);
    write("hang.test.js", """
        const test = require('node:test');
        require('fs').writeFileSync('pid', String(process.pid));
        test('waits forever', () => new Promise(() => setInterval(() => {}, 1000)));
        """);

    WorkerRun run = workerTests.run("workers/pagamento", dir, Duration.ofSeconds(4));

    assertThat(run.results()).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(Status.TIMED_OUT);
      assertThat(r.failure().orElseThrow().message()).startsWith("npm test did not finish within 4 s");
    });
    // The test file runs in a child of node --test, itself a child of npm's shell: the grandchild must be gone.
    long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
    Optional<ProcessHandle> testProcess = ProcessHandle.of(pid);
    if (testProcess.isPresent()) {
      testProcess.get().onExit().get(10, TimeUnit.SECONDS);
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
  }

  @Test
  void withoutAReportOnlyTheExitCodeIsKnown() throws IOException {
    npmWorker("node check.js", false);
    write("check.js", "console.log('checking'); process.exit(3);\n");

    WorkerRun run = workerTests.run("workers/pagamento", dir, ENOUGH);

    assertThat(run.countsKnown()).isFalse();
    assertThat(run.results()).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(Status.FAILED);
      assertThat(r.failure().orElseThrow().actual()).isEqualTo("exit code 3");
      assertThat(r.failure().orElseThrow().message()).contains("test counts are unknown");
    });
    assertThat(run.output()).contains("checking");
  }

  @Test
  void aPassingRunWithoutAReportIsOnePassedResult() throws IOException {
    npmWorker("node check.js", false);
    write("check.js", "console.log('ok');\n");

    WorkerRun run = workerTests.run("workers/pagamento", dir, ENOUGH);

    assertThat(run.countsKnown()).isFalse();
    assertThat(run.results()).singleElement().satisfies(r -> assertThat(r.passed()).isTrue());
  }

  @Test
  void theWorkerSeesNoneOfThePipelinesEnvironmentButWhatARunnerNeeds() throws IOException {
    npmWorker("node env.js", false);
    write("env.js", "require('fs').writeFileSync('env.json', JSON.stringify(process.env));\n");
    Map<String, String> ours = new HashMap<>(System.getenv());
    ours.put("PIPELINE_WORKER_SECRET", "s3cr3t");
    ours.put("SPRING_DATASOURCE_PASSWORD", "hunter2");

    new WorkerTests(ours, true).run("workers/pagamento", dir, ENOUGH);

    String seen = Files.readString(dir.resolve("env.json"));
    assertThat(seen).doesNotContain("PIPELINE_WORKER_SECRET", "s3cr3t", "SPRING_DATASOURCE_PASSWORD", "hunter2")
        .contains("\"CI\":\"true\"", "\"PATH\"");
  }

  @Test
  void dependenciesWithoutALockfileAreNotInstalled() throws IOException {
    write("package.json", """
        {"name": "pagamento", "version": "1.0.0", "scripts": {"test": "jest"}, "devDependencies": {"jest": "^29"}}
        """);

    WorkerRun run = workerTests.run("workers/pagamento", dir, ENOUGH);

    assertThat(run.results()).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(Status.ERROR);
      assertThat(r.failure().orElseThrow().message()).contains("no package-lock.json", "commit package-lock.json");
    });
    assertThat(dir.resolve("node_modules")).doesNotExist();
  }

  @Test
  void aPackageWithoutATestScriptSaysSo() throws IOException {
    write("package.json", "{\"name\": \"pagamento\", \"version\": \"1.0.0\"}");

    WorkerRun run = workerTests.run("workers/pagamento", dir, ENOUGH);

    assertThat(run.results()).singleElement().satisfies(r ->
        assertThat(r.failure().orElseThrow().message()).contains("no \"test\" script"));
  }

  @Test
  void missingNpmIsAnErrorThatSaysWhatToInstall() throws IOException {
    npmWorker(NODE_TEST, false);

    WorkerRun run = new WorkerTests(Map.of("PATH", dir.resolve("empty").toString()), true)
        .run("workers/pagamento", dir, ENOUGH);

    assertThat(run.results()).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(Status.ERROR);
      assertThat(r.failure().orElseThrow().message()).contains("npm is not on the pipeline's PATH");
    });
  }

  @Test
  void aFolderWithoutARunnerIsAnError() {
    WorkerRun run = workerTests.run("workers/pagamento", dir, ENOUGH);

    assertThat(run.runner()).isEqualTo(Runner.NONE);
    assertThat(run.results()).singleElement().satisfies(r ->
        assertThat(r.failure().orElseThrow().message()).contains("neither package.json nor pom.xml"));
  }

  @Test
  void runsAMavenWorkerOfflineAndReadsSurefireReports() throws IOException {
    assumeThat(onPath("mvn")).as("needs mvn on PATH").isTrue();
    write("pom.xml", """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.example</groupId><artifactId>calc-worker</artifactId><version>1.0.0</version>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
          <dependencies>
            <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId>
              <version>5.12.2</version><scope>test</scope></dependency>
          </dependencies>
          <build><plugins>
            <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
            <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.14.1</version></plugin>
            <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
          </plugins></build>
        </project>
        """);
    write("src/main/java/calc/Calc.java", "package calc; public class Calc { public static int add(int a, int b) { return a + b; } }\n");
    write("src/test/java/calc/CalcTest.java", """
        package calc;
        import static org.junit.jupiter.api.Assertions.assertEquals;
        import org.junit.jupiter.api.Test;
        class CalcTest {
          @Test void addsTwoNumbers() { assertEquals(3, Calc.add(1, 2)); }
          @Test void addsWrongly() { assertEquals(4, Calc.add(1, 2)); }
        }
        """);

    WorkerRun run = workerTests.run("workers/calc", dir, ENOUGH);

    assertThat(run.runner()).isEqualTo(Runner.MAVEN);
    assertThat(run.countsKnown()).isTrue();
    assertThat(run.results()).extracting(TestResult::file).containsOnly("workers/calc/src/test/java/calc/CalcTest.java");
    assertThat(run.results()).extracting(TestResult::name, TestResult::status)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("addsTwoNumbers", Status.PASSED),
            org.assertj.core.groups.Tuple.tuple("addsWrongly", Status.FAILED));
    TestResult failed = run.results().stream().filter(r -> !r.passed()).findFirst().orElseThrow();
    assertThat(failed.failure().orElseThrow().message()).contains("expected: <4> but was: <3>");
    assertThat(run.coverage()).isEmpty();
  }

  private void npmWorker(String testScript, boolean withLockfile) throws IOException {
    write("package.json", """
        {"name": "pagamento", "version": "1.0.0", "private": true, "scripts": {"test": "%s"}}
        """.formatted(testScript));
    if (withLockfile) {
      write("package-lock.json", """
          {"name": "pagamento", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
           "packages": {"": {"name": "pagamento", "version": "1.0.0"}}}
          """);
    }
  }

  private void write(String path, String content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  static boolean onPath(String name) {
    return which(name) != null;
  }

  static String which(String name) {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(entry.isEmpty() ? "." : entry, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  static List<String> names(WorkerRun run) {
    return run.results().stream().map(TestResult::name).toList();
  }
}
