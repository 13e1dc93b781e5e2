package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.githost.FakeGitHost;
import dev.prometheuspipeline.githost.HostPayloads;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Git hosts' own webhooks, signed as each host signs, through the whole application; and the release's
 * state reported back to the pushed commit, checked by loopback servers speaking as GitHub's and GitLab's APIs.
 */
class GitHostWebhookTest extends PipelineApplicationTest {
  /** A whole release on a busy machine: generous, never a measure of speed. */
  private static final Duration PATIENCE = Duration.ofMinutes(5);
  private static final String GITHUB_TOKEN = "ghp_token-for-tests";
  private static final String GITLAB_TOKEN = "glpat-token-for-tests";
  private static final FakeGitHost github = FakeGitHost.start("Authorization", "Bearer " + GITHUB_TOKEN);
  private static final FakeGitHost gitlab = FakeGitHost.start("PRIVATE-TOKEN", GITLAB_TOKEN);

  @DynamicPropertySource
  static void hosts(DynamicPropertyRegistry registry) {
    registry.add("pipeline.public-url", () -> "https://pipeline.zarah.example");
    registry.add("pipeline.githosts.report-backoff", () -> "200ms");
    registry.add("pipeline.githosts.hosts.github.kind", () -> "github");
    registry.add("pipeline.githosts.hosts.github.api-url", () -> github.url(""));
    registry.add("pipeline.githosts.hosts.github.token-env", () -> "TEST_GITHUB_TOKEN");
    registry.add("pipeline.githosts.hosts.github.repositories[0]", () -> "zarah/processes");
    registry.add("pipeline.githosts.hosts.github.sarif", () -> "true");
    registry.add("pipeline.githosts.hosts.gitlab.kind", () -> "gitlab");
    registry.add("pipeline.githosts.hosts.gitlab.api-url", () -> gitlab.url("/api/v4"));
    registry.add("pipeline.githosts.hosts.gitlab.token-env", () -> "TEST_GITLAB_TOKEN");
    // As the environment variables named by token-env: Spring's environment resolves both the same way.
    registry.add("TEST_GITHUB_TOKEN", () -> GITHUB_TOKEN);
    registry.add("TEST_GITLAB_TOKEN", () -> GITLAB_TOKEN);
  }

  @Test
  void aGitHubPushStartsAReleaseWhoseStateReachesTheCommitUntilItIsDeployed() {
    String head = newCommit();
    String body = HostPayloads.githubPush("refs/heads/main", head);
    github.failNext(1); // a host's bad minute: the first report is retried, not lost

    Api.Response response = anonymous().post("/webhooks/github", body, HostPayloads.github("push", body, WEBHOOK_SECRET));

    assertThat(response.status()).as(response.body()).isEqualTo(202);
    String id = response.json().path("id").asText();
    JsonNode run = awaitState(id, "awaiting_approval", PATIENCE);
    assertThat(run.path("release_ref").asText()).isEqualTo("main@" + head.substring(0, 12));
    assertThat(run.path("trigger").asText()).isEqualTo("webhook");
    assertThat(run.at("/contexto/artefatos").findValuesAsText("sha")).containsOnly(head);
    String statuses = "/repos/zarah/processes/statuses/" + head;
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(states(github, statuses))
        .containsSubsequence("validar=pending", "validar=success", "implantar=pending"));
    FakeGitHost.Request first = statusesTo(github, statuses).get(0);
    assertThat(first.header("Authorization")).isEqualTo("Bearer " + GITHUB_TOKEN);
    assertThat(first.body().path("target_url").asText()).isEqualTo("https://pipeline.zarah.example/releases/" + id);
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(github.accepted())
        .anySatisfy(r -> assertThat(r.path()).isEqualTo("/repos/zarah/processes/code-scanning/sarifs")));
    FakeGitHost.Request sarif = github.accepted().stream()
        .filter(r -> r.path().endsWith("/code-scanning/sarifs")).findFirst().orElseThrow();
    assertThat(sarif.body().path("commit_sha").asText()).isEqualTo(head);
    assertThat(sarif.body().path("ref").asText()).isEqualTo("refs/heads/main");
    assertThat(gunzip(sarif.body().path("sarif").asText())).contains("\"version\"", "2.1.0");

    Api.Response approved = as("bob").post("/api/releases/" + id + "/approval",
        "{\"aprovado\": true, \"comentario\": \"Conferido pelo bot\"}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);

    awaitState(id, "succeeded", PATIENCE);
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(states(github, statuses))
        .containsSubsequence("validar=pending", "validar=success", "implantar=pending", "implantar=success"));
    assertThat(github.refused()).isEmpty();
  }

  @Test
  void aGitLabPushWithItsTokenStartsAReleaseAndAFailedValidationIsReportedFailed() {
    String id = "quebrado" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String broken = git.commit("Broken form " + id, Map.of("Genesis/forms/" + id + ".form", "{\"id\": "));
    git.commit("Fix form " + id, Map.of("Genesis/forms/" + id + ".form", form(id)));
    String body = HostPayloads.gitlabPush("refs/heads/main", broken);

    Api.Response response = anonymous().post("/webhooks/gitlab", body, HostPayloads.gitlab("Push Hook", WEBHOOK_SECRET));

    assertThat(response.status()).as(response.body()).isEqualTo(202);
    awaitState(response.json().path("id").asText(), "failed", PATIENCE);
    String statuses = "/api/v4/projects/15/statuses/" + broken;
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(states(gitlab, statuses))
        .containsSubsequence("validar=running", "validar=failed"));
    FakeGitHost.Request failed = statusesTo(gitlab, statuses).get(statusesTo(gitlab, statuses).size() - 1);
    assertThat(failed.header("PRIVATE-TOKEN")).isEqualTo(GITLAB_TOKEN);
    assertThat(failed.body().path("ref").asText()).isEqualTo("main");
    assertThat(failed.body().path("description").asText()).isNotBlank();
    assertThat(gitlab.refused()).isEmpty();
  }

  @Test
  void giteaAndForgejoSignedPushesStartReleases() {
    String first = newCommit();
    String giteaBody = HostPayloads.giteaPush("refs/heads/main", first);
    Api.Response gitea = anonymous().post("/webhooks/gitea", giteaBody,
        HostPayloads.gitea("push", giteaBody, WEBHOOK_SECRET));
    assertThat(gitea.status()).as(gitea.body()).isEqualTo(202);
    assertThat(gitea.json().path("commit").asText()).isEqualTo(first);

    String second = newCommit();
    String forgejoBody = HostPayloads.giteaPush("refs/heads/main", second);
    Api.Response forgejo = anonymous().post("/webhooks/gitea", forgejoBody,
        HostPayloads.forgejo("push", forgejoBody, WEBHOOK_SECRET));
    assertThat(forgejo.status()).as(forgejo.body()).isEqualTo(202);
    assertThat(forgejo.json().path("commit").asText()).isEqualTo(second);
  }

  @Test
  void forgedSignaturesAndWrongTokensAreRefused() {
    String body = HostPayloads.githubPush("refs/heads/main", git.head());

    Api.Response github = anonymous().post("/webhooks/github", body, HostPayloads.github("push", body, "not-the-secret"));
    Api.Response changed = anonymous().post("/webhooks/github", body.replace("zarah", "mallory"),
        HostPayloads.github("push", body, WEBHOOK_SECRET));
    Api.Response gitlab = anonymous().post("/webhooks/gitlab", HostPayloads.gitlabPush("refs/heads/main", git.head()),
        HostPayloads.gitlab("Push Hook", "not-the-secret"));
    Api.Response gitea = anonymous().post("/webhooks/gitea", body, HostPayloads.gitea("push", body, "not-the-secret"));
    Api.Response unsigned = anonymous().post("/webhooks/github", body, Map.of("X-GitHub-Event", "push",
        "X-GitHub-Delivery", UUID.randomUUID().toString()));

    assertThat(List.of(github, changed, gitlab, gitea, unsigned)).extracting(Api.Response::status).containsOnly(401);
    assertThat(github.json().path("detail").asText()).contains("X-Hub-Signature-256 does not match");
    assertThat(gitlab.json().path("detail").asText()).contains("X-Gitlab-Token").doesNotContain("not-the-secret");
    assertThat(unsigned.json().path("detail").asText()).contains("missing");
  }

  @Test
  void aReplayedDeliveryIsRefused() {
    String githubBody = HostPayloads.githubPush("refs/heads/replay-" + UUID.randomUUID(), git.head());
    Map<String, String> githubHeaders = HostPayloads.github("push", githubBody, WEBHOOK_SECRET);
    String gitlabBody = HostPayloads.gitlabPush("refs/heads/replay-" + UUID.randomUUID(), git.head());
    Map<String, String> gitlabHeaders = HostPayloads.gitlab("Push Hook", WEBHOOK_SECRET);

    assertThat(anonymous().post("/webhooks/github", githubBody, githubHeaders).status()).isEqualTo(202);
    assertThat(anonymous().post("/webhooks/gitlab", gitlabBody, gitlabHeaders).status()).isEqualTo(202);
    Api.Response githubReplay = anonymous().post("/webhooks/github", githubBody, githubHeaders);
    Api.Response gitlabReplay = anonymous().post("/webhooks/gitlab", gitlabBody, gitlabHeaders);

    assertThat(githubReplay.status()).isEqualTo(409);
    assertThat(githubReplay.json().path("detail").asText()).contains("already received");
    assertThat(gitlabReplay.status()).isEqualTo(409);
  }

  @Test
  void pingsTagsDeletedBranchesAndOtherBranchesStartNothing() {
    String ping = HostPayloads.githubPing();
    String tag = HostPayloads.githubPush("refs/tags/v1.0.0", git.head());
    String deleted = HostPayloads.githubPush("refs/heads/main", HostPayloads.ZERO);
    String gitlabTag = HostPayloads.gitlabPush("refs/tags/v1.0.0", git.head());
    String feature = HostPayloads.giteaPush("refs/heads/feature/nova-tela", git.head());
    int releasesBefore = as(ADMIN).get("/api/releases?limit=200").json().size();

    Api.Response pong = anonymous().post("/webhooks/github", ping, HostPayloads.github("ping", ping, WEBHOOK_SECRET));
    Api.Response tagged = anonymous().post("/webhooks/github", tag, HostPayloads.github("push", tag, WEBHOOK_SECRET));
    Api.Response gone = anonymous().post("/webhooks/github", deleted,
        HostPayloads.github("push", deleted, WEBHOOK_SECRET));
    Api.Response gitlabTagged = anonymous().post("/webhooks/gitlab", gitlabTag,
        HostPayloads.gitlab("Tag Push Hook", WEBHOOK_SECRET));
    Api.Response other = anonymous().post("/webhooks/gitea", feature,
        HostPayloads.gitea("push", feature, WEBHOOK_SECRET));
    Map<String, String> issue = new HashMap<>(HostPayloads.github("issues", tag, WEBHOOK_SECRET));
    Api.Response notAPush = anonymous().post("/webhooks/github", tag, issue);

    assertThat(pong.status()).isEqualTo(200);
    assertThat(pong.json().path("message").asText()).startsWith("pong");
    assertThat(List.of(tagged, gone, gitlabTagged, other, notAPush)).allSatisfy(answer -> {
      assertThat(answer.status()).as(answer.body()).isEqualTo(202);
      assertThat(answer.json().path("ignored").asBoolean()).isTrue();
    });
    assertThat(tagged.json().path("message").asText()).contains("tag v1.0.0");
    assertThat(gone.json().path("message").asText()).contains("deleted");
    assertThat(other.json().path("message").asText()).contains("feature/nova-tela", "main");
    assertThat(notAPush.json().path("message").asText()).contains("'issues'");
    assertThat(as(ADMIN).get("/api/releases?limit=200").json()).hasSize(releasesBefore);
  }

  @Test
  void aHugeBodyIsRefusedBeforeItsSignatureIsChecked() {
    String body = "{\"padding\":\"" + "x".repeat(1_100_000) + "\"}";

    assertThat(anonymous().post("/webhooks/github", body, HostPayloads.github("push", body, WEBHOOK_SECRET)).status())
        .isEqualTo(413);
  }

  private static List<String> states(FakeGitHost host, String path) {
    return statusesTo(host, path).stream().map(r -> context(r) + "=" + r.body().path("state").asText()).toList();
  }

  private static List<FakeGitHost.Request> statusesTo(FakeGitHost host, String path) {
    return host.accepted().stream().filter(r -> r.path().equals(path)).toList();
  }

  private static String context(FakeGitHost.Request request) {
    String name = request.body().has("context") ? request.body().path("context").asText()
        : request.body().path("name").asText();
    return name.substring(name.lastIndexOf('/') + 1);
  }

  /** A commit with one more valid form, so each test releases a commit of its own. */
  private static String newCommit() {
    String id = "nota" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    return git.commit("Add form " + id, Map.of("Genesis/forms/" + id + ".form", form(id)));
  }

  private static String form(String id) {
    return "{\"id\":\"" + id + "\",\"type\":\"default\",\"schemaVersion\":16,\"components\":["
        + "{\"id\":\"Field_Nota\",\"key\":\"nota\",\"label\":\"Nota\",\"type\":\"textfield\"}]}";
  }

  private static String gunzip(String base64) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(java.util.Base64.getDecoder().decode(base64)))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
