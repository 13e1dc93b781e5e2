package dev.prometheuspipeline.run;

import static dev.prometheuspipeline.run.Rows.instant;
import static dev.prometheuspipeline.run.Rows.now;

import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Whose turn it is on each environment. Two releases deploying to one engine at once would each verify, and roll
 * back, the other's versions: so a release takes the environment before its deploy gate and gives it back when its
 * pass there ends (verified, refused or rolled back), and a manual rollback takes it for its undo. A turn none of
 * whose holder's processes exists any more is taken over: a pass that ended without giving it back (its process
 * deleted with its listeners skipped) does not block the environment for good.
 *
 * <p>Called outside any transaction by the stage workers: on PostgreSQL a refused insert would spoil an open one.
 */
@Repository
public class EnvironmentTurns {
  /** Tries before a contended take gives up as a technical failure, retried like one. */
  private static final int ATTEMPTS = 5;

  private final JdbcClient db;

  EnvironmentTurns(JdbcClient db) {
    this.db = db;
  }

  /** Who holds an environment, and since when. */
  public record Holder(String runId, String releaseRef, Instant since) {}

  /**
   * Takes {@code environment} for the run {@code runId}, or keeps it when the run holds it already (a stage tried
   * again).
   *
   * @return empty when the run holds the environment now; otherwise the run whose turn it is
   */
  public Optional<Holder> take(String environment, String runId) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Holder> holder = holder(environment);
      if (holder.isEmpty()) {
        try {
          db.sql("INSERT INTO environment_turn (environment, run_id, taken_at) VALUES (?, ?, ?)")
              .params(environment, runId, now()).update();
          return Optional.empty();
        } catch (DuplicateKeyException e) {
          continue; // another run took it in between: look again
        }
      }
      Holder current = holder.get();
      if (current.runId().equals(runId)) {
        return Optional.empty();
      }
      if (isActive(current.runId())) {
        return holder;
      }
      int taken = db.sql("UPDATE environment_turn SET run_id = ?, taken_at = ? WHERE environment = ? AND run_id = ?")
          .params(runId, now(), environment, current.runId()).update();
      if (taken == 1) {
        return Optional.empty();
      }
    }
    throw new IllegalStateException("environment " + environment + ": its turn changed hands " + ATTEMPTS
        + " times while this release tried to take it; the stage tries again");
  }

  /** Gives {@code environment} back, if {@code runId} holds it. */
  public void giveBack(String environment, String runId) {
    db.sql("DELETE FROM environment_turn WHERE environment = ? AND run_id = ?").params(environment, runId).update();
  }

  public Optional<Holder> holder(String environment) {
    return db.sql("SELECT t.run_id, r.release_ref, t.taken_at FROM environment_turn t"
            + " JOIN release_run r ON r.id = t.run_id WHERE t.environment = ?")
        .param(environment)
        .query((rs, n) -> new Holder(rs.getString(1), rs.getString(2), instant(rs, 3)))
        .optional();
  }

  /**
   * A process of the run still exists: its release (or implantar) process, or one of its manual rollbacks'. Asked
   * of the engine's own table in the same database, not of the run's state: a process an operator deleted in
   * Cockpit (its listeners skipped) leaves the run's state as it was, and must not hold the environment for good;
   * one stopped on an incident still exists, and keeps it until the incident is resolved.
   */
  private boolean isActive(String runId) {
    return db.sql("SELECT count(*) FROM release_run r WHERE r.id = ? AND ("
            + "EXISTS (SELECT 1 FROM ACT_RU_EXECUTION e WHERE e.PROC_INST_ID_ = r.process_instance_id)"
            + " OR EXISTS (SELECT 1 FROM release_rollback b JOIN ACT_RU_EXECUTION e"
            + " ON e.PROC_INST_ID_ = b.process_instance_id WHERE b.run_id = r.id))")
        .param(runId).query(Integer.class).single() > 0;
  }
}
