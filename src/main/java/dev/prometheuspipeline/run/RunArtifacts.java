package dev.prometheuspipeline.run;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.CompanionFile;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A run's artifacts as asked, then as fetched (bytes and digests), and the companion files fetched
 * with them (tests and rule configuration). Later stages read the bytes from here, never from Git
 * again, so what is deployed is exactly what was validated.
 */
@Repository
public class RunArtifacts {
  private final JdbcClient db;

  RunArtifacts(JdbcClient db) {
    this.db = db;
  }

  public List<Artifact> artifacts(String runId) {
    return db.sql("SELECT tipo, arquivo, path, sha FROM release_artifact WHERE run_id = ? ORDER BY position")
        .param(runId).query((rs, n) -> artifact(rs)).list();
  }

  /** The artifacts with the bytes and digests recorded by the fetch stage; empty before it ran. */
  public List<FetchedArtifact> fetched(String runId) {
    return db.sql("""
        SELECT tipo, arquivo, path, sha, digest, size_bytes, content FROM release_artifact
        WHERE run_id = ? AND digest IS NOT NULL ORDER BY position""")
        .param(runId)
        .query((rs, n) -> new FetchedArtifact(artifact(rs), rs.getString("digest"), rs.getLong("size_bytes"),
            rs.getBytes("content")))
        .list();
  }

  /**
   * What fetch recorded, without the bytes: what a view of the release lists. A release's files can be large
   * and its view is read far more often than its files are.
   */
  public List<FetchedArtifact> fetchedWithoutContent(String runId) {
    return db.sql("""
        SELECT tipo, arquivo, path, sha, digest, size_bytes FROM release_artifact
        WHERE run_id = ? AND digest IS NOT NULL ORDER BY position""")
        .param(runId)
        .query((rs, n) -> new FetchedArtifact(artifact(rs), rs.getString("digest"), rs.getLong("size_bytes"), null))
        .list();
  }

  /** Records what fetch read; the sha is stored in full, as resolved from a possibly abbreviated one. */
  public void saveFetched(String runId, List<FetchedArtifact> fetched) {
    for (FetchedArtifact f : fetched) {
      db.sql("""
          UPDATE release_artifact SET sha = ?, digest = ?, size_bytes = ?, content = ?
          WHERE run_id = ? AND path = ? AND tipo = ?""")
          .params(f.artifact().sha(), f.digest(), f.sizeBytes(), f.content().length == 0 ? null : f.content(),
              runId, f.path(), f.type().wireName())
          .update();
    }
  }

  /** Replaces the run's companion files (a retried fetch stores them again). */
  public void saveCompanions(String runId, List<CompanionFile> files) {
    db.sql("DELETE FROM release_companion WHERE run_id = ?").param(runId).update();
    for (int i = 0; i < files.size(); i++) {
      CompanionFile f = files.get(i);
      db.sql("""
          INSERT INTO release_companion (run_id, position, kind, path, commit_sha, content)
          VALUES (?, ?, ?, ?, ?, ?)""")
          .params(runId, i, f.kind().name(), f.path(), f.commit(), f.content())
          .update();
    }
  }

  /** The rule configuration and tests fetched with the run's models, in path order. */
  public List<CompanionFile> companions(String runId) {
    return db.sql("SELECT kind, path, commit_sha, content FROM release_companion WHERE run_id = ? ORDER BY position")
        .param(runId)
        .query((rs, n) -> new CompanionFile(CompanionFile.Kind.valueOf(rs.getString("kind")), rs.getString("path"),
            rs.getString("commit_sha"), rs.getBytes("content")))
        .list();
  }

  private static Artifact artifact(ResultSet rs) throws SQLException {
    ArtifactType type = ArtifactType.fromWire(rs.getString("tipo"))
        .orElseThrow(() -> new IllegalStateException("unknown tipo in store"));
    return new Artifact(type, rs.getString("arquivo"), rs.getString("path"), rs.getString("sha"));
  }
}
