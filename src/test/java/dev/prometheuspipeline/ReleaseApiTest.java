package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code /api/releases}: who may call it, what it refuses and how it says so. */
class ReleaseApiTest extends PipelineApplicationTest {

  @Test
  void everyEndpointButHealthAndTheWebhookNeedsAuthentication() {
    assertThat(anonymous().get("/api/releases").status()).isEqualTo(401);
    assertThat(anonymous().post("/api/releases", contexto("validar", "r-anon", sampleArtifacts(git.head())))
        .status()).isEqualTo(401);
    assertThat(anonymous().get("/engine-rest/task").status()).isEqualTo(401);
    // dave exists for this alone: a failed login makes the engine refuse that user for a while.
    assertThat(Api.as(port, "dave", "wrong-password").get("/api/releases").status()).isEqualTo(401);
    assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
  }

  @Test
  void startingAReleaseAnswersAcceptedWithItsLocation() {
    Api.Response response = as("alice").post("/api/releases",
        contexto("validar", uniqueRef("loc"), sampleArtifacts(git.head())));

    assertThat(response.status()).isEqualTo(202);
    String id = response.json().path("id").asText();
    assertThat(response.header("Location")).isEqualTo("/api/releases/" + id);
    JsonNode run = release(id);
    assertThat(run.path("requested_by").asText()).isEqualTo("alice");
    assertThat(run.at("/contexto/artefatos")).hasSize(5);
    assertThat(as("carol").get("/api/releases").json())
        .anySatisfy(r -> assertThat(r.path("id").asText()).isEqualTo(id));
  }

  @Test
  void malformedJsonIsRefusedWithWhereItBreaks() {
    Api.Response response = as("alice").post("/api/releases", "{\"contexto\": {\"modo\": \"validar\",");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("detail").asText()).contains("not valid JSON").contains("line 1");
  }

  @Test
  void anUnknownModoIsRefusedNamingTheField() {
    Api.Response response = as("alice").post("/api/releases",
        contexto("publicar", uniqueRef("modo"), sampleArtifacts(git.head())));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("field").asText()).isEqualTo("contexto.modo");
    assertThat(response.json().path("detail").asText()).contains("publicar").contains("validar");
  }

  @Test
  void aMissingShaIsRefusedNamingTheArtifact() {
    String body = "{\"contexto\":{\"modo\":\"validar\",\"release_ref\":\"r-nosha\",\"artefatos\":["
        + "{\"tipo\":\"bpmn\",\"arquivo\":\"pedido.bpmn\",\"path\":\"Genesis/bpmn/pedido.bpmn\"}]}}";

    Api.Response response = as("alice").post("/api/releases", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("field").asText()).isEqualTo("contexto.artefatos[0].sha");
  }

  @Test
  void aPathThatLeavesTheRepositoryIsRefused() {
    Api.Response response = as("alice").post("/api/releases",
        contexto("validar", uniqueRef("escape"), "bpmn:Genesis/../../etc/passwd.bpmn@" + git.head()));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("field").asText()).isEqualTo("contexto.artefatos[0].path");
  }

  @Test
  void aSecondValidarOfARunningReleaseIsAConflict() {
    String ref = uniqueRef("twice");
    startValidar("alice", ref, sampleArtifacts(git.head()));

    Api.Response again = as("alice").post("/api/releases", contexto("validar", ref, sampleArtifacts(git.head())));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("detail").asText()).contains(ref).contains("already");
  }

  @Test
  void implantarOfAnUnknownReleaseIsUnprocessable() {
    Api.Response response = as("alice").post("/api/releases", contexto("implantar", uniqueRef("nobody")));

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.json().path("detail").asText()).contains("validar");
  }

  @Test
  void implantarWhileTheApprovalIsPendingIsAConflict() {
    String ref = uniqueRef("pending");
    awaitState(startValidar("alice", ref, sampleArtifacts(git.head())), "awaiting_approval");

    Api.Response response = as("alice").post("/api/releases", contexto("implantar", ref));

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.json().path("detail").asText()).contains("Tasklist");
  }

  @Test
  void implantarOfAnApprovedReleaseDeploysTheSameDigestsAgain() {
    String ref = uniqueRef("redeploy");
    String sha = git.head();
    String id = startValidar("alice", ref, sampleArtifacts(sha));
    awaitState(id, "awaiting_approval");
    assertThat(decide("bob", approvalTaskId("bob", ref), true, "ok").status()).isEqualTo(204);
    awaitState(id, "succeeded");

    Api.Response again = as("bob").post("/api/releases", contexto("implantar", ref, sampleArtifacts(sha)));

    assertThat(again.status()).as(again.body()).isEqualTo(202);
    assertThat(again.json().path("id").asText()).isEqualTo(id);
    JsonNode done = awaitState(id, "succeeded");
    assertThat(done.at("/implantar/status").asText()).isEqualTo("sucesso");
    assertThat(done.path("history")).anySatisfy(e ->
        assertThat(e.path("message").asText()).contains("implantar requested by bob"));
  }

  @Test
  void implantarOfOtherCommitsThanWereValidatedIsUnprocessable() {
    String ref = uniqueRef("swap");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));
    awaitState(id, "awaiting_approval");
    assertThat(decide("bob", approvalTaskId("bob", ref), true, "ok").status()).isEqualTo(204);
    awaitState(id, "succeeded");

    Api.Response swapped = as("bob").post("/api/releases",
        contexto("implantar", ref, "bpmn:Genesis/bpmn/pedido.bpmn@abcdef0123456789abcdef0123456789abcdef01"));

    assertThat(swapped.status()).isEqualTo(422);
    assertThat(swapped.json().path("detail").asText()).contains("Genesis/bpmn/pedido.bpmn");
  }

  @Test
  void approversHaveAFilterThatShowsWhichReleaseEachTaskIs() {
    Api.Response filters = as("bob").get("/engine-rest/filter?resourceType=Task&itemCount=false");

    assertThat(filters.json()).anySatisfy(filter -> {
      assertThat(filter.path("name").asText()).isEqualTo("Release approvals");
      assertThat(filter.at("/properties/variables").findValuesAsText("name")).contains("releaseRef", "requestedBy");
    });
  }

  @Test
  void theRuleIndexLinksEveryRuleToItsPage() {
    Api.Response index = as("alice").get("/api/rules");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.json()).isNotEmpty();
    assertThat(index.json()).anySatisfy(rule -> {
      assertThat(rule.path("id").asText()).isEqualTo("bpmn-engine-parse");
      assertThat(rule.path("docs").asText()).isEqualTo("/api/rules/bpmn-engine-parse");
    });
  }

  @Test
  void aRulePageIsHtmlThatBrowsersMustNotSniff() {
    Api.Response page = as("alice").get("/api/rules/bpmn-engine-parse");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(page.body()).contains("<h1><code>bpmn-engine-parse</code></h1>", "How to fix");
    assertThat(as("alice").get("/api/rules/no-such-rule").status()).isEqualTo(404);
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413NamingTheLimit() {
    String huge = contexto("validar", uniqueRef("huge"), "bpmn:Genesis/bpmn/pedido.bpmn@" + git.head())
        .replace("\"sprint_origem\":\"S028\"", "\"sprint_origem\":\"" + "x".repeat(1_100_000) + "\"");

    Api.Response response = as("alice").post("/api/releases", huge);

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.json().path("detail").asText()).contains("1048576 bytes", "POST /api/releases");
  }

  @Test
  void moreArtifactsThanAReleaseTakesAreRefusedNamingTheLimit() {
    String[] artefatos = IntStream.range(0, 1001).mapToObj(i -> "bpmn:Genesis/bpmn/p" + i + ".bpmn@" + git.head())
        .toArray(String[]::new);

    Api.Response response = as("alice").post("/api/releases", contexto("validar", uniqueRef("many"), artefatos));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().path("detail").asText()).contains("contexto.artefatos", "1001", "at most 1000");
  }

  /**
   * Sixty artifacts on one mistyped commit: the failure names every one of them, far more than the engine's
   * 4,000-character variable column holds. The run still ends, with the whole text in its etapa.
   */
  @Test
  void aFailureLongerThanAnEngineVariableStillEndsTheRun() {
    String[] artefatos = IntStream.range(0, 60)
        .mapToObj(i -> "bpmn:Genesis/bpmn/processo-com-um-nome-bem-comprido-" + i + ".bpmn@" + "0badc0ffee".repeat(4))
        .toArray(String[]::new);
    String id = startValidar("alice", uniqueRef("sixty"), artefatos);

    JsonNode failed = awaitState(id, "failed");

    assertThat(failed.at("/validar/etapas/validate/erros")).hasSize(60);
    assertThat(failed.path("incidents")).isEmpty();
    assertThat(failed.at("/validar/motivo").asText()).hasSizeLessThanOrEqualTo(4_000)
        .contains("0badc0ffee", "more characters");
  }

  @Test
  void anUnknownReleaseIsNotFound() {
    assertThat(as("alice").get("/api/releases/does-not-exist").status()).isEqualTo(404);
  }

  @Test
  void aTasklistSessionMayReadTheApiButNotStartAReleaseWithoutBasicAuthentication() throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    String base = "http://localhost:" + port;
    browser.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/")).build(),
        HttpResponse.BodyHandlers.discarding());
    String xsrf = cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElse("");
    HttpResponse<String> login = browser.send(
        HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-XSRF-TOKEN", xsrf)
            .header("Origin", base)
            .header("Referer", base + "/camunda/app/tasklist/default/")
            .POST(HttpRequest.BodyPublishers.ofString("username=bob&password=" + PASSWORD)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

    HttpResponse<String> read = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/releases")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> start = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/releases"))
            .header("Content-Type", "application/json")
            .header("X-XSRF-TOKEN", xsrf)
            .POST(HttpRequest.BodyPublishers.ofString(contexto("validar", uniqueRef("csrf"), sampleArtifacts(git.head()))))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(start.statusCode()).isEqualTo(401);
  }
}
