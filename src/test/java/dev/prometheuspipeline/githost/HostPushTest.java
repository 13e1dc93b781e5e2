package dev.prometheuspipeline.githost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Each host's push payload, as the host documents it, read into a branch, a commit and a repository. */
class HostPushTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHA = "bffeb74224043ba2feb48d137756c8a9331c449a";

  @Test
  void aGitHubPushNamesItsBranchCommitAndRepository() throws Exception {
    HostPush push = HostPush.read(GitHostKind.GITHUB, "push", json(HostPayloads.githubPush("refs/heads/main", SHA)));

    assertThat(push.startsRelease()).isTrue();
    assertThat(push.branch()).isEqualTo("main");
    assertThat(push.commit()).isEqualTo(SHA);
    assertThat(push.repository()).isEqualTo("zarah/processes");
    assertThat(push.projectId()).isEmpty();
  }

  @Test
  void aGitLabPushCarriesTheProjectPathWithSubgroupsAndItsNumericId() throws Exception {
    HostPush push = HostPush.read(GitHostKind.GITLAB, "Push Hook",
        json(HostPayloads.gitlabPush("refs/heads/release/2025-12", SHA)));

    assertThat(push.startsRelease()).isTrue();
    assertThat(push.branch()).isEqualTo("release/2025-12");
    assertThat(push.commit()).isEqualTo(SHA);
    assertThat(push.repository()).isEqualTo("zarah/camunda/processes");
    assertThat(push.projectId()).isEqualTo("15");
  }

  @Test
  void aGiteaPushReadsLikeGitHubs() throws Exception {
    HostPush push = HostPush.read(GitHostKind.GITEA, "push", json(HostPayloads.giteaPush("refs/heads/main", SHA)));

    assertThat(push.startsRelease()).isTrue();
    assertThat(push.repository()).isEqualTo("zarah/processes");
  }

  @Test
  void githubsPingIsAnsweredAndStartsNothing() throws Exception {
    HostPush ping = HostPush.read(GitHostKind.GITHUB, "ping", json(HostPayloads.githubPing()));

    assertThat(ping.type()).isEqualTo(HostPush.Type.PING);
    assertThat(ping.startsRelease()).isFalse();
  }

  @Test
  void tagsDeletedBranchesAndOtherEventsAreIgnoredWithTheirReason() throws Exception {
    assertThat(HostPush.read(GitHostKind.GITHUB, "push", json(HostPayloads.githubPush("refs/tags/v1.2.0", SHA))))
        .satisfies(p -> assertThat(p.type()).isEqualTo(HostPush.Type.IGNORED))
        .satisfies(p -> assertThat(p.reason()).contains("tag v1.2.0"));
    assertThat(HostPush.read(GitHostKind.GITLAB, "Tag Push Hook",
        json(HostPayloads.gitlabPush("refs/tags/v1.2.0", SHA))).reason()).contains("tag v1.2.0");
    assertThat(HostPush.read(GitHostKind.GITHUB, "push",
        json(HostPayloads.githubPush("refs/heads/main", HostPayloads.ZERO))).reason()).contains("deleted");
    assertThat(HostPush.read(GitHostKind.GITLAB, "Push Hook",
        json(HostPayloads.gitlabPush("refs/heads/old", HostPayloads.ZERO))).reason()).contains("branch old was deleted");
    assertThat(HostPush.read(GitHostKind.GITEA, "issues", json(HostPayloads.giteaPush("refs/heads/main", SHA))).reason())
        .contains("event 'issues' ignored");
  }

  @Test
  void aPushWithoutACommitOrWithAStrangeRefIsRefusedNamingTheField() {
    assertThatThrownBy(() -> HostPush.read(GitHostKind.GITHUB, "push",
        json(HostPayloads.githubPush("refs/heads/main", "not-a-sha"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after");
    assertThatThrownBy(() -> HostPush.read(GitHostKind.GITHUB, "push",
        json(HostPayloads.githubPush("refs/notes/commits", SHA))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refs/heads/");
    assertThatThrownBy(() -> HostPush.read(GitHostKind.GITHUB, "push",
        json(HostPayloads.githubPush("refs/heads/../../etc", SHA))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("branch");
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
