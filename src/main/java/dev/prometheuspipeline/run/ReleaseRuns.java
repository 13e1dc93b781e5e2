package dev.prometheuspipeline.run;

import static dev.prometheuspipeline.run.Rows.instant;
import static dev.prometheuspipeline.run.Rows.now;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.Approval;
import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.Contexto;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.PushedCommit;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.release.ReleaseState;
import dev.prometheuspipeline.release.ReleaseStateChanged;
import dev.prometheuspipeline.release.Trigger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The release runs: what was asked, by whom and how, and where each run stands. Kept next to the
 * engine's tables in the same database and transaction; process variables only refer here by id.
 */
@Repository
public class ReleaseRuns {
  private final JdbcClient db;
  private final ObjectMapper json;
  private final ApplicationEventPublisher events;

  ReleaseRuns(JdbcClient db, ObjectMapper json, ApplicationEventPublisher events) {
    this.db = db;
    this.json = json;
    this.events = events;
  }

  /**
   * Records a new run and the artifacts it asks for, in the order asked.
   *
   * @throws org.springframework.dao.DuplicateKeyException when another run of the release_ref is active,
   *     including one whose transaction committed while this one waited on the table's constraint
   */
  public ReleaseRun create(Contexto contexto, String requestedBy, Trigger trigger) {
    String id = UUID.randomUUID().toString();
    OffsetDateTime now = now();
    db.sql("""
        INSERT INTO release_run (id, release_ref, sprint_origem, requested_by, trigger_source, state,
                                 contexto, created_at, updated_at, active_ref)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(id, contexto.releaseRef(), contexto.sprintOrigem(), requestedBy, trigger.wireName(),
            ReleaseState.RUNNING.wireName(), Rows.write(json, contexto.toJson(json)), now, now,
            contexto.releaseRef())
        .update();
    insertArtifacts(id, contexto.artefatos());
    events.publishEvent(new ReleaseStateChanged(id, contexto.releaseRef(), ReleaseState.RUNNING, ""));
    return find(id).orElseThrow();
  }

  private void insertArtifacts(String id, List<Artifact> artifacts) {
    for (int i = 0; i < artifacts.size(); i++) {
      Artifact a = artifacts.get(i);
      db.sql("""
          INSERT INTO release_artifact (run_id, position, tipo, arquivo, path, sha)
          VALUES (?, ?, ?, ?, ?, ?)""")
          .params(id, i, a.type().wireName(), a.file(), a.path(), a.sha())
          .update();
    }
  }

  /** Records that run {@code runId} releases {@code push}: its fetch stage lists the artifacts from it. */
  public void recordPush(String runId, PushedCommit push) {
    db.sql("INSERT INTO release_push (run_id, branch, commit_sha) VALUES (?, ?, ?)")
        .params(runId, push.branch(), push.commit()).update();
  }

  /** The push run {@code runId} was started by; empty for a run started with its artifacts listed. */
  public Optional<PushedCommit> push(String runId) {
    return db.sql("SELECT branch, commit_sha FROM release_push WHERE run_id = ?").param(runId)
        .query((rs, n) -> new PushedCommit(rs.getString(1), rs.getString(2))).optional();
  }

  /**
   * Gives a pushed run the artifacts its fetch stage listed: they become the run's artifacts and its stored
   * {@code contexto}'s {@code artefatos}, as if they had been asked for.
   *
   * @throws IllegalStateException when the run already has artifacts
   */
  @Transactional
  public void listArtifacts(String runId, List<Artifact> artifacts) {
    Integer listed = db.sql("SELECT COUNT(*) FROM release_artifact WHERE run_id = ?").param(runId)
        .query(Integer.class).single();
    if (listed > 0) {
      throw new IllegalStateException("run " + runId + " already has its artifacts");
    }
    JsonNode asked = contexto(runId);
    Contexto contexto = new Contexto(Modo.VALIDAR, asked.path("release_ref").asText(),
        asked.path("sprint_origem").asText(""), artifacts);
    insertArtifacts(runId, artifacts);
    db.sql("UPDATE release_run SET contexto = ?, updated_at = ? WHERE id = ?")
        .params(Rows.write(json, contexto.toJson(json)), now(), runId).update();
  }

  public Optional<ReleaseRun> find(String id) {
    return db.sql("SELECT * FROM release_run WHERE id = ?").param(id).query(this::run).optional();
  }

  /**
   * The run with its {@code contexto}, {@code resultado}s and decision, in one statement instead of one per
   * table: what {@code GET /api/releases/{id}} shows, and that is read far more often than anything is written.
   */
  public Optional<ReleaseRecord> record(String id) {
    return db.sql("""
        SELECT r.*,
               (SELECT m.resultado FROM modo_result m WHERE m.run_id = r.id AND m.modo = ?) AS validar_resultado,
               (SELECT m.resultado FROM modo_result m WHERE m.run_id = r.id AND m.modo = ?) AS implantar_resultado,
               a.aprovado, a.por, a.comentario, a.em
          FROM release_run r LEFT JOIN release_approval a ON a.run_id = r.id
         WHERE r.id = ?""")
        .params(Modo.VALIDAR.wireName(), Modo.IMPLANTAR.wireName(), id)
        .query((rs, n) -> {
          Map<Modo, JsonNode> resultados = new EnumMap<>(Modo.class);
          resultado(rs, "validar_resultado").ifPresent(r -> resultados.put(Modo.VALIDAR, r));
          resultado(rs, "implantar_resultado").ifPresent(r -> resultados.put(Modo.IMPLANTAR, r));
          Optional<Approval> approval = rs.getString("por") == null ? Optional.empty()
              : Optional.of(new Approval(rs.getBoolean("aprovado"), rs.getString("por"), rs.getString("comentario"),
                  instant(rs, "em")));
          return new ReleaseRecord(run(rs, n), Rows.read(json, rs.getString("contexto")), resultados, approval);
        })
        .optional();
  }

  private Optional<JsonNode> resultado(ResultSet rs, String column) throws SQLException {
    String stored = rs.getString(column);
    return stored == null ? Optional.empty() : Optional.of(Rows.read(json, stored));
  }

  /**
   * The run a stage works on: the process carries its id, so a missing row is a broken store, not a user's
   * mistake.
   */
  public ReleaseRun require(String runId) {
    return find(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " is not stored"));
  }

  /** The newest run of a release reference: the one {@code implantar} and the backlog refer to. */
  public Optional<ReleaseRun> latest(String releaseRef) {
    // FETCH FIRST and optional(), not stream().findFirst(): an unclosed stream keeps its pooled connection.
    return db.sql("SELECT * FROM release_run WHERE release_ref = ? ORDER BY created_at DESC, id"
            + " FETCH FIRST 1 ROWS ONLY").param(releaseRef).query(this::run).optional();
  }

  public List<ReleaseRun> recent(int limit) {
    return db.sql("SELECT * FROM release_run ORDER BY created_at DESC, id FETCH FIRST ? ROWS ONLY")
        .param(limit).query(this::run).list();
  }

  public void attachProcess(String runId, String processInstanceId) {
    db.sql("UPDATE release_run SET process_instance_id = ?, updated_at = ? WHERE id = ?")
        .params(processInstanceId, now(), runId).update();
  }

  /** Moves a run to {@code state}; a {@link ReleaseStateChanged} tells whoever follows releases. */
  public void setState(String runId, ReleaseState state, String reason) {
    // active_ref follows the state: freed when the run ends, taken again when an approved run deploys anew.
    db.sql("""
        UPDATE release_run SET state = ?, state_reason = ?, updated_at = ?,
               active_ref = CASE WHEN ? THEN release_ref ELSE NULL END
         WHERE id = ?""")
        .params(state.wireName(), Rows.truncate(reason, 2000), now(), state.isActive(), runId).update();
    find(runId).ifPresent(run -> events.publishEvent(new ReleaseStateChanged(runId, run.releaseRef(), state, reason)));
  }

  /** The {@code contexto} as it was asked for. */
  public JsonNode contexto(String runId) {
    return db.sql("SELECT contexto FROM release_run WHERE id = ?").param(runId)
        .query((rs, n) -> Rows.read(json, rs.getString(1))).single();
  }

  /**
   * A text field of the {@code contexto} beyond the contract's own, such as seed 001's {@code intent_id} and
   * {@code plan_id}; empty when absent, blank or not text.
   */
  public Optional<String> contextoText(String runId, String field) {
    JsonNode value = contexto(runId).path(field);
    return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
  }

  private ReleaseRun run(ResultSet rs, int row) throws SQLException {
    return new ReleaseRun(rs.getString("id"), rs.getString("release_ref"), rs.getString("sprint_origem"),
        rs.getString("requested_by"), Trigger.fromWire(rs.getString("trigger_source")),
        ReleaseState.fromWire(rs.getString("state")), rs.getString("state_reason"),
        rs.getString("process_instance_id"), instant(rs, "created_at"), instant(rs, "updated_at"));
  }
}
