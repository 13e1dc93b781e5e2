package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** The MS_PRODUTO decision on a release: the contract's {@code aprovacao}. */
public record Approval(boolean aprovado, String por, String comentario, Instant em) {
  public Approval {
    requireNonNull(por, "por");
    requireNonNull(em, "em");
    comentario = comentario == null ? "" : comentario;
  }
}
