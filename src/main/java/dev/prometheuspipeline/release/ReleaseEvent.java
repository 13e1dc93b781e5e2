package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A line of a release's history: started, reminded, escalated, approved, failed … */
public record ReleaseEvent(Instant at, String kind, String message) {
  public ReleaseEvent {
    requireNonNull(at, "at");
    requireNonNull(kind, "kind");
    requireNonNull(message, "message");
  }
}
