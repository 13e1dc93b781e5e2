package dev.prometheuspipeline.smoke;

import static java.util.Objects.requireNonNull;

/**
 * How one smoke file went on one target.
 *
 * @param name {@code smoke:<path>}
 * @param status passed, failed, or skipped when the file has nothing to run
 * @param detail what ran, or which instruction failed and why, with what the engine said
 * @param durationMs how long the run took, cleanup included
 */
public record SmokeResult(String name, Status status, String detail, long durationMs) {
  public enum Status { PASSED, FAILED, SKIPPED }

  public SmokeResult {
    requireNonNull(name, "name");
    requireNonNull(status, "status");
    requireNonNull(detail, "detail");
  }

  public boolean passed() {
    return status == Status.PASSED;
  }
}
