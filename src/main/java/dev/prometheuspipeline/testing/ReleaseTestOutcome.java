package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.StageStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * What the test stage found.
 *
 * @param deployment whether each engine resource deployed into the sandbox
 * @param run the declared tests' results, coverage and worker runs; empty when the models did not deploy
 * @param coverableModels executable processes and decision tables in the release, which coverage counts
 * @param modelTestsDeclared whether the products declared any test file
 * @param hasModels whether the release has engine resources at all
 */
public record ReleaseTestOutcome(
    TestReport deployment, TestRun run, int coverableModels, boolean modelTestsDeclared, boolean hasModels) {
  public ReleaseTestOutcome {
    requireNonNull(deployment, "deployment");
    requireNonNull(run, "run");
  }

  /**
   * {@code failed} when a resource does not deploy or any test fails, errs or times out; {@code skipped}
   * when nothing was declared to run (not a success: the gate decides what that means); else success. A
   * resource the target refuses only for a deployment attribute ({@link TestReport#deploymentOnly}) is the
   * validate stage's finding, not a test's: it does not fail this stage, and the gate refuses it there.
   */
  public StageStatus status() {
    if (deployment.hasBehaviourFailures() || run.failed() > 0) {
      return StageStatus.FAILED;
    }
    return run.results().isEmpty() ? StageStatus.SKIPPED : StageStatus.SUCCESS;
  }

  /** Why the stage was skipped, for the person reading the etapa; empty when it was not. */
  public Optional<String> skipReason() {
    if (status() != StageStatus.SKIPPED) {
      return Optional.empty();
    }
    if (!hasModels && run.workers().isEmpty()) {
      return Optional.of("the release has neither models nor workers to test");
    }
    if (modelTestsDeclared) {
      return Optional.of("the declared test files hold no test case");
    }
    return Optional.of("no tests declared: add process scenarios or decision tests under tests/<product>/ or"
        + " <product>/tests/, and a test script to each worker repository");
  }

  /**
   * The contract's {@code cobertura}: model coverage in percent with one decimal, or empty when no model
   * test ran (then there is no measurement, which is not zero).
   */
  public Optional<Double> coveragePercent() {
    if (run.modelResults().isEmpty() || run.coverage().total() == 0) {
      return Optional.empty();
    }
    return Optional.of(BigDecimal.valueOf(run.coverage().ratio() * 100).setScale(1, RoundingMode.HALF_UP).doubleValue());
  }

  /** Tests passed, the contract's {@code passou}. */
  public long passed() {
    return run.passed();
  }

  /**
   * Tests failed plus resources that did not deploy, the contract's {@code falhou}; a resource refused only
   * for a deployment attribute is counted by the validate stage instead.
   */
  public long failed() {
    return run.failed() + deployment.behaviourFailures().size();
  }
}
