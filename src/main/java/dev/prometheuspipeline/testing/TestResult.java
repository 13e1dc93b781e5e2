package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of one declared test: a process scenario, a decision table case list, or a worker test.
 *
 * @param file the test file's path in its repository ({@code tests/Genesis/pedido.json})
 * @param name the test's name as its file gives it
 * @param kind what was tested
 * @param status how it ended
 * @param duration how long it ran
 * @param failure why it did not pass (for a skipped test, why it was skipped, if known); empty when it passed
 * @param trace what it made the engine do, for coverage; {@link ExecutionTrace#EMPTY} for worker tests
 */
public record TestResult(
    String file,
    String name,
    Kind kind,
    Status status,
    Duration duration,
    Optional<Failure> failure,
    ExecutionTrace trace) {
  public enum Kind { SCENARIO, DECISION, WORKER }

  /** {@link #ERROR}: the test could not run as written (bad file, engine refused); {@link #FAILED}: an expectation failed. */
  public enum Status { PASSED, FAILED, ERROR, TIMED_OUT, SKIPPED }

  /**
   * Where and why a test did not pass, in the model's words.
   *
   * @param step 1-based index of the instruction that failed; 0 when not tied to one
   * @param instruction the instruction as written ({@code ASSERT_PROCESS_INSTANCE}), empty when none
   * @param expected what the test expected, named as the model names it
   * @param actual what happened instead
   * @param message one sentence for people, naming elements by name and id: {@code "Approve order" (Task_Approve)}
   */
  public record Failure(int step, String instruction, String expected, String actual, String message) {
    public Failure {
      requireNonNull(instruction, "instruction");
      requireNonNull(expected, "expected");
      requireNonNull(actual, "actual");
      requireNonNull(message, "message");
    }
  }

  public TestResult {
    requireNonNull(file, "file");
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    requireNonNull(status, "status");
    requireNonNull(duration, "duration");
    requireNonNull(failure, "failure");
    requireNonNull(trace, "trace");
    if (status == Status.PASSED && failure.isPresent()) {
      throw new IllegalArgumentException(name + ": a passed test has no failure");
    }
    boolean didNotPass = status != Status.PASSED && status != Status.SKIPPED;
    if (didNotPass && failure.isEmpty()) {
      throw new IllegalArgumentException(name + ": a " + status + " test needs its failure");
    }
  }

  public boolean passed() {
    return status == Status.PASSED;
  }
}
