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
 * @param deploymentOnly the failures the target refuses only for a deployment attribute (no
 *     {@code historyTimeToLive}): the sandbox deploys them once that is set aside, so their behaviour can
 *     still be tested; the validate stage reports them, and the gate refuses the release for them
 */
public record TestReport(int passed, int failed, List<TestFailure> failures, List<TestFailure> deploymentOnly) {
  public TestReport {
    requireNonNull(failures, "failures");
    failures = List.copyOf(failures);
    deploymentOnly = List.copyOf(deploymentOnly);
    if (!failures.containsAll(deploymentOnly)) {
      throw new IllegalArgumentException("a deployment-only refusal is one of the failures: " + deploymentOnly);
    }
    if (passed < 0 || failed < 0) {
      throw new IllegalArgumentException("counts cannot be negative: passed=" + passed + " failed=" + failed);
    }
    if (failed != failures.size()) {
      throw new IllegalArgumentException("each failed artifact needs its failure: " + failed + " vs " + failures.size());
    }
  }

  /** Every refusal counts; {@link #deploymentOnly} ones too. */
  public TestReport(int passed, int failed, List<TestFailure> failures) {
    this(passed, failed, failures, List.of());
  }

  public boolean hasFailures() {
    return failed > 0;
  }

  /** The failures a model's behaviour is to blame for: all but the {@link #deploymentOnly} ones. */
  public List<TestFailure> behaviourFailures() {
    return failures.stream().filter(failure -> !deploymentOnly.contains(failure)).toList();
  }

  /** Whether an artifact does not deploy even with the deployment attributes set aside. */
  public boolean hasBehaviourFailures() {
    return failed > deploymentOnly.size();
  }

  /** One line: {@code 3 passed, 1 failed; first: Genesis/bpmn/a.bpmn: reason}. */
  public String summary() {
    String counts = passed + " passed, " + failed + " failed";
    return failures.isEmpty() ? counts : counts + "; first: " + failures.get(0).describe();
  }
}
