package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

/**
 * A release's process reached its end: deployed, or failed (validation, gate, rejection, an expired
 * approval, deployment). Published inside the engine's transaction, after the run's state is stored.
 *
 * @param endEventId the BPMN end event reached, e.g. {@code EndEvent_ApprovalExpired}
 * @param reason why it failed, as the release's {@code state_reason}; empty on success
 */
public record ReleaseFinished(String runId, String releaseRef, boolean succeeded, String endEventId, String reason) {
  public ReleaseFinished {
    requireNonNull(runId, "runId");
    requireNonNull(releaseRef, "releaseRef");
    requireNonNull(endEventId, "endEventId");
    requireNonNull(reason, "reason");
  }
}
