package dev.prometheuspipeline.githost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.githost.CommitStatus.State;
import dev.prometheuspipeline.release.Modo;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The status and code scanning calls, each checked by a loopback server that speaks as the host. */
class CommitStatusClientTest {
  private static final String SHA = "bffeb74224043ba2feb48d137756c8a9331c449a";
  private static final String TOKEN = "ghp_test-token";
  private final CommitStatusClient client = new CommitStatusClient(RestClient.builder(), Duration.ofSeconds(10));
  private FakeGitHost host;

  @AfterEach
  void stop() {
    host.stop();
  }

  @Test
  void githubGetsAStatusOnTheCommitWithItsContextAndLink() {
    host = FakeGitHost.start("Authorization", "Bearer " + TOKEN);
    ReleaseOrigin origin = new ReleaseOrigin(GitHostKind.GITHUB, "zarah/processes", "", "main", SHA);

    client.post(github(), TOKEN, origin, "prometheus-pipeline/validar",
        new CommitStatus(Modo.VALIDAR, State.RUNNING, "validar running"),
        Optional.of(URI.create("https://pipeline.zarah.example/releases/r-1")));

    assertThat(host.refused()).isEmpty();
    FakeGitHost.Request request = host.accepted().get(0);
    assertThat(request.path()).isEqualTo("/repos/zarah/processes/statuses/" + SHA);
    assertThat(request.header("Accept")).isEqualTo("application/vnd.github+json");
    assertThat(request.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
    assertThat(request.body().path("state").asText()).isEqualTo("pending");
    assertThat(request.body().path("context").asText()).isEqualTo("prometheus-pipeline/validar");
    assertThat(request.body().path("target_url").asText()).isEqualTo("https://pipeline.zarah.example/releases/r-1");
    assertThat(request.body().path("description").asText()).isEqualTo("validar running");
  }

  @Test
  void gitlabGetsItsOwnStateNamesOnTheProjectById() {
    host = FakeGitHost.start("PRIVATE-TOKEN", TOKEN);
    GitHostsProperties.Host gitlab = new GitHostsProperties.Host(GitHostKind.GITLAB, URI.create(host.url("/api/v4")),
        "T", List.of(), false);
    ReleaseOrigin origin = new ReleaseOrigin(GitHostKind.GITLAB, "zarah/camunda/processes", "15", "main", SHA);

    client.post(gitlab, TOKEN, origin, "prometheus-pipeline/validar",
        new CommitStatus(Modo.VALIDAR, State.RUNNING, "validar running"), Optional.empty());
    client.post(gitlab, TOKEN, origin, "prometheus-pipeline/validar",
        new CommitStatus(Modo.VALIDAR, State.FAILURE, "Validation failed"), Optional.empty());

    assertThat(host.refused()).isEmpty();
    assertThat(host.accepted()).extracting(FakeGitHost.Request::path)
        .containsOnly("/api/v4/projects/15/statuses/" + SHA);
    assertThat(host.accepted()).extracting(r -> r.body().path("state").asText()).containsExactly("running", "failed");
    JsonNode body = host.accepted().get(0).body();
    assertThat(body.path("name").asText()).isEqualTo("prometheus-pipeline/validar");
    assertThat(body.path("ref").asText()).isEqualTo("main");
    assertThat(body.has("target_url")).isFalse();
  }

  @Test
  void giteaTakesGitHubsShapeWithItsTokenScheme() {
    host = FakeGitHost.start("Authorization", "token " + TOKEN);
    GitHostsProperties.Host gitea = new GitHostsProperties.Host(GitHostKind.GITEA, URI.create(host.url("/api/v1/")),
        "T", List.of(), false);

    client.post(gitea, TOKEN, new ReleaseOrigin(GitHostKind.GITEA, "zarah/processes", "", "main", SHA),
        "prometheus-pipeline/implantar", new CommitStatus(Modo.IMPLANTAR, State.FAILURE, "rejected"), Optional.empty());

    assertThat(host.refused()).isEmpty();
    assertThat(host.accepted().get(0).path()).isEqualTo("/api/v1/repos/zarah/processes/statuses/" + SHA);
    assertThat(host.accepted().get(0).body().path("state").asText()).isEqualTo("failure");
  }

  @Test
  void sarifGoesToCodeScanningCompressedAndEncoded() throws Exception {
    host = FakeGitHost.start("Authorization", "Bearer " + TOKEN);
    String sarif = "{\"version\":\"2.1.0\",\"runs\":[]}";

    client.uploadSarif(github(), TOKEN, new ReleaseOrigin(GitHostKind.GITHUB, "zarah/processes", "", "main", SHA), sarif);

    FakeGitHost.Request request = host.accepted().get(0);
    assertThat(request.path()).isEqualTo("/repos/zarah/processes/code-scanning/sarifs");
    assertThat(request.body().path("commit_sha").asText()).isEqualTo(SHA);
    assertThat(request.body().path("ref").asText()).isEqualTo("refs/heads/main");
    byte[] gzipped = Base64.getDecoder().decode(request.body().path("sarif").asText());
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      JsonNode log = new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertThat(log.path("version").asText()).isEqualTo("2.1.0");
    }
  }

  @Test
  void aBusyHostIsWorthAnotherTryAWrongTokenIsNot() {
    host = FakeGitHost.start("Authorization", "Bearer " + TOKEN);
    ReleaseOrigin origin = new ReleaseOrigin(GitHostKind.GITHUB, "zarah/processes", "", "main", SHA);
    CommitStatus status = new CommitStatus(Modo.VALIDAR, State.SUCCESS, "validated");

    host.failNext(1);
    assertThatThrownBy(() -> client.post(github(), TOKEN, origin, "c", status, Optional.empty()))
        .isInstanceOf(GitHostException.Unavailable.class).hasMessageContaining("502");
    assertThatThrownBy(() -> client.post(github(), "wrong-token", origin, "c", status, Optional.empty()))
        .isInstanceOf(GitHostException.class).isNotInstanceOf(GitHostException.Unavailable.class)
        .hasMessageContaining("401").message().doesNotContain("wrong-token");
  }

  private GitHostsProperties.Host github() {
    return new GitHostsProperties.Host(GitHostKind.GITHUB, URI.create(host.url("")), "T", List.of(), true);
  }
}
