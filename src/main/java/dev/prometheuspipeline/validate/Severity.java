package dev.prometheuspipeline.validate;

/** How much a finding matters: an {@link #ERROR} stops the release; the others are advice. */
public enum Severity {
  ERROR,
  WARNING,
  INFO
}
