package dev.prometheuspipeline.release;

/** The contract's {@code etapas}; {@link #wireName()} is the key under {@code resultado.etapas}. */
public enum Stage {
  VALIDATE("validate"),
  TEST("test"),
  DEPLOY("deploy"),
  VERIFY("verify");

  private final String wireName;

  Stage(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
