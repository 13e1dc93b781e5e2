package dev.prometheuspipeline.release;

import java.util.Arrays;

/** Where a release stands, as {@code GET /api/releases/{id}} reports it. */
public enum ReleaseState {
  RUNNING("running"),
  AWAITING_APPROVAL("awaiting_approval"),
  SUCCEEDED("succeeded"),
  FAILED("failed"),
  /** Deployed and verified, then undone on every environment by an approved manual rollback. */
  ROLLED_BACK("rolled_back");

  private final String wireName;

  ReleaseState(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public boolean isActive() {
    return this == RUNNING || this == AWAITING_APPROVAL;
  }

  public static ReleaseState fromWire(String value) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(value)).findFirst()
        .orElseThrow(() -> new IllegalStateException("unknown release state " + value));
  }
}
