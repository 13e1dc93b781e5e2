package dev.prometheuspipeline.supplychain;

import java.util.Optional;
import us.springett.cvss.Cvss;
import us.springett.cvss.CvssV3;

/** The base score of a CVSS v3 vector, computed by cvss-calculator rather than trusted from a feed. */
final class CvssBaseScore {
  private CvssBaseScore() {}

  /** The base score of a {@code CVSS:3.0/…} or {@code CVSS:3.1/…} vector; empty for anything else or a bad vector. */
  static Optional<Double> ofV3(String vector) {
    if (vector == null || !vector.startsWith("CVSS:3.")) {
      return Optional.empty();
    }
    try {
      Cvss cvss = Cvss.fromVector(vector.trim());
      if (!(cvss instanceof CvssV3)) { // CvssV3_1 is one too
        return Optional.empty();
      }
      return Optional.of(cvss.calculateScore().getBaseScore());
    } catch (RuntimeException malformed) {
      // MalformedVectorException and the parser's own index errors: a bad vector is "no score", not a crash.
      return Optional.empty();
    }
  }
}
