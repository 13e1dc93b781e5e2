package dev.prometheuspipeline.smoke;

import dev.prometheuspipeline.release.PipelineException;

/** A smoke step that did not hold on the target; its message says what was expected and what the engine showed. */
final class StepFailed extends PipelineException {
  StepFailed(String message) {
    super(message);
  }

  StepFailed(String message, Throwable cause) {
    super(message, cause);
  }
}
