package dev.prometheuspipeline.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRemoteTest {
  private static final String PROPERTY = "pipeline.source.repository";

  @TempDir Path tmp;

  @Test
  void movesUserInfoOutOfTheUrlIntoCredentials() {
    GitRemote remote = GitRemote.of(PROPERTY, "https://ana:secret@git.example.com/team/models.git", "", "");

    assertThat(remote.location()).isEqualTo("https://git.example.com/team/models.git");
    assertThat(remote.name()).isEqualTo("https://git.example.com/team/models.git");
    assertThat(remote.credentials()).isPresent();
  }

  @Test
  void sendsNoCredentialsOverPlainHttp() {
    GitRemote remote = GitRemote.of(PROPERTY, "http://git.example.com/team/models.git", "bot", "token");

    assertThat(remote.credentials()).isEmpty();
  }

  @Test
  void aLocalPathAndItsFileUrlShareOneMirror() {
    GitRemote byPath = GitRemote.of(PROPERTY, tmp.resolve("models").toString(), "", "");
    GitRemote byUrl = GitRemote.of(PROPERTY, tmp.resolve("models").toUri().toString(), "", "");

    assertThat(byPath.cacheFolderName()).isEqualTo(byUrl.cacheFolderName()).startsWith("models-");
  }

  @Test
  void refusesAnSshLocationWithoutShowingItsUser() {
    assertThatThrownBy(() -> GitRemote.of(PROPERTY, "git@git.example.com:team/models.git", "", ""))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("SSH is not supported")
        .hasMessageNotContaining("git@");
  }
}
