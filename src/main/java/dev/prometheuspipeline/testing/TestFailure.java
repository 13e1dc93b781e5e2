package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

/**
 * One artifact that did not deploy to the sandbox engine.
 *
 * @param file the artifact's repository path
 * @param message why, in the engine's words where the engine said it
 */
public record TestFailure(String file, String message) {
  public TestFailure {
    requireNonNull(file, "file");
    requireNonNull(message, "message");
    if (message.isBlank()) {
      throw new IllegalArgumentException("a failure needs a reason");
    }
  }

  /** {@code Genesis/bpmn/a.bpmn: reason}. */
  public String describe() {
    return file + ": " + message;
  }
}
