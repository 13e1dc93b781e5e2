package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What running one worker repository's own tests gave.
 *
 * @param worker the worker artifact's repository path
 * @param runner how its tests were run
 * @param results one per test case when the runner's report was read; otherwise one for the whole run
 *     (its exit code, a time-out, or why it could not run)
 * @param countsKnown false when only the exit code was known, so {@code results} holds one result for the run
 * @param coverage line coverage, when the run wrote a report we read
 * @param output the commands' merged stdout and stderr, capped, for the report
 */
public record WorkerRun(
    String worker, Runner runner, List<TestResult> results, boolean countsKnown, Optional<WorkerCoverage> coverage,
    String output) {
  public enum Runner { NPM, MAVEN, NONE }

  public WorkerRun {
    requireNonNull(worker, "worker");
    requireNonNull(runner, "runner");
    results = List.copyOf(requireNonNull(results, "results"));
    requireNonNull(coverage, "coverage");
    requireNonNull(output, "output");
    if (results.isEmpty()) {
      throw new IllegalArgumentException(worker + ": a worker run has at least one result");
    }
  }

  public long passed() {
    return results.stream().filter(TestResult::passed).count();
  }

  /** Results that did not pass and were not skipped: failed, errors and time-outs. */
  public long failed() {
    return results.stream()
        .filter(r -> r.status() != TestResult.Status.PASSED && r.status() != TestResult.Status.SKIPPED).count();
  }
}
