package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The outcome of deploying a release to a sandbox engine, counted in artifacts (the contract's
 * {@code passou} and {@code falhou}); workers are not counted.
 *
 * @param passed artifacts that deployed
 * @param failed artifacts that did not, one {@link TestFailure} each
 * @param failures why each failed artifact failed, in release order
 */
public record TestReport(int passed, int failed, List<TestFailure> failures) {
  public TestReport {
    requireNonNull(failures, "failures");
    failures = List.copyOf(failures);
    if (passed < 0 || failed < 0) {
      throw new IllegalArgumentException("counts cannot be negative: passed=" + passed + " failed=" + failed);
    }
    if (failed != failures.size()) {
      throw new IllegalArgumentException("each failed artifact needs its failure: " + failed + " vs " + failures.size());
    }
  }

  public boolean hasFailures() {
    return failed > 0;
  }

  /** One line: {@code 3 passed, 1 failed; first: Genesis/bpmn/a.bpmn: reason}. */
  public String summary() {
    String counts = passed + " passed, " + failed + " failed";
    return failures.isEmpty() ? counts : counts + "; first: " + failures.get(0).describe();
  }
}
