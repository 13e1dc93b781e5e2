package dev.prometheuspipeline.testing;

import static dev.prometheuspipeline.testing.CoveragePage.percent;
import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.report.ReportPages;
import dev.prometheuspipeline.testing.TestResult.Failure;
import dev.prometheuspipeline.testing.TestResult.Kind;
import dev.prometheuspipeline.testing.TestResult.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The test stage's page for people ({@code templates/report/tests.html}), with the coverage picture embedded. */
final class TestPage {
  private TestPage() {}

  /** A summary line: the tests of a kind (or all), and how many ended in each {@link Status}, in its order. */
  record SummaryRow(String label, int total, List<Long> byStatus) {}

  record WorkerLines(String ratio, long covered, long total) {}

  /** A test that failed, errored or timed out, in the model's words; blank parts are left out. */
  record FailureView(String status, String file, String name, String message, String step, String expected,
      String actual) {}

  record FileResults(String file, List<ResultRow> results) {}

  record ResultRow(String name, String kind, String status, long millis) {}

  record WorkerRow(String worker, String runner, String passed, String failed, String coverage, String output) {}

  static String html(String title, TestRun run, List<FetchedArtifact> models) {
    requireNonNull(title, "title");
    requireNonNull(run, "run");
    requireNonNull(models, "models");
    Map<String, Object> variables = new HashMap<>(CoveragePage.variables(models, run.coverage()));
    variables.put("title", title);
    variables.put("summary", summary(run.results()));
    variables.put("modelCoverage", percent(run.coverage().ratio()));
    variables.put("workerCoverage", run.workerCoverage()
        .map(c -> List.of(new WorkerLines(percent(c.ratio()), c.coveredLines(), c.totalLines()))).orElse(List.of()));
    variables.put("failures", failures(run.results()));
    variables.put("files", perFile(run.results()));
    variables.put("workers", run.workers().stream().map(TestPage::worker).toList());
    return ReportPages.render("tests", variables);
  }

  private static List<SummaryRow> summary(List<TestResult> results) {
    List<SummaryRow> rows = new ArrayList<>(List.of(summaryRow("All", results)));
    for (Kind kind : Kind.values()) {
      List<TestResult> ofKind = results.stream().filter(r -> r.kind() == kind).toList();
      if (!ofKind.isEmpty()) {
        rows.add(summaryRow(kindName(kind), ofKind));
      }
    }
    return rows;
  }

  private static SummaryRow summaryRow(String label, List<TestResult> results) {
    return new SummaryRow(label, results.size(), Arrays.stream(Status.values())
        .map(status -> results.stream().filter(r -> r.status() == status).count()).toList());
  }

  private static List<FailureView> failures(List<TestResult> results) {
    return results.stream()
        .filter(r -> r.status() != Status.PASSED && r.status() != Status.SKIPPED)
        .map(result -> {
          Failure failure = result.failure().orElseThrow();
          String step = failure.step() > 0 || !failure.instruction().isBlank()
              ? (failure.step() > 0 ? failure.step() + " " : "") + failure.instruction()
              : "";
          return new FailureView(TestReports.status(result.status()), result.file(), result.name(), failure.message(),
              step, failure.expected(), failure.actual());
        })
        .toList();
  }

  private static List<FileResults> perFile(List<TestResult> results) {
    Map<String, List<ResultRow>> byFile = new LinkedHashMap<>();
    results.forEach(r -> byFile.computeIfAbsent(r.file(), f -> new ArrayList<>())
        .add(new ResultRow(r.name(), kindName(r.kind()), TestReports.status(r.status()), r.duration().toMillis())));
    return byFile.entrySet().stream().map(e -> new FileResults(e.getKey(), e.getValue())).toList();
  }

  private static WorkerRow worker(WorkerRun worker) {
    return new WorkerRow(worker.worker(), worker.runner().name().toLowerCase(Locale.ROOT),
        worker.countsKnown() ? String.valueOf(worker.passed()) : "unknown",
        worker.countsKnown() ? String.valueOf(worker.failed()) : "unknown",
        worker.coverage().map(c -> percent(c.ratio()) + " (" + c.source() + ")").orElse("not reported"),
        worker.output());
  }

  private static String kindName(Kind kind) {
    return switch (kind) {
      case SCENARIO -> "Scenario";
      case DECISION -> "Decision table";
      case WORKER -> "Worker";
    };
  }
}
