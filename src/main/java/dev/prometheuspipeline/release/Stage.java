package dev.prometheuspipeline.release;

/**
 * The contract's {@code etapas}; {@link #wireName()} is the key under {@code resultado.etapas}, and
 * {@link #etapaType()} the record its entry is read into.
 */
public enum Stage {
  VALIDATE("validate", ValidateEtapa.class),
  TEST("test", TestEtapa.class),
  DEPLOY("deploy", DeployEtapa.class),
  VERIFY("verify", VerifyEtapa.class);

  private final String wireName;
  private final Class<? extends Etapa> etapaType;

  Stage(String wireName, Class<? extends Etapa> etapaType) {
    this.wireName = wireName;
    this.etapaType = etapaType;
  }

  public String wireName() {
    return wireName;
  }

  public Class<? extends Etapa> etapaType() {
    return etapaType;
  }

  public static Stage fromWire(String wire) {
    for (Stage stage : values()) {
      if (stage.wireName.equals(wire)) {
        return stage;
      }
    }
    throw new IllegalArgumentException("unknown stage " + wire);
  }
}
