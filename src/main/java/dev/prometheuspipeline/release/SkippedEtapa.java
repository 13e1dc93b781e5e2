package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

/** A stage of a concluded modo that never ran: {@code {"status": "skipped"}} and nothing else. */
public record SkippedEtapa(StageStatus status) implements Etapa {
  public static final SkippedEtapa INSTANCE = new SkippedEtapa(StageStatus.SKIPPED);

  public SkippedEtapa {
    requireNonNull(status, "status");
  }
}
