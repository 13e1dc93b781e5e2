package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.PipelineException;

/**
 * Ends a test early with its result: {@link TestResult.Status#FAILED} when an expectation did not hold,
 * {@link TestResult.Status#ERROR} when the test cannot run as written (an unknown element, an instruction
 * with no Camunda 7 meaning). Carries the failure in the model's words.
 */
final class TestCaseFailure extends PipelineException {
  private static final long serialVersionUID = 1L;

  private final transient TestResult.Status status;
  private final transient TestResult.Failure failure;

  private TestCaseFailure(TestResult.Status status, TestResult.Failure failure) {
    super(failure.message());
    this.status = requireNonNull(status, "status");
    this.failure = failure;
  }

  static TestCaseFailure failed(int step, String instruction, String expected, String actual, String message) {
    return new TestCaseFailure(
        TestResult.Status.FAILED, new TestResult.Failure(step, instruction, expected, actual, message));
  }

  static TestCaseFailure error(int step, String instruction, String message) {
    return new TestCaseFailure(TestResult.Status.ERROR, new TestResult.Failure(step, instruction, "", "", message));
  }

  TestResult.Status status() {
    return status;
  }

  TestResult.Failure failure() {
    return failure;
  }
}
