package dev.prometheuspipeline.backlog;

import static java.util.Objects.requireNonNull;

/** A row of the shared {@code backlog} table as this application reads it. */
record BacklogRow(long id, String tipo, String modo, String contexto, String origem) {
  BacklogRow {
    requireNonNull(tipo, "tipo");
    modo = modo == null ? "" : modo;
    contexto = contexto == null ? "" : contexto;
    origem = origem == null ? "" : origem;
  }
}
