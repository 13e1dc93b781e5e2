package dev.prometheuspipeline.testing;

import dev.prometheuspipeline.release.TestEtapa;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** {@code etapas.test} from a test outcome: the contract's figures first, then the breakdown. */
public final class TestEtapas {
  /** The etapa lists this many failures; the reports hold them all. */
  private static final int ETAPA_FAILURES = 50;

  private TestEtapas() {}

  /** The etapa, linking the stored JSON, HTML and JUnit reports. */
  public static TestEtapa of(ReleaseTestOutcome outcome, String jsonLink, String htmlLink, String junitLink) {
    return new TestEtapa(outcome.status(), outcome.passed(), outcome.failed(), outcome.coveragePercent().orElse(null),
        outcome.skipReason().orElse(null), byKind(outcome), coverage(outcome), failures(outcome), jsonLink, htmlLink,
        junitLink);
  }

  private static Map<String, TestEtapa.Counts> byKind(ReleaseTestOutcome outcome) {
    Map<String, TestEtapa.Counts> kinds = new LinkedHashMap<>();
    kinds.put("implantacao_sandbox",
        new TestEtapa.Counts(outcome.deployment().passed(), outcome.deployment().behaviourFailures().size()));
    for (TestResult.Kind kind : TestResult.Kind.values()) {
      List<TestResult> ofKind = outcome.run().results().stream().filter(r -> r.kind() == kind).toList();
      long passed = ofKind.stream().filter(TestResult::passed).count();
      long skipped = ofKind.stream().filter(r -> r.status() == TestResult.Status.SKIPPED).count();
      kinds.put(kindName(kind), new TestEtapa.Counts(passed, ofKind.size() - passed - skipped));
    }
    return kinds;
  }

  private static TestEtapa.CoverageDetail coverage(ReleaseTestOutcome outcome) {
    Coverage coverage = outcome.run().coverage();
    return new TestEtapa.CoverageDetail(
        coverage.processes().stream().map(p -> new TestEtapa.ProcessCoverage(p.key(), p.name(), p.file(),
            p.covered(), p.total(), percent(p.ratio()))).toList(),
        coverage.decisions().stream().map(d -> new TestEtapa.DecisionCoverage(d.key(), d.name(), d.file(),
            d.fired(), d.total(), percent(d.ratio()))).toList(),
        outcome.run().workerCoverage().map(w -> new TestEtapa.WorkerCoverage(percent(w.ratio()), w.coveredLines(),
            w.totalLines(), w.source())).orElse(null));
  }

  private static List<TestEtapa.Failure> failures(ReleaseTestOutcome outcome) {
    Stream<TestEtapa.Failure> deployment = outcome.deployment().behaviourFailures().stream()
        .map(f -> new TestEtapa.Failure(f.file(), "sandbox deployment", null, null, null, null, null, f.message()));
    Stream<TestEtapa.Failure> tests = failedTests(outcome).limit(ETAPA_FAILURES).map(result -> {
      TestResult.Failure failure = result.failure().get();
      return new TestEtapa.Failure(result.file(), result.name(), result.status().name().toLowerCase(Locale.ROOT),
          failure.step(), failure.instruction(), failure.expected(), failure.actual(), failure.message());
    });
    return Stream.concat(deployment, tests).toList();
  }

  /** Tests that failed, erred or timed out; a skipped test carries its reason as a failure, but did not fail. */
  private static Stream<TestResult> failedTests(ReleaseTestOutcome outcome) {
    return outcome.run().results().stream()
        .filter(r -> r.failure().isPresent() && r.status() != TestResult.Status.SKIPPED);
  }

  private static String kindName(TestResult.Kind kind) {
    return switch (kind) {
      case SCENARIO -> "cenarios";
      case DECISION -> "decisoes";
      case WORKER -> "workers";
    };
  }

  private static double percent(double ratio) {
    return Math.round(ratio * 1000) / 10.0;
  }
}
