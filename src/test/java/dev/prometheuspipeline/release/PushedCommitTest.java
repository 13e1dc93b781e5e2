package dev.prometheuspipeline.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PushedCommitTest {
  private static final String SHA1 = "c8c698bc96be27895ded5b897a52841368eff9e1";

  @Test
  void theReleaseRefIsTheBranchAndTheFirstTwelveOfTheSha() {
    assertThat(new PushedCommit("release/1.4", SHA1).releaseRef()).isEqualTo("release/1.4@c8c698bc96be");
  }

  @Test
  void onlyAFullLowercaseShaNamesACommitWithoutAskingGit() {
    assertThat(PushedCommit.isFullSha(SHA1)).isTrue();
    assertThat(PushedCommit.isFullSha(SHA1 + SHA1.substring(0, 24))).isTrue();
    assertThat(PushedCommit.isFullSha(SHA1.substring(0, 12))).isFalse();
    assertThat(PushedCommit.isFullSha(SHA1.toUpperCase())).isFalse();
    assertThat(PushedCommit.isFullSha("")).isFalse();
  }

  @Test
  void anAbbreviatedShaIsRefused() {
    assertThatThrownBy(() -> new PushedCommit("main", "c8c698b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c8c698b");
  }
}
