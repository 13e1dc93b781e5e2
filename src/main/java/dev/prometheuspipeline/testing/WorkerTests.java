package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.testing.TestResult.Failure;
import dev.prometheuspipeline.testing.TestResult.Kind;
import dev.prometheuspipeline.testing.TestResult.Status;
import dev.prometheuspipeline.testing.WorkerRun.Runner;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * Runs a worker repository's own tests the way the repository says: {@code npm ci} then {@code npm test} for
 * an npm project, {@code mvn test} for a Maven project. Commands run without a shell, in the checkout, with an
 * environment that holds none of the pipeline's secrets, and are killed (with every process they started) at
 * the time limit.
 */
public final class WorkerTests {
  private static final Logger log = LoggerFactory.getLogger(WorkerTests.class);
  /** What a test runner needs from our environment; everything else (credentials above all) stays out. */
  private static final Set<String> PASSED_ON =
      Set.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "JAVA_HOME", "npm_config_cache", "NPM_CONFIG_CACHE");
  private static final Pattern JEST = Pattern.compile("(^|[\\s/;&|(])jest($|[\\s;&|)])");
  private static final Set<String> NOT_SEARCHED = Set.of("node_modules", ".git", ".npm");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HEAD_BYTES = 16 * 1024;
  private static final int TAIL_BYTES = 48 * 1024;

  private final Map<String, String> environment;
  private final boolean mavenOffline;

  /** Runs with this JVM's PATH, HOME and locale; Maven offline when {@code mavenOffline}. */
  public WorkerTests(boolean mavenOffline) {
    this(System.getenv(), mavenOffline);
  }

  WorkerTests(Map<String, String> environment, boolean mavenOffline) {
    Map<String, String> kept = new HashMap<>();
    environment.forEach((name, value) -> {
      if (PASSED_ON.contains(name)) {
        kept.put(name, value);
      }
    });
    // Test runners turn off watch mode and prompts under CI.
    kept.put("CI", "true");
    this.environment = Map.copyOf(kept);
    this.mavenOffline = mavenOffline;
  }

  /**
   * Runs the tests of the worker checked out at {@code dir}.
   *
   * @param worker the worker artifact's repository path, to name results by
   * @param dir the checkout at the pinned commit; the runner writes into it (node_modules, target)
   * @param limit for the whole run, install included; at the limit every process is killed and the run is one
   *     TIMED_OUT result
   * @return never empty: a result per test case, or one result saying why there are none
   */
  public WorkerRun run(String worker, Path dir, Duration limit) {
    requireNonNull(worker, "worker");
    requireNonNull(dir, "dir");
    requireNonNull(limit, "limit");
    Instant started = Instant.now();
    WorkerRun run;
    if (Files.isRegularFile(dir.resolve("package.json"))) {
      run = new Attempt(worker, dir, started.plus(limit), limit).npm();
    } else if (Files.isRegularFile(dir.resolve("pom.xml"))) {
      run = new Attempt(worker, dir, started.plus(limit), limit).maven();
    } else {
      run = new WorkerRun(worker, Runner.NONE, List.of(error(worker, "detect the test runner",
          "neither package.json nor pom.xml at the worker's root; put the worker's tests behind `npm test` or "
              + "`mvn test`")), false, Optional.empty(), "");
    }
    log.info("stage=test worker={} runner={} passed={} failed={} coverage={} durationMs={}", worker, run.runner(),
        run.passed(), run.failed(), run.coverage().map(c -> CoveragePage.percent(c.ratio())).orElse("none"),
        Duration.between(started, Instant.now()).toMillis());
    return run;
  }

  /** One run's state: its deadline and the output of every command so far. */
  private final class Attempt {
    private final String worker;
    private final Path dir;
    private final Instant deadline;
    private final Duration limit;
    private final CappedOutput output = new CappedOutput(HEAD_BYTES, TAIL_BYTES);
    // Reports older than the run are left-overs in the checkout, not this run's.
    private final FileTime startedAt = FileTime.from(Instant.now().minusSeconds(2));

    Attempt(String worker, Path dir, Instant deadline, Duration limit) {
      this.worker = worker;
      this.dir = dir;
      this.deadline = deadline;
      this.limit = limit;
    }

    WorkerRun npm() {
      JsonNode manifest;
      try {
        manifest = JSON.readTree(dir.resolve("package.json").toFile());
      } catch (IOException e) {
        return only(Runner.NPM, error(worker, "read package.json", "package.json is not valid JSON ("
            + e.getMessage() + "); fix it so npm can read it"));
      }
      String testScript = manifest.path("scripts").path("test").asText("");
      if (testScript.isBlank()) {
        return only(Runner.NPM, error(worker, "npm test",
            "package.json has no \"test\" script; add one that runs the worker's tests"));
      }
      Optional<Path> npm = executable("npm");
      if (npm.isEmpty()) {
        return only(Runner.NPM, error(worker, "npm test",
            "npm is not on the pipeline's PATH; install Node.js 20 (with npm) where the pipeline runs"));
      }
      boolean locked = Files.isRegularFile(dir.resolve("package-lock.json"))
          || Files.isRegularFile(dir.resolve("npm-shrinkwrap.json"));
      boolean hasDependencies = manifest.path("dependencies").size() + manifest.path("devDependencies").size() > 0;
      if (locked) {
        Execution install = execute(List.of(npm.get().toString(), "ci", "--no-audit", "--no-fund"));
        if (install.timedOut()) {
          return only(Runner.NPM, timedOut("npm ci"));
        }
        if (install.exitCode() != 0) {
          return only(Runner.NPM, error(worker, "npm ci", "npm ci failed with exit code " + install.exitCode()
              + "; see the output (a package-lock.json out of step with package.json is the usual cause)"));
        }
      } else if (hasDependencies) {
        // `npm install` would resolve versions the repository never pinned: not the commit under test.
        return only(Runner.NPM, error(worker, "npm ci",
            "no package-lock.json, so npm ci cannot install the dependencies the commit pins; run `npm install` "
                + "and commit package-lock.json"));
      }
      Path scratch = scratch();
      try {
        boolean jest = JEST.matcher(testScript).find();
        List<String> command = new ArrayList<>(List.of(npm.get().toString(), "test"));
        if (jest) {
          command.addAll(List.of("--", "--json", "--outputFile=" + scratch.resolve("jest.json"), "--coverage",
              "--coverageReporters=lcov", "--coverageReporters=json-summary",
              "--coverageDirectory=" + scratch.resolve("coverage")));
        }
        Execution test = execute(command);
        if (test.timedOut()) {
          return only(Runner.NPM, timedOut("npm test"));
        }
        List<TestResult> results = jest ? jestResults(scratch.resolve("jest.json")) : junitResults(dir);
        Optional<WorkerCoverage> coverage = jest ? npmCoverage(scratch.resolve("coverage"), "jest coverage")
            : npmCoverage(dir.resolve("coverage"), "coverage");
        if (coverage.isEmpty() && !jest) {
          coverage = freshLcov();
        }
        return finish(Runner.NPM, "npm test", test, results, coverage);
      } finally {
        delete(scratch);
      }
    }

    WorkerRun maven() {
      Optional<Path> mvn = executable("mvn");
      if (mvn.isEmpty()) {
        return only(Runner.MAVEN, error(worker, "mvn test",
            "mvn is not on the pipeline's PATH; install Maven 3 where the pipeline runs"));
      }
      List<String> command = new ArrayList<>(List.of(mvn.get().toString(), "-B", "-q"));
      if (mavenOffline) {
        command.add("-o");
      }
      command.add("test");
      Execution test = execute(command);
      if (test.timedOut()) {
        return only(Runner.MAVEN, timedOut("mvn test"));
      }
      List<TestResult> results = new ArrayList<>();
      for (Path report : fresh(dir.resolve("target/surefire-reports"), 1, "TEST-", ".xml")) {
        results.addAll(testsIn(report, () -> RunnerReports.junit(report, this::fileOf)));
      }
      Optional<WorkerCoverage> coverage = Optional.empty();
      Path jacoco = dir.resolve("target/site/jacoco/jacoco.xml");
      if (Files.isRegularFile(jacoco)) {
        coverage = coverageIn(jacoco, () -> RunnerReports.jacoco(jacoco, "target/site/jacoco/jacoco.xml"));
      }
      return finish(Runner.MAVEN, "mvn test", test, results, coverage);
    }

    private WorkerRun finish(Runner runner, String command, Execution run, List<TestResult> results,
        Optional<WorkerCoverage> coverage) {
      if (!results.isEmpty()) {
        return new WorkerRun(worker, runner, results, true, coverage, output.text());
      }
      if (run.exitCode() == 0) {
        TestResult passed = new TestResult(worker, command, Kind.WORKER, Status.PASSED, run.duration(),
            Optional.empty(), ExecutionTrace.EMPTY);
        return new WorkerRun(worker, runner, List.of(passed), false, coverage, output.text());
      }
      String message = command + " exited with code " + run.exitCode()
          + " and wrote no test report we can read (Jest JSON or JUnit XML), so test counts are unknown; see the output";
      TestResult failed = new TestResult(worker, command, Kind.WORKER, Status.FAILED, run.duration(),
          Optional.of(new Failure(0, command, "exit code 0", "exit code " + run.exitCode(), message)),
          ExecutionTrace.EMPTY);
      return new WorkerRun(worker, runner, List.of(failed), false, coverage, output.text());
    }

    private List<TestResult> jestResults(Path report) {
      if (!Files.isRegularFile(report)) {
        return List.of();
      }
      return testsIn(report, () -> RunnerReports.jest(report, this::relative));
    }

    private List<TestResult> junitResults(Path root) {
      List<TestResult> results = new ArrayList<>();
      for (Path report : fresh(root, 6, "", ".xml")) {
        if (RunnerReports.isJUnit(report)) {
          results.addAll(testsIn(report, () -> RunnerReports.junit(report, this::fileOf)));
        }
      }
      // Node names a test file that failed to load by its absolute path, which would leak our scratch layout.
      return results.stream().map(r -> Path.of(r.name()).isAbsolute() && !relative(r.name()).equals(worker)
          ? new TestResult(r.file(), relative(r.name()), r.kind(), r.status(), r.duration(), r.failure(), r.trace())
          : r).toList();
    }

    private Optional<WorkerCoverage> npmCoverage(Path coverageDir, String label) {
      Path summary = coverageDir.resolve("coverage-summary.json");
      if (Files.isRegularFile(summary)) {
        return coverageIn(summary, () -> Optional.of(RunnerReports.istanbulSummary(summary, label + "/coverage-summary.json")));
      }
      Path lcov = coverageDir.resolve("lcov.info");
      if (Files.isRegularFile(lcov)) {
        return coverageIn(lcov, () -> Optional.of(RunnerReports.lcov(lcov, label + "/lcov.info")));
      }
      return Optional.empty();
    }

    private Optional<WorkerCoverage> freshLcov() {
      return fresh(dir, 6, "", ".info").stream().filter(p -> p.getFileName().toString().endsWith("lcov.info"))
          .findFirst().flatMap(p -> coverageIn(p, () -> Optional.of(RunnerReports.lcov(p, relative(p.toString())))));
    }

    /** The test's repository path: its {@code file} attribute, or its class's source under src/test. */
    private String fileOf(Element testCase) {
      String file = testCase.getAttribute("file");
      if (!file.isBlank()) {
        return relative(file);
      }
      String className = testCase.getAttribute("classname");
      if (!className.isBlank()) {
        String source = className.replace('.', '/');
        for (String candidate : List.of("src/test/java/" + source + ".java", "src/test/kotlin/" + source + ".kt")) {
          if (Files.isRegularFile(dir.resolve(candidate))) {
            return worker + "/" + candidate;
          }
        }
      }
      return worker;
    }

    private String relative(String path) {
      Path file = Path.of(path);
      Path root = dir.toAbsolutePath().normalize();
      if (file.isAbsolute()) {
        file = file.normalize();
        if (!file.startsWith(root)) {
          try {
            root = root.toRealPath();
          } catch (IOException e) {
            return worker;
          }
        }
        if (!file.startsWith(root)) {
          return worker;
        }
        file = root.relativize(file);
      }
      return worker + "/" + file.toString().replace(File.separatorChar, '/');
    }

    private List<Path> fresh(Path root, int depth, String prefix, String suffix) {
      if (!Files.isDirectory(root)) {
        return List.of();
      }
      List<Path> found = new ArrayList<>();
      try {
        // node_modules can hold tens of thousands of files and none of them is this run's report.
        Files.walkFileTree(root, Set.of(), depth, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
            return NOT_SEARCHED.contains(String.valueOf(directory.getFileName())) ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            String name = file.getFileName().toString();
            if (attributes.isRegularFile() && name.startsWith(prefix) && name.endsWith(suffix)
                && modifiedSinceStart(file)) {
              found.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      found.sort(Comparator.naturalOrder());
      return found;
    }

    private boolean modifiedSinceStart(Path file) {
      try {
        return Files.getLastModifiedTime(file).compareTo(startedAt) >= 0;
      } catch (IOException e) {
        return false;
      }
    }

    /** A report the worker's runner wrote badly is the worker's fault: one ERROR result that says so. */
    private List<TestResult> testsIn(Path report, ReportReader<List<TestResult>> reader) {
      try {
        return reader.read();
      } catch (IOException | RuntimeException e) {
        return List.of(error(relative(report.toString()), "read the test report",
            "the test runner wrote a report we cannot read (" + e.getMessage() + "); check the runner's reporter"));
      }
    }

    // Coverage is a figure beside the results: an unreadable report leaves it unknown and says why in the output.
    private Optional<WorkerCoverage> coverageIn(Path report, ReportReader<Optional<WorkerCoverage>> reader) {
      try {
        return reader.read();
      } catch (IOException | RuntimeException e) {
        note("[pipeline] cannot read coverage report " + relative(report.toString()) + ": " + e.getMessage());
        return Optional.empty();
      }
    }

    private WorkerRun only(Runner runner, TestResult result) {
      return new WorkerRun(worker, runner, List.of(result), false, Optional.empty(), output.text());
    }

    private TestResult timedOut(String command) {
      String message = command + " did not finish within " + limit.toSeconds()
          + " s; it and every process it started were stopped. Make the tests finish (an open handle or a "
          + "server left listening keeps Node alive) or raise the worker time limit";
      return new TestResult(worker, command, Kind.WORKER, Status.TIMED_OUT, limit,
          Optional.of(new Failure(0, command, "finished within " + limit.toSeconds() + " s", "still running",
              message)), ExecutionTrace.EMPTY);
    }

    private Execution execute(List<String> command) {
      Instant started = Instant.now();
      Duration left = Duration.between(started, deadline);
      if (left.isNegative() || left.isZero()) {
        return new Execution(-1, true, Duration.ZERO);
      }
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().clear();
      builder.environment().putAll(environment);
      note("$ " + String.join(" ", command));
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new WorkerTestException(worker + ": cannot start " + command.get(0) + " (" + e.getMessage() + ")", e);
      }
      Thread drain = new Thread(() -> drain(process.getInputStream()), "worker-output-" + process.pid());
      drain.setDaemon(true);
      drain.start();
      try {
        boolean finished = process.waitFor(left.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
          killTree(process);
          drain.join(5_000);
          return new Execution(-1, true, Duration.between(started, Instant.now()));
        }
        drain.join(5_000);
        return new Execution(process.exitValue(), false, Duration.between(started, Instant.now()));
      } catch (InterruptedException e) {
        killTree(process);
        Thread.currentThread().interrupt();
        throw new WorkerTestException(worker + ": interrupted while its tests ran; they were stopped", e);
      }
    }

    private void note(String line) {
      byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
      output.write(bytes, 0, bytes.length);
    }

    private void drain(InputStream in) {
      byte[] buffer = new byte[8192];
      try (in) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          output.write(buffer, 0, n);
        }
      } catch (IOException e) {
        // The pipe closes when the process is killed; what was read so far is kept.
      }
    }
  }

  // Children first, and again after the parent dies: npm starts sh, which starts node, which may fork more.
  private static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
  }

  private Optional<Path> executable(String name) {
    String path = environment.getOrDefault("PATH", "");
    for (String entry : path.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path candidate = Path.of(entry, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static TestResult error(String worker, String step, String message) {
    return new TestResult(worker, step, Kind.WORKER, Status.ERROR, Duration.ZERO,
        Optional.of(new Failure(0, step, "", "", message)), ExecutionTrace.EMPTY);
  }

  private static Path scratch() {
    try {
      return Files.createTempDirectory("worker-tests-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.warn("could not delete scratch directory {}: {}", root, e.getMessage());
    }
  }

  private record Execution(int exitCode, boolean timedOut, Duration duration) {}

  @FunctionalInterface
  private interface ReportReader<T> {
    T read() throws IOException;
  }
}
