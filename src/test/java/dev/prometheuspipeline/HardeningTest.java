package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What an attacker meets at the front door: the headers of every answer, error answers that reveal nothing of
 * the server, query and path parameters that stay data, and two starts of one release that race.
 */
class HardeningTest extends PipelineApplicationTest {
  /** What would tell an attacker which server and version to aim at, or that the code failed. */
  private static final List<String> BANNERS = List.of("Tomcat", "Apache", "Jetty", "Exception", "\tat ",
      "org.springframework", "org.camunda", "/work/", "/tmp/");

  @Test
  void everyAnswerTellsBrowsersNotToSniffFrameOrCacheAndNamesNoServer() {
    List<Api.Response> answers = List.of(
        as("alice").get("/api/releases"),
        as("alice").get("/api/releases/no-such-release"),
        anonymous().get("/api/releases"),
        anonymous().get("/actuator/health"),
        anonymous().post("/webhooks/git", "{}"),
        as("alice").get("/engine-rest/engine"),
        as("alice").get("/releases"),
        anonymous().get("/camunda/app/tasklist/default/"));

    assertThat(answers).allSatisfy(answer -> {
      assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(answer.header("X-Frame-Options")).isIn("DENY", "SAMEORIGIN");
      assertThat(answer.header("Referrer-Policy")).isNotEmpty();
      assertThat(answer.header("Server")).isEmpty();
      assertThat(answer.header("X-Powered-By")).isEmpty();
    });
    // What the API answers is a release's state at that moment, often for one user only: no cache keeps it.
    // (The engine's REST API says no-cache itself, which makes every cache ask again.)
    assertThat(List.of(answers.get(0), answers.get(1), answers.get(2)))
        .allSatisfy(answer -> assertThat(answer.header("Cache-Control")).isEqualTo("no-store"));
    assertThat(answers.get(5).header("Cache-Control")).isIn("no-store", "no-cache");
  }

  @Test
  void requestsTheServerCannotEvenParseAreRefusedWithoutNamingIt() throws IOException {
    for (String requestLine : List.of("GET /api/releases/%ZZ HTTP/1.1", "GET /api/releases/a%2Fb HTTP/1.1",
        "GET /api/releases/a b c HTTP/1.1", "GET /../../etc/passwd HTTP/1.1")) {
      String answer = raw(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");

      assertThat(answer).as(requestLine).startsWith("HTTP/1.1 400").contains("application/problem+json",
          "nosniff", "percent-encoded");
      assertThat(answer).as(requestLine).doesNotContainIgnoringCase("server:");
      BANNERS.forEach(banner -> assertThat(answer).as(requestLine).doesNotContain(banner));
    }
    String unknownMethod = raw("BREW /api/releases HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(unknownMethod).startsWith("HTTP/1.1 401").doesNotContainIgnoringCase("server:");
  }

  @Test
  void queryAndPathParametersAreDataNeverCodeOrPaths() {
    for (String hostile : List.of("' OR '1'='1", "1; DROP TABLE release_run; --", "../../../../etc/passwd",
        "${jndi:ldap://127.0.0.1/x}", "<script>alert(1)</script>", "%00")) {
      String encoded = URLEncoder.encode(hostile, StandardCharsets.UTF_8);
      List<Api.Response> answers = List.of(
          as("alice").get("/api/releases?limit=" + encoded),
          as("alice").get("/api/releases/" + encoded),
          as("alice").get("/api/releases/" + encoded + "/reports/" + encoded),
          as("alice").get("/api/releases/" + encoded + "/sbom?format=" + encoded),
          as("alice").get("/api/rules/" + encoded),
          as("alice").get("/api/environments/" + encoded + "/drift"));

      assertThat(answers).as(hostile).allSatisfy(answer -> {
        assertThat(answer.status()).as(answer.body()).isIn(400, 404);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        BANNERS.forEach(banner -> assertThat(answer.body()).doesNotContain(banner));
      });
    }
    assertThat(db.sql("SELECT COUNT(*) FROM release_run").query(Long.class).single()).isNotNull();
  }

  @Test
  void aReportIdThatClimbsOutOfTheRunStoreIsNotFound() {
    String id = startValidar("alice", uniqueRef("climb"), sampleArtifacts(git.head()));
    for (String reportId : List.of("..%2F..%2F..%2Fetc%2Fpasswd", "%2E%2E", "..", "1%00")) {
      Api.Response answer = as("alice").get("/api/releases/" + id + "/reports/" + reportId);

      assertThat(answer.status()).as(reportId).isIn(400, 404);
      assertThat(answer.body()).doesNotContain("root:");
    }
  }

  @Test
  void twoStartsOfOneReleaseAtTheSameMomentStartOneRun() throws Exception {
    String ref = uniqueRef("race");
    String body = contexto("validar", ref, sampleArtifacts(git.head()));
    int starters = 8;
    CountDownLatch ready = new CountDownLatch(starters);
    ExecutorService pool = Executors.newFixedThreadPool(starters);
    List<Future<Api.Response>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < starters; i++) {
        String requester = i % 2 == 0 ? "alice" : "bob";
        Callable<Api.Response> start = () -> {
          ready.countDown();
          ready.await();
          return as(requester).post("/api/releases", body);
        };
        answers.add(pool.submit(start));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Api.Response> answer : answers) {
        statuses.add(answer.get().status());
      }

      assertThat(statuses).as("one accepted, the others told it is already running")
          .containsOnlyOnce(202).containsOnly(202, 409);
      assertThat(db.sql("SELECT COUNT(*) FROM release_run WHERE release_ref = ?").param(ref)
          .query(Long.class).single()).isEqualTo(1);
      JsonNode conflict = answers.stream().map(this::get).filter(a -> a.status() == 409).findFirst()
          .orElseThrow().json();
      assertThat(conflict.path("detail").asText()).contains(ref);
    } finally {
      pool.shutdownNow();
    }
  }

  private Api.Response get(Future<Api.Response> answer) {
    try {
      return answer.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Bytes a browser would never send, straight onto the socket. */
  private static String raw(String request) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
