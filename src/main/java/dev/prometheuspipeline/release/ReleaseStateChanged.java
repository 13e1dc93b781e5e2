package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

/**
 * A release was created or moved to another state (see {@link ReleaseState}), with the reason shown for it.
 * Published inside the transaction that changed it: listeners that talk to the outside wait for its commit.
 */
public record ReleaseStateChanged(String runId, String releaseRef, ReleaseState state, String reason) {
  public ReleaseStateChanged {
    requireNonNull(runId, "runId");
    requireNonNull(releaseRef, "releaseRef");
    requireNonNull(state, "state");
    reason = reason == null ? "" : reason;
  }
}
