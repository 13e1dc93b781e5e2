package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Something was recorded about a run: a stage finished ({@code kind} {@code stage}, {@code detail}
 * {@code validate:success}) or a line of its history was written ({@code kind} as in {@link ReleaseEvent}).
 * Published after the write, so a listener after commit reads it back; {@code at} is when it was published.
 */
public record RunUpdated(String runId, String kind, String detail, Instant at) {
  public static final String STAGE = "stage";

  public RunUpdated {
    requireNonNull(runId, "runId");
    requireNonNull(kind, "kind");
    requireNonNull(detail, "detail");
    requireNonNull(at, "at");
  }
}
