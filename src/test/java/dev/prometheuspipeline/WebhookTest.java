package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The Git webhook, signed exactly as the seed's workflow signs it with openssl. */
class WebhookTest extends PipelineApplicationTest {

  @Test
  void aSignedPushToMainStartsAValidarReleaseOfEveryProductFile() {
    String head = newCommit();
    String body = "{\"branch\":\"main\"}";

    Api.Response response = anonymous().post("/webhooks/git", body, signed(body, System.currentTimeMillis()));

    assertThat(response.status()).as(response.body()).isEqualTo(202);
    String id = response.json().path("id").asText();
    JsonNode run = awaitState(id, "awaiting_approval");
    assertThat(run.path("release_ref").asText()).isEqualTo("main@" + head.substring(0, 12));
    assertThat(run.path("trigger").asText()).isEqualTo("webhook");
    assertThat(run.at("/contexto/artefatos").findValuesAsText("path"))
        .containsAll(GitFixture.SAMPLE_FILES)
        .allSatisfy(path -> assertThat(path).matches("(Genesis|Prometheus)/.*"));
    assertThat(run.at("/contexto/artefatos").findValuesAsText("sha")).containsOnly(head);
  }

  @Test
  void theSeedsWorkflowPathAnswersTooWithAnExplicitCommit() {
    String head = newCommit();
    String body = "{\"branch\":\"main\",\"commit\":\"" + head + "\"}";

    Api.Response response = anonymous().post("/deploy-camunda", body, signed(body, System.currentTimeMillis()));

    assertThat(response.status()).as(response.body()).isEqualTo(202);
    assertThat(response.json().path("commit").asText()).isEqualTo(head);
  }

  @Test
  void aForgedSignatureIsRefused() {
    String body = "{\"branch\":\"main\"}";
    Map<String, String> headers = Map.of(
        "X-Timestamp", Long.toString(System.currentTimeMillis()),
        "X-Signature", "sha256=" + "0".repeat(64));

    Api.Response response = anonymous().post("/webhooks/git", body, headers);

    assertThat(response.status()).isEqualTo(401);
    // Refused as the API refuses: an RFC 9457 problem.
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.json().path("status").asInt()).isEqualTo(401);
    assertThat(response.json().path("title").asText()).isEqualTo("Unauthorized");
    assertThat(response.json().path("detail").asText()).contains("does not match");
  }

  @Test
  void aBodyChangedAfterSigningIsRefused() {
    long now = System.currentTimeMillis();
    Map<String, String> headers = signed("{\"branch\":\"feature\"}", now);

    assertThat(anonymous().post("/webhooks/git", "{\"branch\":\"main\"}", headers).status()).isEqualTo(401);
  }

  @Test
  void aHugeBodyIsRefusedBeforeAnythingElse() {
    String body = "{\"branch\":\"main\",\"padding\":\"" + "x".repeat(200_000) + "\"}";

    Api.Response response = anonymous().post("/webhooks/git", body, signed(body, System.currentTimeMillis()));

    assertThat(response.status()).isEqualTo(413);
  }

  @Test
  void aMissingSignatureIsRefused() {
    assertThat(anonymous().post("/webhooks/git", "{\"branch\":\"main\"}").status()).isEqualTo(401);
  }

  @Test
  void aReplayedDeliveryIsRefused() {
    String body = "{\"branch\":\"replay-" + UUID.randomUUID() + "\"}";
    Map<String, String> headers = signed(body, System.currentTimeMillis());

    assertThat(anonymous().post("/webhooks/git", body, headers).status()).isEqualTo(200);
    Api.Response replay = anonymous().post("/webhooks/git", body, headers);

    assertThat(replay.status()).isEqualTo(409);
    assertThat(replay.json().path("detail").asText()).contains("already received");
  }

  @Test
  void aTimestampOutsideTheWindowIsRefused() {
    String body = "{\"branch\":\"main\"}";
    long sixMinutesAgo = System.currentTimeMillis() - 6 * 60 * 1000;

    Api.Response response = anonymous().post("/webhooks/git", body, signed(body, sixMinutesAgo));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().path("detail").asText()).contains("X-Timestamp");
  }

  @Test
  void aTimestampInSecondsIsNamedAsSuch() {
    String body = "{\"branch\":\"main\"}";
    long seconds = System.currentTimeMillis() / 1000;

    Api.Response response = anonymous().post("/webhooks/git", body, signed(body, seconds));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().path("detail").asText()).contains("looks like seconds since the epoch");
  }

  @Test
  void aPushToAnotherBranchIsIgnored() {
    String body = "{\"branch\":\"feature/nova-tela\"}";

    Api.Response response = anonymous().post("/webhooks/git", body, signed(body, System.currentTimeMillis()));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("message").asText()).contains("ignored");
  }

  @Test
  void aFullShaIsAnsweredWithoutAskingGitAndTheRunListsTheFiles() {
    String head = newCommit();
    String body = "{\"branch\":\"main\",\"commit\":\"" + head + "\"}";

    Api.Response response = anonymous().post("/webhooks/git", body, signed(body, System.currentTimeMillis()));

    assertThat(response.status()).as(response.body()).isEqualTo(202);
    String id = response.json().path("id").asText();
    assertThat(response.header("Location")).endsWith("/api/releases/" + id);
    JsonNode run = awaitState(id, "awaiting_approval");
    assertThat(run.at("/contexto/artefatos").findValuesAsText("sha")).containsOnly(head);
    assertThat(run.path("history").findValuesAsText("message"))
        .anySatisfy(message -> assertThat(message).contains("artifact(s) under the product folders at " + head));
  }

  @Test
  void anAbbreviatedShaIsResolvedOnceAndTheReleaseNamesTheFullCommit() {
    String head = newCommit();
    String body = "{\"branch\":\"main\",\"commit\":\"" + head.substring(0, 9) + "\"}";

    Api.Response response = anonymous().post("/webhooks/git", body, signed(body, System.currentTimeMillis()));

    assertThat(response.status()).as(response.body()).isEqualTo(202);
    assertThat(response.json().path("commit").asText()).isEqualTo(head);
  }

  @Test
  void anAbbreviatedShaTheRepositoryLacksIsUnprocessableWithoutNamingWhereTheServerKeepsIt() {
    String body = "{\"branch\":\"main\",\"commit\":\"0badc0ffee\"}";

    Api.Response response = anonymous().post("/webhooks/git", body, signed(body, System.currentTimeMillis()));

    assertThat(response.status()).as(response.body()).isEqualTo(422);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.json().path("detail").asText()).contains("0badc0ffee", "pipeline.source.repository")
        .doesNotContain(java.net.URI.create(git.uri()).getPath());
  }

  @Test
  void anUnknownFullShaIsAcceptedAndItsRunFailsNamingTheCommitNotTheServersPath() {
    String body = "{\"branch\":\"main\",\"commit\":\"0badc0ffee0badc0ffee0badc0ffee0badc0ffee\"}";

    Api.Response response = anonymous().post("/webhooks/git", body, signed(body, System.currentTimeMillis()));

    assertThat(response.status()).as(response.body()).isEqualTo(202);
    JsonNode failed = awaitState(response.json().path("id").asText(), "failed");
    assertThat(failed.toString()).contains("0badc0ffee0badc0ffee", "pipeline.source.repository")
        .doesNotContain(java.net.URI.create(git.uri()).getPath());
    assertThat(failed.at("/contexto/artefatos")).isEmpty();
  }

  @Test
  void aCommitWithoutEngineArtifactsStartsARunThatFailsSayingSo() {
    // On a branch of its own: main's later commits must keep the sample products.
    String bare = git.orphanCommit("notes", "No products", Map.of("README.md", "no product folders here"));
    String body = "{\"branch\":\"main\",\"commit\":\"" + bare + "\"}";

    Api.Response response = anonymous().post("/webhooks/git", body, signed(body, System.currentTimeMillis()));

    assertThat(response.status()).as(response.body()).isEqualTo(202);
    JsonNode failed = awaitState(response.json().path("id").asText(), "failed");
    assertThat(failed.toString()).contains("nothing to release");
  }

  /** A commit with one more valid form, so each test releases a commit of its own. */
  private static String newCommit() {
    String id = "nota" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    return git.commit("Add form " + id, Map.of("Genesis/forms/" + id + ".form",
        "{\"id\":\"" + id + "\",\"type\":\"default\",\"schemaVersion\":16,\"components\":["
            + "{\"id\":\"Field_Nota\",\"key\":\"nota\",\"label\":\"Nota\",\"type\":\"textfield\"}]}"));
  }

  /** The seed's workflow: {@code echo -n "$TIMESTAMP.$BODY" | openssl dgst -sha256 -hmac "$SECRET"}. */
  private static Map<String, String> signed(String body, long timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] signature = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return Map.of("X-Timestamp", Long.toString(timestamp),
          "X-Signature", "sha256=" + HexFormat.of().formatHex(signature));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
