package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

/**
 * Line coverage of a worker repository's own tests, as its coverage tool counted it.
 *
 * @param coveredLines lines executed by some test
 * @param totalLines lines the tool instrumented
 * @param source which report it came from ({@code coverage/lcov.info}, {@code coverage-summary.json},
 *     {@code target/site/jacoco/jacoco.xml})
 */
public record WorkerCoverage(long coveredLines, long totalLines, String source) {
  public WorkerCoverage {
    requireNonNull(source, "source");
    if (coveredLines < 0 || totalLines < 0 || coveredLines > totalLines) {
      throw new IllegalArgumentException(source + ": covered " + coveredLines + " of " + totalLines + " lines");
    }
  }

  /** Covered over total, 0 to 1; 0 when nothing was instrumented. */
  public double ratio() {
    return totalLines == 0 ? 0.0 : (double) coveredLines / totalLines;
  }
}
