package dev.prometheuspipeline.backlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.Resultado;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code backlog} table, the contract with the other systems (seed 004, section 3.3). Rows of
 * {@code executar_pipeline} go {@code pendente → em_andamento → concluido} (with the {@code resultado}
 * of the modo they asked for) or {@code → erro} (with the reason); emitted rows are inserted
 * {@code pendente} for their consumer.
 */
@Repository
public class Backlog {
  public static final String EXECUTAR_PIPELINE = "executar_pipeline";
  public static final String APROVAR_RELEASE = "aprovar_release";
  public static final String VALIDAR_IMPLANTACAO = "validar_implantacao";

  static final String PENDENTE = "pendente";
  static final String EM_ANDAMENTO = "em_andamento";
  static final String CONCLUIDO = "concluido";
  static final String ERRO = "erro";
  /** Who emitted a row, in the {@code origem} column. */
  static final String ORIGEM = "ms_prometheus_pipeline";

  private final JdbcClient db;
  private final ObjectMapper json;

  Backlog(JdbcClient db, ObjectMapper json) {
    this.db = db;
    this.json = json;
  }

  /**
   * Locks the oldest pending {@code executar_pipeline} row for the current transaction.
   * SKIP LOCKED: several nodes poll at once, and each row goes to exactly one of them; a node that
   * dies mid-row rolls back and the row is pending again, so none is lost.
   */
  Optional<BacklogRow> claimNext() {
    return db.sql("""
        SELECT id, tipo, modo, contexto, origem, assinatura FROM backlog
        WHERE tipo = ? AND status = ?
        ORDER BY id
        FETCH FIRST 1 ROWS ONLY
        FOR UPDATE SKIP LOCKED""")
        .params(EXECUTAR_PIPELINE, PENDENTE)
        .query((rs, n) -> new BacklogRow(rs.getLong("id"), rs.getString("tipo"), rs.getString("modo"),
            rs.getString("contexto"), rs.getString("origem"), rs.getString("assinatura")))
        .optional();
  }

  /**
   * Whether another row carrying the same proof was already taken: the same signed content again is a replay
   * (an old approval inserted once more), not a new request.
   */
  boolean proofTaken(BacklogRow row) {
    return db.sql("SELECT COUNT(*) FROM backlog WHERE assinatura = ? AND id <> ? AND status IN (?, ?)")
        .params(row.assinatura(), row.id(), EM_ANDAMENTO, CONCLUIDO).query(Long.class).single() > 0;
  }

  void markStarted(long id, String runId, Modo modo) {
    db.sql("UPDATE backlog SET status = ?, run_id = ?, modo = ?, updated_at = ? WHERE id = ?")
        .params(EM_ANDAMENTO, runId, modo.wireName(), now(), id).update();
  }

  /**
   * Marks a refused row {@code erro} with the reason, only if it is still pending: after the refused
   * attempt rolled back, another node may already have settled it.
   */
  void markError(long id, String reason) {
    db.sql("UPDATE backlog SET status = ?, erro = ?, updated_at = ? WHERE id = ? AND status = ?")
        .params(ERRO, reason, now(), id, PENDENTE).update();
  }

  /** Writes the {@code resultado} of a concluded modo back to the rows that asked for it. */
  public void conclude(String runId, Modo modo, Resultado resultado) {
    db.sql("""
        UPDATE backlog SET status = ?, resultado = ?, updated_at = ?
        WHERE tipo = ? AND run_id = ? AND modo = ? AND status = ?""")
        .params(CONCLUIDO, write(json.valueToTree(resultado)), now(), EXECUTAR_PIPELINE, runId, modo.wireName(),
            EM_ANDAMENTO)
        .update();
  }

  /** Inserts a message for another system, e.g. {@code aprovar_release} for MS_PRODUTO. */
  public void emit(String tipo, Object contexto, String runId) {
    db.sql("""
        INSERT INTO backlog (tipo, contexto, status, origem, run_id, created_at)
        VALUES (?, ?, ?, ?, ?, ?)""")
        .params(tipo, write(contexto), PENDENTE, ORIGEM, runId, now()).update();
  }

  /**
   * When the oldest row still {@code pendente} was written, per {@code tipo}: {@code executar_pipeline} waits
   * for this application, the emitted ones for their consumers. A type with nothing pending is absent.
   */
  public Map<String, Instant> oldestPending() {
    Map<String, Instant> oldest = new TreeMap<>();
    db.sql("SELECT tipo, MIN(created_at) FROM backlog WHERE status = ? GROUP BY tipo").param(PENDENTE)
        .query(rs -> {
          oldest.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
        });
    return oldest;
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
