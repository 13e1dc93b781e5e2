package dev.prometheuspipeline.backlog;

import static java.util.Objects.requireNonNull;

/**
 * A row of the shared {@code backlog} table as this application reads it; {@code assinatura} is this
 * application's extension of the contract (see {@link RowProofs}).
 */
record BacklogRow(long id, String tipo, String modo, String contexto, String origem, String assinatura) {
  BacklogRow {
    requireNonNull(tipo, "tipo");
    modo = modo == null ? "" : modo;
    contexto = contexto == null ? "" : contexto;
    origem = origem == null ? "" : origem;
    assinatura = assinatura == null ? "" : assinatura;
  }
}
