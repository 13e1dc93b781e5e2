import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.testing.ModelTests;
import dev.prometheuspipeline.testing.ReleaseTestOutcome;
import dev.prometheuspipeline.testing.ReleaseTester;
import dev.prometheuspipeline.testing.SandboxTester;
import dev.prometheuspipeline.testing.TestFile;
import dev.prometheuspipeline.testing.TestResult;
import dev.prometheuspipeline.testing.WorkerTests;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The test stage benchmark's harness: the public {@link ModelTests} and {@link ReleaseTester} APIs on a
 * folder that holds a release's models and, under {@code tests/}, its declared test files.
 *
 * <pre>
 * check DIR                                 every test once, one lane; exit 1 unless all pass
 * warm  DIR LANES [WARMUPS] [ITERATIONS]    tests per second of ModelTests.run after warm-up
 * cold  DIR                                 one ReleaseTester.test as the stage runs it (exit 1 unless success)
 * </pre>
 *
 * <p>Its output is what it is for, so it prints to standard output rather than a log.
 */
public final class TestStageBench {
  private static final String SHA = "0000000000000000000000000000000000000000";
  // The application's defaults (pipeline.test.timeout, pipeline.test.worker-timeout).
  private static final Duration PER_TEST_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration WORKER_TIMEOUT = Duration.ofMinutes(15);

  private TestStageBench() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: TestStageBench check|warm|cold DIR [LANES] [WARMUPS] [ITERATIONS]");
      System.exit(2);
    }
    Path dir = Path.of(args[1]);
    List<FetchedArtifact> models = models(dir);
    List<TestFile> tests = tests(dir);
    switch (args[0]) {
      case "check" -> System.exit(check(new ModelTests(1, PER_TEST_TIMEOUT).run(models, tests)) ? 0 : 1);
      case "warm" -> warm(models, tests, intArg(args, 2, 1), intArg(args, 3, 5), intArg(args, 4, 10));
      case "cold" -> cold(models, tests);
      default -> {
        System.err.println("unknown mode " + args[0] + "; use check, warm or cold");
        System.exit(2);
      }
    }
  }

  private static boolean check(List<TestResult> results) {
    Map<TestResult.Status, Integer> counts = new TreeMap<>();
    for (TestResult result : results) {
      counts.merge(result.status(), 1, Integer::sum);
      result.failure().ifPresent(failure -> System.out.println(result.file() + ": " + result.name() + ": "
          + result.status() + ": " + failure.message()));
    }
    System.out.println(results.size() + " tests: " + counts);
    return allPassed(results);
  }

  private static void warm(List<FetchedArtifact> models, List<TestFile> tests, int lanes, int warmups, int iterations) {
    ModelTests runner = new ModelTests(lanes, PER_TEST_TIMEOUT);
    int count = 0;
    for (int i = 0; i < warmups; i++) {
      long started = System.nanoTime();
      count = requireAllPassed(runner.run(models, tests));
      System.out.printf(Locale.ROOT, "warm-up %d: %.1f tests/s%n", i + 1, rate(count, started));
    }
    double[] rates = new double[iterations];
    double cpuSeconds = 0;
    double inTests = 0;
    for (int i = 0; i < iterations; i++) {
      long cpuBefore = processCpuNanos();
      long started = System.nanoTime();
      List<TestResult> results = runner.run(models, tests);
      rates[i] = rate(results.size(), started);
      double cpu = (processCpuNanos() - cpuBefore) / 1e9;
      double wall = (System.nanoTime() - started) / 1e9;
      double testSeconds = results.stream().mapToLong(r -> r.duration().toNanos()).sum() / 1e9;
      count = requireAllPassed(results);
      cpuSeconds += cpu;
      inTests += testSeconds;
      System.out.printf(Locale.ROOT, "iteration %d: %.1f tests/s (wall %.2f s, CPU %.2f s, inside tests %.2f s)%n",
          i + 1, rates[i], wall, cpu, testSeconds);
    }
    double mean = 0;
    for (double rate : rates) {
      mean += rate / iterations;
    }
    double squares = 0;
    double min = Double.MAX_VALUE;
    double max = 0;
    for (double rate : rates) {
      squares += (rate - mean) * (rate - mean);
      min = Math.min(min, rate);
      max = Math.max(max, rate);
    }
    double stddev = iterations > 1 ? Math.sqrt(squares / (iterations - 1)) : 0;
    System.out.printf(Locale.ROOT,
        "RESULT lanes=%d tests=%d iterations=%d mean=%.1f tests/s stddev=%.1f min=%.1f max=%.1f%n",
        lanes, count, iterations, mean, stddev, min, max);
    // CPU time is the steadier figure on a shared machine: wall time waits for other processes too.
    System.out.printf(Locale.ROOT, "CPU cpu=%.1f ms/test (whole JVM) inside-tests=%.1f ms/test (sum of TestResult.duration)%n",
        cpuSeconds * 1000 / (count * (double) iterations), inTests * 1000 / (count * (double) iterations));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void cold(List<FetchedArtifact> models, List<TestFile> tests) {
    long started = System.nanoTime();
    // As CoreConfiguration builds it with the defaults: one lane per processor.
    int lanes = Runtime.getRuntime().availableProcessors();
    ReleaseTester tester = new ReleaseTester(new SandboxTester(), new ModelTests(lanes, PER_TEST_TIMEOUT),
        new WorkerTests(true), WORKER_TIMEOUT);
    ReleaseTestOutcome outcome = tester.test(models, tests, Map.of());
    System.out.printf(Locale.ROOT, "RESULT status=%s lanes=%d passed=%d failed=%d coverage=%s stageMs=%d%n",
        outcome.status(), lanes, outcome.passed(), outcome.failed(), outcome.coveragePercent().map(String::valueOf).orElse("none"),
        (System.nanoTime() - started) / 1_000_000);
    System.exit(outcome.failed() == 0 && outcome.passed() > 0 ? 0 : 1);
  }

  /** A benchmark of failing tests would measure failure reporting; stop instead. */
  private static int requireAllPassed(List<TestResult> results) {
    if (!allPassed(results)) {
      check(results);
      throw new IllegalStateException("not every test passed; run mode check for the details");
    }
    return results.size();
  }

  private static boolean allPassed(List<TestResult> results) {
    return !results.isEmpty() && results.stream().allMatch(TestResult::passed);
  }

  private static double rate(int tests, long startedNanos) {
    return tests / ((System.nanoTime() - startedNanos) / 1e9);
  }

  private static List<FetchedArtifact> models(Path dir) throws IOException {
    List<FetchedArtifact> release = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String path = dir.relativize(file).toString().replace('\\', '/');
        Optional<ArtifactType> type = ArtifactType.ofFileName(path);
        if (type.isEmpty()) {
          continue;
        }
        byte[] content = Files.readAllBytes(file);
        release.add(new FetchedArtifact(
            new Artifact(type.get(), file.getFileName().toString(), path, SHA), sha256(content), content.length, content));
      }
    }
    if (release.isEmpty()) {
      throw new IllegalArgumentException("no .bpmn, .dmn or .form files in " + dir);
    }
    return release;
  }

  private static List<TestFile> tests(Path dir) throws IOException {
    List<TestFile> tests = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir.resolve("tests"))) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        tests.add(new TestFile(dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file)));
      }
    }
    if (tests.isEmpty()) {
      throw new IllegalArgumentException("no test files under " + dir.resolve("tests"));
    }
    return tests;
  }

  private static int intArg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
