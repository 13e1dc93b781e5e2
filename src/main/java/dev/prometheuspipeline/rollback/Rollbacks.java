package dev.prometheuspipeline.rollback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The manual rollbacks of each release, newest last; at most one open per release (the table's constraint). */
@Repository
class Rollbacks {
  private static final String COLUMNS =
      "process_instance_id, run_id, requested_by, reason, state, state_reason, requested_at, updated_at";

  private final JdbcClient db;

  Rollbacks(JdbcClient db) {
    this.db = db;
  }

  /** @throws DuplicateKeyException when another rollback of the same release is open */
  void create(ReleaseRollback rollback) {
    db.sql("INSERT INTO release_rollback (" + COLUMNS + ", active_run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(rollback.id(), rollback.runId(), rollback.requestedBy(), truncate(rollback.motivo()),
            rollback.state().wireName(), truncate(rollback.stateReason()), utc(rollback.requestedAt()),
            utc(rollback.updatedAt()), rollback.state().isActive() ? rollback.runId() : null)
        .update();
  }

  /** The release's newest rollback. */
  Optional<ReleaseRollback> latest(String runId) {
    return db.sql("SELECT " + COLUMNS + " FROM release_rollback WHERE run_id = ? ORDER BY requested_at DESC")
        .param(runId).query(Rollbacks::row).list().stream().findFirst();
  }

  Optional<ReleaseRollback> find(String processInstanceId) {
    return db.sql("SELECT " + COLUMNS + " FROM release_rollback WHERE process_instance_id = ?")
        .param(processInstanceId).query(Rollbacks::row).optional();
  }

  /** Moves a rollback on; an ended one no longer holds its release's single open place. */
  void setState(String processInstanceId, RollbackState state, String reason) {
    db.sql("UPDATE release_rollback SET state = ?, state_reason = ?, updated_at = ?, "
            + "active_run_id = CASE WHEN ? THEN run_id ELSE NULL END WHERE process_instance_id = ?")
        .params(state.wireName(), truncate(reason), utc(Instant.now()), state.isActive(), processInstanceId)
        .update();
  }

  private static ReleaseRollback row(ResultSet rs, int n) throws SQLException {
    return new ReleaseRollback(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        RollbackState.fromWire(rs.getString(5)), rs.getString(6), instant(rs, 7), instant(rs, 8));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String truncate(String text) {
    return text.length() <= 2000 ? text : text.substring(0, 1999) + "…";
  }
}
