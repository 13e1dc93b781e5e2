package dev.prometheuspipeline.command;

import dev.prometheuspipeline.command.Arguments.UsageException;
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
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

/**
 * {@code test <dir> [--junit FILE] [--html FILE] [--json FILE] [--timeout DURATION] [--parallelism N]
 * [--no-workers]}: the test stage on a working copy, offline — the models deployed into a sandbox, the
 * products' declared tests with coverage, and each worker folder's own tests.
 */
final class TestCommand implements Command {
  static final String USAGE = """
      usage: test <dir> [--junit FILE] [--html FILE] [--json FILE] [--timeout DURATION] [--parallelism N] [--no-workers]
        <dir>           the models' repository: every .bpmn, .dmn, .form and .html under it is deployed into a
                        sandbox engine, and the tests under tests/<product>/ and <product>/tests/ (.json, .xml)
                        run against it
        --junit         write JUnit XML (for other CI tools) to FILE
        --html          write the HTML report, with each diagram's coverage drawn, to FILE
        --json          write the full JSON report to FILE
        --timeout       the time one test may take, ISO 8601 or plain seconds (default PT60S)
        --parallelism   engines running tests at once (default: the machine's cores)
        --no-workers    do not run the tests of folders with a package.json (worker code)
      exit code: 0 every test passed, 1 a test failed or a model does not deploy (or no test is declared
      for models that have processes or decisions), 2 usage or I/O problem
      """;
  private static final Duration WORKER_LIMIT = Duration.ofMinutes(15);

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (UsageException e) {
      err.println("test: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    if (options.help()) {
      out.print(USAGE);
      return 0;
    }
    try {
      ModelDirectory directory = ModelDirectory.read(options.dir(), ValidateCommand.MAX_FILE_BYTES);
      List<TestFile> tests = testFiles(options.dir());
      Map<String, Path> workers = options.workers() ? directory.workerFolders() : Map.of();
      ReleaseTester tester = new ReleaseTester(new SandboxTester(),
          new ModelTests(options.parallelism(), options.timeout()), new WorkerTests(false), WORKER_LIMIT);
      ReleaseTestOutcome outcome = tester.test(directory.artifacts(), tests, workers);
      List<FetchedArtifact> models = directory.artifacts();
      String title = "Tests of " + options.dir().toAbsolutePath().normalize().getFileName();
      if (options.junit().isPresent()) {
        Files.writeString(options.junit().get(), TestReports.junitXml(outcome.run().results()), StandardCharsets.UTF_8);
      }
      if (options.html().isPresent()) {
        Files.writeString(options.html().get(), TestReports.html(title, outcome.run(), models), StandardCharsets.UTF_8);
      }
      if (options.json().isPresent()) {
        Files.writeString(options.json().get(), TestReports.json(outcome.run()), StandardCharsets.UTF_8);
      }
      print(outcome, out);
      out.flush();
      boolean uncovered = outcome.coverableModels() > 0 && outcome.coveragePercent().isEmpty();
      return outcome.failed() > 0 || uncovered ? 1 : 0;
    } catch (NoSuchFileException e) {
      err.println("test: no such file or directory: " + e.getFile());
      return 2;
    } catch (IOException e) {
      err.println("test: " + e);
      return 2;
    } catch (PipelineException e) {
      err.println("test: the tests could not run: " + e.getMessage());
      return 2;
    }
  }

  /** Every test that did not pass, one line each, then the figures the gate reads. */
  private static void print(ReleaseTestOutcome outcome, PrintStream out) {
    outcome.deployment().failures().forEach(failure -> out.println("failed " + failure.describe()));
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
        if (attrs.isRegularFile() && inTests && (name.endsWith(".json") || name.endsWith(".xml"))
            && attrs.size() <= ValidateCommand.MAX_FILE_BYTES) {
          tests.add(new TestFile(path, Files.readAllBytes(file)));
        }
        return FileVisitResult.CONTINUE;
      }
    });
    tests.sort(java.util.Comparator.comparing(TestFile::path));
    return tests;
  }

  record Options(Path dir, Optional<Path> junit, Optional<Path> html, Optional<Path> json, Duration timeout,
      int parallelism, boolean workers, boolean help) {

    static Options parse(List<String> list) {
      Path dir = null;
      Optional<Path> junit = Optional.empty();
      Optional<Path> html = Optional.empty();
      Optional<Path> json = Optional.empty();
      Duration timeout = Duration.ofSeconds(60);
      int parallelism = Runtime.getRuntime().availableProcessors();
      boolean workers = true;
      Arguments args = new Arguments(list);
      while (args.hasNext()) {
        String name = args.nextName();
        switch (name) {
          case "-h", "--help" -> {
            return new Options(Path.of("."), junit, html, json, timeout, parallelism, workers, true);
          }
          case "--no-workers" -> workers = false;
          case "--junit" -> junit = Optional.of(Arguments.path(args.value(), name));
          case "--html" -> html = Optional.of(Arguments.path(args.value(), name));
          case "--json" -> json = Optional.of(Arguments.path(args.value(), name));
          case "--timeout" -> timeout = duration(args.value());
          case "--parallelism" -> parallelism = positive(args.value());
          default -> {
            if (name.startsWith("-")) {
              throw new UsageException("unknown option " + args.current());
            }
            if (dir != null) {
              throw new UsageException("one directory only; got " + dir + " and " + name);
            }
            dir = Arguments.path(name, "<dir>");
          }
        }
      }
      return new Options(Arguments.directory(dir), junit, html, json, timeout, parallelism, workers, false);
    }

    private static Duration duration(String value) {
      try {
        Duration parsed = value.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(value)) : Duration.parse(value);
        if (parsed.isZero() || parsed.isNegative()) {
          throw new UsageException("--timeout must be positive: " + value);
        }
        return parsed;
      } catch (DateTimeParseException e) {
        throw new UsageException("--timeout: not a duration (PT30S, or seconds): " + value);
      }
    }

    private static int positive(String value) {
      try {
        int parsed = Integer.parseInt(value);
        if (parsed < 1) {
          throw new UsageException("--parallelism must be 1 or more: " + value);
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw new UsageException("--parallelism: not a number: " + value);
      }
    }
  }
}
