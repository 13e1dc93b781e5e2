package dev.prometheuspipeline.verify;

/** Whether a verification check held. */
public enum CheckStatus {
  PASSED,
  FAILED
}
