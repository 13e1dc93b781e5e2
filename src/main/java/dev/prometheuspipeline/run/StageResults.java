package dev.prometheuspipeline.run;

import static dev.prometheuspipeline.run.Rows.now;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.Etapa;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.Resultado;
import dev.prometheuspipeline.release.RunUpdated;
import dev.prometheuspipeline.release.Stage;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each stage's {@code etapa} as it finished, and each modo's concluded {@code resultado}: the
 * contract's output, stored as the JSON a client receives.
 */
@Repository
public class StageResults {
  private final JdbcClient db;
  private final ObjectMapper json;
  private final ApplicationEventPublisher events;

  StageResults(JdbcClient db, ObjectMapper json, ApplicationEventPublisher events) {
    this.db = db;
    this.json = json;
    this.events = events;
  }

  /** Records (or, for a retried stage, replaces) what a stage found. */
  public void save(String runId, Stage stage, Etapa etapa) {
    if (!stage.etapaType().isInstance(etapa)) {
      throw new IllegalArgumentException(stage.wireName() + " takes a " + stage.etapaType().getSimpleName()
          + ", not a " + etapa.getClass().getSimpleName());
    }
    db.sql("DELETE FROM stage_result WHERE run_id = ? AND stage = ?").params(runId, stage.wireName()).update();
    db.sql("INSERT INTO stage_result (run_id, stage, status, etapa, finished_at) VALUES (?, ?, ?, ?, ?)")
        .params(runId, stage.wireName(), etapa.status().wireName(), Rows.write(json, etapa), now()).update();
    events.publishEvent(new RunUpdated(runId, RunUpdated.STAGE, stage.wireName() + ":" + etapa.status().wireName(),
        Instant.now()));
  }

  /**
   * Records a stage that runs once per environment: {@code etapa} folded into what earlier environments
   * recorded with {@code after} ({@code earlier.then(etapa)}), or alone for the first.
   */
  public <E extends Etapa> void saveAfter(String runId, Stage stage, E etapa, BinaryOperator<E> after) {
    Etapa earlier = stages(runId).get(stage);
    @SuppressWarnings("unchecked") // save() refuses an etapa of the wrong type for its stage
    E merged = earlier != null && earlier.getClass() == etapa.getClass() ? after.apply((E) earlier, etapa) : etapa;
    save(runId, stage, merged);
  }

  /** The etapas recorded so far, each read into its stage's record. */
  public Map<Stage, Etapa> stages(String runId) {
    Map<Stage, Etapa> etapas = new EnumMap<>(Stage.class);
    db.sql("SELECT stage, etapa FROM stage_result WHERE run_id = ?").param(runId)
        .query((rs, n) -> Map.entry(Stage.fromWire(rs.getString(1)), rs.getString(2)))
        .list().forEach(e -> etapas.put(e.getKey(), etapa(e.getKey(), e.getValue())));
    return etapas;
  }

  /** When each recorded stage finished (its last run, for a stage run again). */
  public Map<Stage, Instant> finishedAt(String runId) {
    Map<Stage, Instant> finished = new EnumMap<>(Stage.class);
    db.sql("SELECT stage, finished_at FROM stage_result WHERE run_id = ?").param(runId)
        .query((rs, n) -> Map.entry(Stage.fromWire(rs.getString(1)), Rows.instant(rs, 2)))
        .list().forEach(e -> finished.put(e.getKey(), e.getValue()));
    return finished;
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
        .params(runId, modo.wireName(), resultado.status(), Rows.write(json, resultado), now()).update();
  }

  /** The concluded {@code resultado} of a modo, exactly as stored and served. */
  public Optional<JsonNode> resultado(String runId, Modo modo) {
    return db.sql("SELECT resultado FROM modo_result WHERE run_id = ? AND modo = ?")
        .params(runId, modo.wireName()).query((rs, n) -> Rows.read(json, rs.getString(1))).optional();
  }

  /** Whether the modo concluded with {@code sucesso}. */
  public boolean succeeded(String runId, Modo modo) {
    return db.sql("SELECT status FROM modo_result WHERE run_id = ? AND modo = ?")
        .params(runId, modo.wireName()).query(String.class).optional().map(Resultado.SUCESSO::equals).orElse(false);
  }

  private Etapa etapa(Stage stage, String stored) {
    try {
      return json.readValue(stored, stage.etapaType());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the stored " + stage.wireName() + " etapa is unreadable", e);
    }
  }
}
