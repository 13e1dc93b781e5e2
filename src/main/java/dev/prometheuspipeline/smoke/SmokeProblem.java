package dev.prometheuspipeline.smoke;

import static java.util.Objects.requireNonNull;

/**
 * Something in a smoke file that keeps it from running on a target.
 *
 * @param file the smoke file's repository path
 * @param line 1-based; 0 when the whole file is at fault
 * @param message what is wrong and how to fix it, naming the step and instruction when there is one
 */
public record SmokeProblem(String file, int line, String message) {
  public SmokeProblem {
    requireNonNull(file, "file");
    requireNonNull(message, "message");
    if (line < 0) {
      throw new IllegalArgumentException("line is 1-based, or 0 when unknown: " + line);
    }
  }
}
