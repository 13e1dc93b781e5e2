package dev.prometheuspipeline.verify;

/** Whether a verification check held; skipped when it did not apply (no smoke files, watch turned off). */
public enum CheckStatus {
  PASSED,
  FAILED,
  SKIPPED
}
