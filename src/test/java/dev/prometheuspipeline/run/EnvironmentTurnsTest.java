package dev.prometheuspipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Whose turn it is on an environment, on both databases as the application migrates them. */
class EnvironmentTurnsTest {
  private static EmbeddedPostgres postgres;
  private static JdbcClient onH2;
  private static JdbcClient onPostgres;

  @BeforeAll
  static void databases() throws IOException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:turns-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    postgres = EmbeddedPostgres.builder().start();
    onH2 = migrated(h2, "h2");
    onPostgres = migrated(postgres.getPostgresDatabase(), "postgres");
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.close();
  }

  /** The pipeline's tables as Flyway makes them, beside the engine's runtime tables from Camunda's own script. */
  private static JdbcClient migrated(DataSource dataSource, String engineDatabase) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    try (Connection connection = dataSource.getConnection()) {
      ScriptUtils.executeSqlScript(connection, new ClassPathResource(
          "org/camunda/bpm/engine/db/create/activiti." + engineDatabase + ".create.engine.sql"));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return JdbcClient.create(dataSource);
  }

  static Stream<String> databaseNames() {
    return Stream.of("h2", "postgres");
  }

  private static JdbcClient db(String database) {
    return database.equals("h2") ? onH2 : onPostgres;
  }

  /** A run whose process is still in the engine (one row of ACT_RU_EXECUTION, as a waiting process has). */
  private static String aRunningRelease(String database) {
    String process = aProcess(database);
    return aRun(database, "running", process);
  }

  private static String aRun(String database, String state, String processInstanceId) {
    String id = UUID.randomUUID().toString();
    db(database).sql("INSERT INTO release_run (id, release_ref, requested_by, trigger_source, state, contexto,"
            + " process_instance_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(id, "r-" + id.substring(0, 8), "alice", "api", state, "{}", processInstanceId,
            Instant.now().atOffset(ZoneOffset.UTC), Instant.now().atOffset(ZoneOffset.UTC))
        .update();
    return id;
  }

  private static String aProcess(String database) {
    String id = UUID.randomUUID().toString();
    db(database).sql("INSERT INTO ACT_RU_EXECUTION (ID_, REV_, PROC_INST_ID_, IS_ACTIVE_, IS_CONCURRENT_, IS_SCOPE_,"
        + " IS_EVENT_SCOPE_, SUSPENSION_STATE_) VALUES (?, 1, ?, TRUE, FALSE, TRUE, FALSE, 1)").params(id, id).update();
    return id;
  }

  /** What the engine does when a process ends or is deleted: its executions go. */
  private static void processGone(String database, String processInstanceId) {
    db(database).sql("DELETE FROM ACT_RU_EXECUTION WHERE PROC_INST_ID_ = ?").param(processInstanceId).update();
  }

  private static String anEnvironment() {
    return "env-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @ParameterizedTest
  @MethodSource("databaseNames")
  void oneRunAtATimeAndTheSameRunMayTakeItAgain(String database) {
    EnvironmentTurns turns = new EnvironmentTurns(db(database));
    String environment = anEnvironment();
    String first = aRunningRelease(database);
    String second = aRunningRelease(database);

    assertThat(turns.take(environment, first)).isEmpty();
    assertThat(turns.take(environment, first)).as("a stage tried again keeps its turn").isEmpty();
    assertThat(turns.take(environment, second)).hasValueSatisfying(holder -> {
      assertThat(holder.runId()).isEqualTo(first);
      assertThat(holder.releaseRef()).isEqualTo("r-" + first.substring(0, 8));
    });

    turns.giveBack(environment, second);
    assertThat(turns.holder(environment)).as("only the holder gives it back").isPresent();
    turns.giveBack(environment, first);
    assertThat(turns.take(environment, second)).isEmpty();
    assertThat(turns.holder(environment)).hasValueSatisfying(h -> assertThat(h.runId()).isEqualTo(second));
  }

  @ParameterizedTest
  @MethodSource("databaseNames")
  void environmentsAreIndependent(String database) {
    EnvironmentTurns turns = new EnvironmentTurns(db(database));
    String homologacao = anEnvironment();
    String producao = anEnvironment();

    assertThat(turns.take(homologacao, aRunningRelease(database))).isEmpty();
    assertThat(turns.take(producao, aRunningRelease(database))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("databaseNames")
  void aTurnWhoseProcessIsGoneIsTakenOverThoughTheRunStillSaysRunning(String database) {
    EnvironmentTurns turns = new EnvironmentTurns(db(database));
    String environment = anEnvironment();
    String process = aProcess(database);
    String deleted = aRun(database, "running", process);
    turns.take(environment, deleted);
    // Deleted in Cockpit with its listeners skipped: the turn was never given back, the run's state never changed.
    processGone(database, process);
    String next = aRunningRelease(database);

    assertThat(turns.take(environment, next)).isEmpty();
    assertThat(turns.holder(environment)).hasValueSatisfying(h -> assertThat(h.runId()).isEqualTo(next));
  }

  @ParameterizedTest
  @MethodSource("databaseNames")
  void aSucceededReleaseBeingRolledBackKeepsItsTurn(String database) {
    EnvironmentTurns turns = new EnvironmentTurns(db(database));
    String environment = anEnvironment();
    String releaseProcess = aProcess(database);
    String rolledBack = aRun(database, "succeeded", releaseProcess);
    processGone(database, releaseProcess);
    String rollbackProcess = aProcess(database);
    Instant now = Instant.now();
    db(database).sql("INSERT INTO release_rollback (process_instance_id, run_id, active_run_id, requested_by, reason,"
            + " state, state_reason, requested_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(rollbackProcess, rolledBack, rolledBack, "bob", "pedidos stuck", "running",
            "approved by erin", now.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC))
        .update();
    turns.take(environment, rolledBack);
    String next = aRunningRelease(database);

    assertThat(turns.take(environment, next))
        .hasValueSatisfying(holder -> assertThat(holder.runId()).isEqualTo(rolledBack));
    processGone(database, rollbackProcess);
    assertThat(turns.take(environment, next)).as("the rollback's process ended").isEmpty();
  }
}
