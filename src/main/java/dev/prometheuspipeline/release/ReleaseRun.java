package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One release as stored: who asked, how, and where it stands. */
public record ReleaseRun(
    String id,
    String releaseRef,
    String sprintOrigem,
    String requestedBy,
    Trigger trigger,
    ReleaseState state,
    String stateReason,
    String processInstanceId,
    Instant createdAt,
    Instant updatedAt) {

  public ReleaseRun {
    requireNonNull(id, "id");
    requireNonNull(releaseRef, "releaseRef");
    requireNonNull(requestedBy, "requestedBy");
    requireNonNull(trigger, "trigger");
    requireNonNull(state, "state");
    sprintOrigem = sprintOrigem == null ? "" : sprintOrigem;
    stateReason = stateReason == null ? "" : stateReason;
    processInstanceId = processInstanceId == null ? "" : processInstanceId;
  }
}
