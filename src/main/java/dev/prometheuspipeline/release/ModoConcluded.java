package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

/**
 * A modo of a release has its final {@code resultado}: validar at the approval (or at its failure, red
 * gate included), implantar at its end. Published inside the engine's transaction.
 */
public record ModoConcluded(String runId, String releaseRef, Modo modo, Resultado resultado) {
  public ModoConcluded {
    requireNonNull(runId, "runId");
    requireNonNull(releaseRef, "releaseRef");
    requireNonNull(modo, "modo");
    requireNonNull(resultado, "resultado");
  }
}
