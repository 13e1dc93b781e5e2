package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A release passed validar and its gate and now waits for MS_PRODUTO: the groups its routing picked. */
public record ApprovalRequested(String runId, String releaseRef, Resultado validar, List<String> groups) {
  public ApprovalRequested {
    requireNonNull(runId, "runId");
    requireNonNull(releaseRef, "releaseRef");
    requireNonNull(validar, "validar");
    groups = List.copyOf(groups);
  }
}
