package dev.prometheuspipeline.release;

import java.util.Arrays;
import java.util.Optional;

/** The two pipelines of the seed: {@code validar} before the approval, {@code implantar} after it. */
public enum Modo {
  VALIDAR("validar", "validar", Stage.VALIDATE, Stage.TEST, Stage.SBOM, Stage.VULNERABILITIES, Stage.SIGNATURES),
  IMPLANTAR("implantar", "implantar", Stage.DEPLOY, Stage.VERIFY, Stage.ROLLBACK);

  private final String wireName;
  private final String processKey;
  private final Stage[] stages;

  Modo(String wireName, String processKey, Stage... stages) {
    this.wireName = wireName;
    this.processKey = processKey;
    this.stages = stages;
  }

  public String wireName() {
    return wireName;
  }

  /** The key of the BPMN process that runs this modo on its own. */
  public String processKey() {
    return processKey;
  }

  public Stage[] stages() {
    return stages.clone();
  }

  public static Optional<Modo> fromWire(String value) {
    return Arrays.stream(values()).filter(m -> m.wireName.equals(value)).findFirst();
  }
}
