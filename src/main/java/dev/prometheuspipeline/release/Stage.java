package dev.prometheuspipeline.release;

/**
 * The contract's {@code etapas}; {@link #wireName()} is the key under {@code resultado.etapas}, and
 * {@link #etapaType()} the record its entry is read into.
 */
public enum Stage {
  VALIDATE("validate", ValidateEtapa.class),
  TEST("test", TestEtapa.class),
  SBOM("sbom", SbomEtapa.class),
  VULNERABILITIES("vulnerabilidades", VulnerabilidadesEtapa.class),
  SIGNATURES("assinaturas", AssinaturasEtapa.class),
  DEPLOY("deploy", DeployEtapa.class),
  VERIFY("verify", VerifyEtapa.class),
  /** Only when a failed deploy or verification rolled an environment back; absent, not skipped, otherwise. */
  ROLLBACK("rollback", RollbackEtapa.class, false);

  private final String wireName;
  private final Class<? extends Etapa> etapaType;
  private final boolean reportedWhenNotRun;

  Stage(String wireName, Class<? extends Etapa> etapaType) {
    this(wireName, etapaType, true);
  }

  Stage(String wireName, Class<? extends Etapa> etapaType, boolean reportedWhenNotRun) {
    this.wireName = wireName;
    this.etapaType = etapaType;
    this.reportedWhenNotRun = reportedWhenNotRun;
  }

  /** True when {@code etapas} lists the stage as {@code skipped} when it did not run. */
  public boolean reportedWhenNotRun() {
    return reportedWhenNotRun;
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
