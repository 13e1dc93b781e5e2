package dev.prometheuspipeline.release;

/** The contract's etapa {@code status}. */
public enum StageStatus {
  SUCCESS("success"),
  FAILED("failed"),
  SKIPPED("skipped");

  private final String wireName;

  StageStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
