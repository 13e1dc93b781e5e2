package dev.prometheuspipeline.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The rollback store on both databases, migrated as the application migrates them: one open rollback per release. */
class RollbacksTest {
  private static EmbeddedPostgres postgres;
  private static JdbcClient onH2;
  private static JdbcClient onPostgres;

  @BeforeAll
  static void databases() throws IOException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:rollbacks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    postgres = EmbeddedPostgres.builder().start();
    onH2 = migrated(h2);
    onPostgres = migrated(postgres.getPostgresDatabase());
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.close();
  }

  private static JdbcClient migrated(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return JdbcClient.create(dataSource);
  }

  static java.util.stream.Stream<String> databaseNames() {
    return java.util.stream.Stream.of("h2", "postgres");
  }

  private static Rollbacks store(String database) {
    return new Rollbacks(database.equals("h2") ? onH2 : onPostgres);
  }

  private static String aRelease(String database) {
    String id = UUID.randomUUID().toString();
    (database.equals("h2") ? onH2 : onPostgres).sql("INSERT INTO release_run (id, release_ref, requested_by, "
            + "trigger_source, state, contexto, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(id, "r-" + id, "alice", "api", "succeeded", "{}", Instant.now().atOffset(ZoneOffset.UTC),
            Instant.now().atOffset(ZoneOffset.UTC))
        .update();
    return id;
  }

  private static ReleaseRollback asked(String runId, Instant at) {
    return new ReleaseRollback(UUID.randomUUID().toString(), runId, "bob", "pedidos stuck",
        RollbackState.AWAITING_APPROVAL, "waiting for ms-produto", at, at);
  }

  @ParameterizedTest
  @MethodSource("databaseNames")
  void refusesASecondOpenRollbackOfTheSameRelease(String database) {
    Rollbacks rollbacks = store(database);
    String run = aRelease(database);
    rollbacks.create(asked(run, Instant.parse("2026-12-01T10:00:00Z")));

    assertThatThrownBy(() -> rollbacks.create(asked(run, Instant.parse("2026-12-01T10:01:00Z"))))
        .isInstanceOf(DuplicateKeyException.class);
  }

  @ParameterizedTest
  @MethodSource("databaseNames")
  void anEndedRollbackLetsAnotherBeAskedForAndTheNewestIsTheCurrentOne(String database) {
    Rollbacks rollbacks = store(database);
    String run = aRelease(database);
    ReleaseRollback first = asked(run, Instant.parse("2026-12-01T10:00:00Z"));
    rollbacks.create(first);
    rollbacks.setState(first.id(), RollbackState.REJECTED, "rejected by erin: not the cause");
    ReleaseRollback second = asked(run, Instant.parse("2026-12-01T11:00:00Z"));

    rollbacks.create(second);

    assertThat(rollbacks.find(first.id()).orElseThrow().state()).isEqualTo(RollbackState.REJECTED);
    assertThat(rollbacks.latest(run).orElseThrow().id()).isEqualTo(second.id());
    rollbacks.setState(second.id(), RollbackState.RUNNING, "approved by erin");
    assertThatThrownBy(() -> rollbacks.create(asked(run, Instant.parse("2026-12-01T12:00:00Z"))))
        .isInstanceOf(DuplicateKeyException.class);
  }
}
