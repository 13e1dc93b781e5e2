package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

/** A release passed validar and its gate and now waits for MS_PRODUTO. */
public record ApprovalRequested(String runId, String releaseRef, Resultado validar) {
  public ApprovalRequested {
    requireNonNull(runId, "runId");
    requireNonNull(releaseRef, "releaseRef");
    requireNonNull(validar, "validar");
  }
}
