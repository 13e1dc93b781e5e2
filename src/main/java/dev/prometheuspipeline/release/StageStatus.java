package dev.prometheuspipeline.release;

import com.fasterxml.jackson.annotation.JsonValue;

/** The contract's etapa {@code status}. */
public enum StageStatus {
  SUCCESS("success"),
  FAILED("failed"),
  SKIPPED("skipped");

  private final String wireName;

  StageStatus(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }
}
