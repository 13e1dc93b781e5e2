package dev.prometheuspipeline.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The pipeline's own records of a release, next to the engine's tables in the same database and
 * transaction: what was asked, what was fetched (bytes and digests), each stage's etapa, the
 * approval, the history, and which deployments the release made. Process variables only refer here.
 */
@Repository
public class RunStore {
  private final JdbcClient db;
  private final ObjectMapper json;

  RunStore(JdbcClient db, ObjectMapper json) {
    this.db = db;
    this.json = json;
  }

  // ---- runs

  public ReleaseRun create(Contexto contexto, String requestedBy, Trigger trigger) {
    String id = UUID.randomUUID().toString();
    OffsetDateTime now = now();
    db.sql("""
        INSERT INTO release_run (id, release_ref, sprint_origem, requested_by, trigger_source, state,
                                 contexto, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(id, contexto.releaseRef(), contexto.sprintOrigem(), requestedBy, trigger.wireName(),
            ReleaseState.RUNNING.wireName(), write(contexto.toJson(json)), now, now)
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
    return find(id).orElseThrow();
  }

  public Optional<ReleaseRun> find(String id) {
    return db.sql("SELECT * FROM release_run WHERE id = ?").param(id).query(this::run).optional();
  }

  /** The newest run of a release reference: the one {@code implantar} and the backlog refer to. */
  public Optional<ReleaseRun> latest(String releaseRef) {
    return db.sql("SELECT * FROM release_run WHERE release_ref = ? ORDER BY created_at DESC, id")
        .param(releaseRef).query(this::run).stream().findFirst();
  }

  public List<ReleaseRun> recent(int limit) {
    return db.sql("SELECT * FROM release_run ORDER BY created_at DESC, id FETCH FIRST ? ROWS ONLY")
        .param(limit).query(this::run).list();
  }

  public void attachProcess(String runId, String processInstanceId) {
    db.sql("UPDATE release_run SET process_instance_id = ?, updated_at = ? WHERE id = ?")
        .params(processInstanceId, now(), runId).update();
  }

  public void setState(String runId, ReleaseState state, String reason) {
    db.sql("UPDATE release_run SET state = ?, state_reason = ?, updated_at = ? WHERE id = ?")
        .params(state.wireName(), truncate(reason, 2000), now(), runId).update();
  }

  public JsonNode contexto(String runId) {
    return db.sql("SELECT contexto FROM release_run WHERE id = ?").param(runId)
        .query((rs, n) -> read(rs.getString(1))).single();
  }

  // ---- artifacts

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

  // ---- stages and modo results

  public void saveStage(String runId, Stage stage, StageStatus status, JsonNode etapa) {
    db.sql("DELETE FROM stage_result WHERE run_id = ? AND stage = ?").params(runId, stage.wireName()).update();
    db.sql("INSERT INTO stage_result (run_id, stage, status, etapa, finished_at) VALUES (?, ?, ?, ?, ?)")
        .params(runId, stage.wireName(), status.wireName(), write(etapa), now()).update();
  }

  public Map<Stage, JsonNode> stages(String runId) {
    Map<Stage, JsonNode> etapas = new EnumMap<>(Stage.class);
    db.sql("SELECT stage, etapa FROM stage_result WHERE run_id = ?").param(runId)
        .query((rs, n) -> Map.entry(stage(rs.getString(1)), read(rs.getString(2))))
        .list().forEach(e -> etapas.put(e.getKey(), e.getValue()));
    return etapas;
  }

  /** Forgets a modo's stages and result, before that modo runs again (a retried implantar). */
  public void resetModo(String runId, Modo modo) {
    for (Stage stage : modo.stages()) {
      db.sql("DELETE FROM stage_result WHERE run_id = ? AND stage = ?").params(runId, stage.wireName()).update();
    }
    db.sql("DELETE FROM modo_result WHERE run_id = ? AND modo = ?").params(runId, modo.wireName()).update();
  }

  public void saveResultado(String runId, Modo modo, Resultado resultado) {
    db.sql("DELETE FROM modo_result WHERE run_id = ? AND modo = ?").params(runId, modo.wireName()).update();
    db.sql("INSERT INTO modo_result (run_id, modo, status, resultado, finished_at) VALUES (?, ?, ?, ?, ?)")
        .params(runId, modo.wireName(), resultado.status(), write(json.valueToTree(resultado)), now()).update();
  }

  public Optional<JsonNode> resultado(String runId, Modo modo) {
    return db.sql("SELECT resultado FROM modo_result WHERE run_id = ? AND modo = ?")
        .params(runId, modo.wireName()).query((rs, n) -> read(rs.getString(1))).optional();
  }

  // ---- reports

  public String saveReport(String runId, String kind, String mediaType, String body) {
    String id = UUID.randomUUID().toString();
    db.sql("INSERT INTO run_report (id, run_id, kind, media_type, body, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .params(id, runId, kind, mediaType, body, now()).update();
    return id;
  }

  /** Stores a JSON report; returns its id. */
  public String saveReport(String runId, String kind, JsonNode body) {
    return saveReport(runId, kind, "application/json", write(body));
  }

  public Optional<StoredReport> report(String runId, String reportId) {
    return db.sql("SELECT id, run_id, kind, media_type, body FROM run_report WHERE run_id = ? AND id = ?")
        .params(runId, reportId)
        .query((rs, n) -> new StoredReport(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5)))
        .optional();
  }

  public List<StoredReport> reports(String runId) {
    return db.sql("SELECT id, run_id, kind, media_type, '' FROM run_report WHERE run_id = ? ORDER BY created_at")
        .param(runId)
        .query((rs, n) -> new StoredReport(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), ""))
        .list();
  }

  // ---- approval, history, deployments

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

  public void addEvent(String runId, String kind, String message) {
    db.sql("INSERT INTO release_event (run_id, at, kind, message) VALUES (?, ?, ?, ?)")
        .params(runId, now(), kind, truncate(message, 4000)).update();
  }

  public List<ReleaseEvent> events(String runId) {
    return db.sql("SELECT at, kind, message FROM release_event WHERE run_id = ? ORDER BY id").param(runId)
        .query((rs, n) -> new ReleaseEvent(instant(rs, 1), rs.getString(2), rs.getString(3))).list();
  }

  public void saveDeployment(String runId, TargetDeployment deployment) {
    db.sql("DELETE FROM target_deployment WHERE run_id = ? AND product = ?")
        .params(runId, deployment.product()).update();
    db.sql("""
        INSERT INTO target_deployment (run_id, product, deployment_id, deployment_name, created, target_url,
                                       deployed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .params(runId, deployment.product(), deployment.deploymentId(), deployment.deploymentName(),
            deployment.created(), deployment.targetUrl(), deployment.deployedAt().atOffset(ZoneOffset.UTC))
        .update();
  }

  public List<TargetDeployment> deployments(String runId) {
    return db.sql("""
        SELECT product, deployment_id, deployment_name, created, target_url, deployed_at
        FROM target_deployment WHERE run_id = ? ORDER BY product""")
        .param(runId)
        .query((rs, n) -> new TargetDeployment(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getBoolean(4), rs.getString(5), instant(rs, 6)))
        .list();
  }

  // ---- mapping

  private ReleaseRun run(ResultSet rs, int row) throws SQLException {
    return new ReleaseRun(rs.getString("id"), rs.getString("release_ref"), rs.getString("sprint_origem"),
        rs.getString("requested_by"), trigger(rs.getString("trigger_source")),
        ReleaseState.fromWire(rs.getString("state")), rs.getString("state_reason"),
        rs.getString("process_instance_id"), instant(rs, "created_at"), instant(rs, "updated_at"));
  }

  private static Artifact artifact(ResultSet rs) throws SQLException {
    ArtifactType type = ArtifactType.fromWire(rs.getString("tipo"))
        .orElseThrow(() -> new IllegalStateException("unknown tipo in store"));
    return new Artifact(type, rs.getString("arquivo"), rs.getString("path"), rs.getString("sha"));
  }

  private static Trigger trigger(String wire) {
    for (Trigger t : Trigger.values()) {
      if (t.wireName().equals(wire)) {
        return t;
      }
    }
    throw new IllegalStateException("unknown trigger " + wire);
  }

  private static Stage stage(String wire) {
    for (Stage s : Stage.values()) {
      if (s.wireName().equals(wire)) {
        return s;
      }
    }
    throw new IllegalStateException("unknown stage " + wire);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private JsonNode read(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable", e);
    }
  }

  private static String truncate(String text, int max) {
    if (text == null) {
      return "";
    }
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
