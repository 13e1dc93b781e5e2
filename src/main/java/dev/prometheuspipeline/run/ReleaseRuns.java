package dev.prometheuspipeline.run;

import static dev.prometheuspipeline.run.Rows.instant;
import static dev.prometheuspipeline.run.Rows.now;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.Contexto;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.release.ReleaseState;
import dev.prometheuspipeline.release.ReleaseStateChanged;
import dev.prometheuspipeline.release.Trigger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

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
    List<Artifact> artifacts = contexto.artefatos();
    for (int i = 0; i < artifacts.size(); i++) {
      Artifact a = artifacts.get(i);
      db.sql("""
          INSERT INTO release_artifact (run_id, position, tipo, arquivo, path, sha)
          VALUES (?, ?, ?, ?, ?, ?)""")
          .params(id, i, a.type().wireName(), a.file(), a.path(), a.sha())
          .update();
    }
    events.publishEvent(new ReleaseStateChanged(id, contexto.releaseRef(), ReleaseState.RUNNING, ""));
    return find(id).orElseThrow();
  }

  public Optional<ReleaseRun> find(String id) {
    return db.sql("SELECT * FROM release_run WHERE id = ?").param(id).query(this::run).optional();
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
