package dev.prometheuspipeline.run;

import static dev.prometheuspipeline.run.Rows.now;

import dev.prometheuspipeline.release.StoredReport;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The large results of a run (validation and test reports in their formats), kept here and linked
 * from the etapas, so process variables hold only what a person in Cockpit needs.
 */
@Repository
public class RunReports {
  private final JdbcClient db;

  RunReports(JdbcClient db) {
    this.db = db;
  }

  /** Stores a report; returns its id. */
  public String save(String runId, String kind, String mediaType, String body) {
    String id = UUID.randomUUID().toString();
    db.sql("INSERT INTO run_report (id, run_id, kind, media_type, body, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(id, runId, kind, mediaType, body, now()).update();
    return id;
  }

  /** Where the API serves a stored report: the link the etapas carry. */
  public static String link(String runId, String reportId) {
    return "/api/releases/" + runId + "/reports/" + reportId;
  }

  public Optional<StoredReport> report(String runId, String reportId) {
    return db.sql("SELECT id, run_id, kind, media_type, body FROM run_report WHERE run_id = ? AND id = ?")
        .params(runId, reportId)
        .query((rs, n) -> new StoredReport(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5)))
        .optional();
  }

  /** The newest report of {@code kind} of the run, with its body: a stage that ran again wrote a newer one. */
  public Optional<StoredReport> latest(String runId, String kind) {
    return db.sql("SELECT id, run_id, kind, media_type, body FROM run_report WHERE run_id = ? AND kind = ?"
            + " ORDER BY created_at DESC, id DESC FETCH FIRST 1 ROWS ONLY")
        .params(runId, kind)
        .query((rs, n) -> new StoredReport(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5)))
        .optional();
  }

  /** The run's reports without their bodies, oldest first. */
  public List<StoredReport> reports(String runId) {
    return db.sql("SELECT id, run_id, kind, media_type, '' FROM run_report WHERE run_id = ? ORDER BY created_at")
        .param(runId)
        .query((rs, n) -> new StoredReport(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), ""))
        .list();
  }
}
