package dev.prometheuspipeline.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prometheuspipeline.Api;
import dev.prometheuspipeline.PipelineApplicationTest;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.Resultado;
import dev.prometheuspipeline.run.RunHistory;
import dev.prometheuspipeline.run.StageResults;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code /releases}: who may open it, that what a release carries comes out as text, and the live streams. */
class BoardControllerTest extends PipelineApplicationTest {
  private static final String HOSTILE_REF = "<script>window.pwned=1</script>";
  private static final String HOSTILE_REASON = "<img src=x onerror=\"window.pwned=2\">";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Autowired RunHistory history;
  @Autowired StageResults stages;
  @Autowired LiveUpdates live;

  @DynamicPropertySource
  static void board(DynamicPropertyRegistry registry) {
    registry.add("pipeline.board.max-streams", () -> 3);
    registry.add("pipeline.board.heartbeat", () -> "300ms");
  }

  @Test
  void withoutLoginTheBoardIsRefusedWithALinkToTheWebappsLogin() {
    for (String path : List.of("/releases", "/releases/live", "/releases/events", "/releases/any-id",
        "/releases/any-id/events")) {
      Api.Response refused = anonymous().get(path);
      assertThat(refused.status()).as(path).isEqualTo(401);
      assertThat(refused.body()).as(path).contains("href=\"/camunda/app/welcome/default/\"");
      // No Basic challenge: it would open the browser's password dialog instead of the login page.
      assertThat(refused.header("WWW-Authenticate")).as(path).isEmpty();
    }
    // dave, not carol: a failed login makes the engine refuse that user for a while.
    assertThat(Api.as(port, "dave", "wrong-password").get("/releases").status()).isEqualTo(401);
  }

  @Test
  void aSignedInPersonSeesTheBoardAsHtmlThatRunsOnlyItsOwnScripts() {
    Api.Response board = as("carol").get("/releases");

    assertThat(board.status()).isEqualTo(200);
    assertThat(board.header("Content-Type")).startsWith("text/html");
    assertThat(board.header("Content-Security-Policy")).contains("script-src 'nonce-").doesNotContain("unsafe-inline");
    assertThat(board.header("Cache-Control")).contains("no-store");
    assertThat(as("carol").get("/releases/" + UUID.randomUUID()).status()).isEqualTo(404);
  }

  @Test
  void hostileReleaseTextComesOutAsText() {
    String id = hostileRun();

    for (String path : List.of("/releases", "/releases/live", "/releases/" + id, "/releases/" + id + "/live")) {
      String page = as("carol").get(path).body();
      assertThat(page).as(path).doesNotContain(HOSTILE_REF).doesNotContain("<img src=x")
          .contains("&lt;script&gt;window.pwned=1&lt;/script&gt;");
    }
    String page = as("carol").get("/releases/" + id).body();
    assertThat(page).contains("&lt;img src=x onerror=&quot;window.pwned=2&quot;&gt;");
  }

  @Test
  void aStreamHearsItsReleasesStagesAndHeartbeatsAndNotOtherReleases() throws Exception {
    String id = hostileRun();
    String other = hostileRun();
    try (EventStream stream = EventStream.open(url("/releases/" + id + "/events"), basic("carol"))) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.next("ready", PATIENCE)).isNotNull();

      stages.save(other, dev.prometheuspipeline.release.Stage.VALIDATE, validateEtapa());
      stages.save(id, dev.prometheuspipeline.release.Stage.VALIDATE, validateEtapa());

      EventStream.Received update = stream.next("update", PATIENCE);
      assertThat(update).isNotNull();
      assertThat(update.data()).contains("\"run\":\"" + id + "\"").contains("\"stage\":\"validate:success\"");
      assertThat(stream.next("", PATIENCE)).as("a heartbeat").isNotNull();
    }
  }

  @Test
  void streamsAreBoundedAndAClosedPageIsForgotten() throws Exception {
    String id = hostileRun();
    int before = live.openStreams();
    List<EventStream> open = new ArrayList<>();
    try {
      for (int i = before; i < 3; i++) {
        EventStream stream = EventStream.open(url("/releases/" + id + "/events"), basic("carol"));
        assertThat(stream.next("ready", PATIENCE)).isNotNull();
        open.add(stream);
      }
      try (EventStream refused = EventStream.open(url("/releases/" + id + "/events"), basic("carol"))) {
        assertThat(refused.status()).isEqualTo(503);
      }
    } finally {
      for (EventStream stream : open) {
        stream.close();
      }
    }
    // The heartbeat finds the closed connections.
    await().atMost(PATIENCE).until(() -> live.openStreams() == 0);
  }

  private String hostileRun() {
    String id = UUID.randomUUID().toString();
    OffsetDateTime now = OffsetDateTime.now();
    db.sql("INSERT INTO release_run (id, release_ref, sprint_origem, requested_by, trigger_source, state, state_reason,"
            + " contexto, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(id, HOSTILE_REF, "S1", "mallory", "api", "running", HOSTILE_REASON, "{}", now, now).update();
    history.addEvent(id, "requested", HOSTILE_REASON);
    stages.saveResultado(id, Modo.VALIDAR, Resultado.of(Modo.VALIDAR, false, Map.of(), HOSTILE_REASON,
        new Resultado.Gate("reprovado", List.of(HOSTILE_REASON))));
    return id;
  }

  private static dev.prometheuspipeline.release.ValidateEtapa validateEtapa() {
    return new dev.prometheuspipeline.release.ValidateEtapa(dev.prometheuspipeline.release.StageStatus.SUCCESS,
        List.of(), List.of(), null, null, null);
  }

  private static String url(String path) {
    return "http://localhost:" + port + path;
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }
}
