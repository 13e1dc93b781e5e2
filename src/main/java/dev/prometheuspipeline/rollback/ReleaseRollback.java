package dev.prometheuspipeline.rollback;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One manual rollback of a release: its {@code rollback} process instance ({@code id}), who asked and
 * why, and where it stands.
 */
public record ReleaseRollback(String id, String runId, String requestedBy, String motivo, RollbackState state,
    String stateReason, Instant requestedAt, Instant updatedAt) {
  public ReleaseRollback {
    requireNonNull(id, "id");
    requireNonNull(runId, "runId");
    requireNonNull(requestedBy, "requestedBy");
    requireNonNull(motivo, "motivo");
    requireNonNull(state, "state");
    stateReason = stateReason == null ? "" : stateReason;
    requireNonNull(requestedAt, "requestedAt");
    requireNonNull(updatedAt, "updatedAt");
  }

  ReleaseRollback in(RollbackState now, String reason) {
    return new ReleaseRollback(id, runId, requestedBy, motivo, now, reason, requestedAt, updatedAt);
  }
}
