package dev.prometheuspipeline.run;

import static dev.prometheuspipeline.run.Rows.instant;
import static dev.prometheuspipeline.run.Rows.now;

import dev.prometheuspipeline.release.Approval;
import dev.prometheuspipeline.release.ReleaseEvent;
import dev.prometheuspipeline.release.RunUpdated;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What happened to a run, for people: its history of events and the MS_PRODUTO decision. */
@Repository
public class RunHistory {
  private final JdbcClient db;
  private final ApplicationEventPublisher events;

  RunHistory(JdbcClient db, ApplicationEventPublisher events) {
    this.db = db;
    this.events = events;
  }

  public void addEvent(String runId, String kind, String message) {
    db.sql("INSERT INTO release_event (run_id, at, kind, message) VALUES (?, ?, ?, ?)")
        .params(runId, now(), kind, Rows.truncate(message, 4000)).update();
    events.publishEvent(new RunUpdated(runId, kind, Rows.truncate(message, 4000), Instant.now()));
  }

  public List<ReleaseEvent> events(String runId) {
    return db.sql("SELECT at, kind, message FROM release_event WHERE run_id = ? ORDER BY id").param(runId)
        .query((rs, n) -> new ReleaseEvent(instant(rs, 1), rs.getString(2), rs.getString(3))).list();
  }

  /** Records (or replaces) the decision; the four-eyes check rolls it back with its transaction. */
  public void saveApproval(String runId, Approval approval) {
    db.sql("DELETE FROM release_approval WHERE run_id = ?").param(runId).update();
    db.sql("INSERT INTO release_approval (run_id, aprovado, por, comentario, em) VALUES (?, ?, ?, ?, ?)")
        .params(runId, approval.aprovado(), approval.por(), approval.comentario(),
            approval.em().atOffset(ZoneOffset.UTC))
        .update();
  }

  public Optional<Approval> approval(String runId) {
    return db.sql("SELECT aprovado, por, comentario, em FROM release_approval WHERE run_id = ?").param(runId)
        .query((rs, n) -> new Approval(rs.getBoolean(1), rs.getString(2), rs.getString(3), instant(rs, 4)))
        .optional();
  }
}
