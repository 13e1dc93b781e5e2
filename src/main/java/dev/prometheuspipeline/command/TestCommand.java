package dev.prometheuspipeline.command;

import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.PipelineException;
import dev.prometheuspipeline.testing.Coverage;
import dev.prometheuspipeline.testing.ModelTests;
import dev.prometheuspipeline.testing.ReleaseTestOutcome;
import dev.prometheuspipeline.testing.ReleaseTester;
import dev.prometheuspipeline.testing.SandboxTester;
import dev.prometheuspipeline.testing.TestFile;
import dev.prometheuspipeline.testing.TestReports;
import dev.prometheuspipeline.testing.TestResult;
import dev.prometheuspipeline.testing.WorkerTests;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code test <dir> [--junit FILE] [--html FILE] [--json FILE] [--timeout DURATION] [--parallelism N]
 * [--no-workers]}: the test stage on a working copy, offline — the models deployed into a sandbox, the
 * products' declared tests with coverage, and each worker folder's own tests.
 */
@Command(name = "test", synopsisHeading = "usage: ",
    customSynopsis = {"test <dir> [--junit FILE] [--html FILE] [--json FILE] [--timeout DURATION]",
        "            [--parallelism N] [--no-workers] [-hV]"},
    sortOptions = false,
    description = "The test stage on a working copy, offline: the models in a sandbox engine, the products'"
        + " declared tests with coverage, and each worker folder's own tests.",
    descriptionHeading = "%n", parameterListHeading = "%n", exitCodeListHeading = "%nexit code:%n",
    exitCodeList = {"0:every test passed",
        "1:a test failed or a model does not deploy (or no test is declared for models that have processes or"
            + " decisions)",
        "2:usage or I/O problem"})
final class TestCommand implements Callable<Integer> {
  private static final Duration WORKER_LIMIT = Duration.ofMinutes(15);

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<dir>", converter = ExistingDirectory.class,
      description = "the models' repository: every BPMN, DMN, form and HTML file under it is deployed into a"
          + " sandbox engine, and the tests under tests/<product>/ and <product>/tests/ (JSON, TCK XML), and DMN"
          + " TCK test case files anywhere, run against it")
  private Path dir;

  @Option(names = "--junit", paramLabel = "FILE", description = "write JUnit XML (for other CI tools) to FILE")
  private Optional<Path> junit;

  @Option(names = "--html", paramLabel = "FILE",
      description = "write the HTML report, with each diagram's coverage drawn, to FILE")
  private Optional<Path> html;

  @Option(names = "--json", paramLabel = "FILE", description = "write the full JSON report to FILE")
  private Optional<Path> json;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT60S", converter = Timeout.class,
      description = "the time one test may take, ISO 8601 or plain seconds (default PT60S)")
  private Duration timeout;

  @Option(names = "--parallelism", paramLabel = "N", converter = AtLeastOne.class,
      description = "engines running tests at once (default: the machine's cores)")
  private int parallelism = Runtime.getRuntime().availableProcessors();

  @Option(names = "--no-workers", description = "do not run the tests of folders with a package.json (worker code)")
  private boolean noWorkers;

  @Override
  public Integer call() throws IOException {
    try {
      return testAndReport(spec.commandLine().getOut());
    } catch (PipelineException e) {
      spec.commandLine().getErr().println("test: the tests could not run: " + e.getMessage());
      return 2;
    }
  }

  private int testAndReport(PrintWriter out) throws IOException {
    ModelDirectory directory = ModelDirectory.read(dir, ValidateCommand.MAX_FILE_BYTES);
    List<TestFile> tests = testFiles(dir);
    Map<String, Path> workers = noWorkers ? Map.of() : directory.workerFolders();
    ReleaseTester tester = new ReleaseTester(new SandboxTester(),
        new ModelTests(parallelism, timeout), new WorkerTests(false), WORKER_LIMIT);
    ReleaseTestOutcome outcome = tester.test(directory.artifacts(), tests, workers);
    List<FetchedArtifact> models = directory.artifacts();
    String title = "Tests of " + dir.toAbsolutePath().normalize().getFileName();
    if (junit.isPresent()) {
      Files.writeString(junit.get(), TestReports.junitXml(outcome.run().results()), StandardCharsets.UTF_8);
    }
    if (html.isPresent()) {
      Files.writeString(html.get(), TestReports.html(title, outcome.run(), models), StandardCharsets.UTF_8);
    }
    if (json.isPresent()) {
      Files.writeString(json.get(), TestReports.json(outcome.run()), StandardCharsets.UTF_8);
    }
    print(outcome, out);
    out.flush();
    boolean uncovered = outcome.coverableModels() > 0 && outcome.coveragePercent().isEmpty();
    return outcome.failed() > 0 || uncovered ? 1 : 0;
  }

  /**
   * Every test that did not pass, one line each, then the figures the gate reads (counted per test case). A
   * model the target refuses only for a deployment attribute is named once, as the validation error it is;
   * its tests ran regardless, and it does not change the exit code (the pipeline's gate refuses it).
   */
  private static void print(ReleaseTestOutcome outcome, PrintWriter out) {
    outcome.deployment().deploymentOnly().forEach(finding -> out.println("validation error " + finding.describe()
        + " (only the deployment refuses this; the tests ran without it, and a release is refused until it is"
        + " fixed: see validate)"));
    outcome.deployment().behaviourFailures().forEach(failure -> out.println("failed " + failure.describe()));
    for (TestResult result : outcome.run().results()) {
      if (!result.passed()) {
        out.println(result.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + result.file() + " \""
            + result.name() + "\"" + result.failure().map(f -> ": " + f.message()).orElse(""));
      }
    }
    Coverage coverage = outcome.run().coverage();
    out.println(outcome.passed() + " passed, " + outcome.failed() + " failed; coverage "
        + outcome.coveragePercent().map(percent -> percent + "%").orElse("not measured")
        + " (" + plural(coverage.processes().size(), "process", "processes") + ", "
        + plural(coverage.decisions().size(), "decision table", "decision tables") + ")"
        + outcome.run().workerCoverage().map(w -> "; workers " + Math.round(w.ratio() * 1000) / 10.0 + "% of lines")
            .orElse("")
        + outcome.skipReason().map(reason -> "; skipped: " + reason).orElse(""));
  }

  private static String plural(int count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }

  /** The products' declared tests, found where the pipeline looks for them in a release. */
  static List<TestFile> testFiles(Path root) throws IOException {
    List<TestFile> tests = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return !dir.equals(root) && ModelDirectory.SKIPPED_FOLDERS.contains(dir.getFileName().toString())
            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String path = root.relativize(file).toString().replace('\\', '/');
        String name = path.toLowerCase(Locale.ROOT);
        String[] segments = path.split("/");
        boolean inTests = segments.length > 2 && (segments[0].equals("tests") || segments[1].equals("tests"));
        if (!attrs.isRegularFile() || attrs.size() > ValidateCommand.MAX_FILE_BYTES) {
          return FileVisitResult.CONTINUE;
        }
        if (inTests && (name.endsWith(".json") || name.endsWith(".xml"))) {
          tests.add(new TestFile(path, Files.readAllBytes(file)));
        } else if (name.endsWith(".xml")) {
          // The DMN TCK publishes each test case file beside the model it tests.
          TestFile candidate = new TestFile(path, Files.readAllBytes(file));
          if (candidate.isTckTestCases()) {
            tests.add(candidate);
          }
        }
        return FileVisitResult.CONTINUE;
      }
    });
    tests.sort(java.util.Comparator.comparing(TestFile::path));
    return tests;
  }

  /** {@code --timeout}: ISO 8601 ({@code PT30S}) or plain seconds, and more than zero. */
  static final class Timeout implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        Duration parsed = value.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(value)) : Duration.parse(value);
        if (parsed.isZero() || parsed.isNegative()) {
          throw new TypeConversionException("must be positive, such as PT30S or 30: " + value);
        }
        return parsed;
      } catch (DateTimeParseException | NumberFormatException e) {
        throw new TypeConversionException("not a duration (PT30S, or seconds): " + value);
      }
    }
  }

  /** {@code --parallelism}: one engine at least. */
  static final class AtLeastOne implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int parsed = Integer.parseInt(value);
        if (parsed < 1) {
          throw new TypeConversionException("must be 1 or more: " + value);
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw new TypeConversionException("not a number: " + value);
      }
    }
  }
}
