package dev.prometheuspipeline.rollback;

import java.util.Arrays;

/** Where a manual rollback stands, as {@code GET /api/releases/{id}} reports it under {@code rollback.state}. */
public enum RollbackState {
  AWAITING_APPROVAL("awaiting_approval"),
  RUNNING("running"),
  /** Running, but an environment could not be rolled back completely: an incident says what is left. */
  FAILED("failed"),
  ROLLED_BACK("rolled_back"),
  REJECTED("rejected"),
  EXPIRED("expired"),
  /** Its process was deleted (in Cockpit) before it ended. */
  CANCELLED("cancelled");

  private final String wireName;

  RollbackState(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public boolean isActive() {
    return this == AWAITING_APPROVAL || this == RUNNING || this == FAILED;
  }

  static RollbackState fromWire(String value) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(value)).findFirst()
        .orElseThrow(() -> new IllegalStateException("unknown rollback state " + value));
  }
}
