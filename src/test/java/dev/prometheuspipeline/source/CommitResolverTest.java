package dev.prometheuspipeline.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitResolverTest {
  private static final String UNKNOWN = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path tmp;
  private OriginRepository origin;
  private Git git;
  private Repository repository;
  private ObjectReader reader;
  private RevWalk walk;
  private CommitResolver commits;
  private String first;

  @BeforeEach
  void createOrigin() throws Exception {
    origin = OriginRepository.init(tmp.resolve("origin"));
    first = origin.commit(Map.of("Genesis/bpmn/release.bpmn", "<definitions/>"));
    git = Git.open(tmp.resolve("origin").toFile());
    repository = git.getRepository();
    reader = repository.newObjectReader();
    walk = new RevWalk(reader);
    commits = new CommitResolver(reader, walk, GitRemote.of("pipeline.source.repository", origin.path(), "", ""));
  }

  @AfterEach
  void close() {
    walk.close();
    reader.close();
    git.close();
    origin.close();
  }

  @Test
  void findsTheFullCommitOfAnAbbreviatedSha() throws Exception {
    assertThat(commits.find(first.substring(0, 7), "Genesis/bpmn/release.bpmn"))
        .hasValueSatisfying(commit -> assertThat(commit.name()).isEqualTo(first));
  }

  @Test
  void findsNothingForAShaTheRepositoryDoesNotHave() throws Exception {
    assertThat(commits.find(UNKNOWN, "")).isEmpty();
  }

  @Test
  void requiringAnUnknownShaNamesThePathTheShaAndTheRepository() {
    assertThatThrownBy(() -> commits.require(UNKNOWN, "Genesis/bpmn/release.bpmn"))
        .isInstanceOf(Refusal.class)
        .hasMessage("Genesis/bpmn/release.bpmn: commit " + UNKNOWN + " not found in pipeline.source.repository"
            + "; push it or fix the sha");
  }

  @Test
  void refusesAShaThatNamesAFolderInsteadOfACommit() throws Exception {
    String tree = walk.parseCommit(repository.resolve(first)).getTree().name();

    assertThatThrownBy(() -> commits.find(tree, "Genesis/bpmn/release.bpmn"))
        .isInstanceOf(Refusal.class)
        .hasMessage("Genesis/bpmn/release.bpmn: " + tree + " names a file or folder object in "
            + "pipeline.source.repository, not a commit; give the commit's sha");
  }

  @Test
  void resolvesABranchToItsHeadCommit() throws Exception {
    String second = origin.commit(Map.of("Genesis/bpmn/payment.bpmn", "<definitions/>"));

    assertThat(commits.resolve(repository, "main").name()).isEqualTo(second);
    assertThat(commits.resolve(repository, first.substring(0, 8)).name()).isEqualTo(first);
  }

  @Test
  void aNameThatIsNeitherBranchNorShaSaysNoBranch() {
    assertThatThrownBy(() -> commits.resolve(repository, "release/9"))
        .isInstanceOf(SourceException.class)
        .hasMessage("no branch 'release/9' in pipeline.source.repository; push it or fix the name");
  }

  @Test
  void onlyAFullShaOfACommitPresentCountsAsPresent() throws Exception {
    assertThat(CommitResolver.isPresentCommit(repository, first)).isTrue();
    assertThat(CommitResolver.isPresentCommit(repository, first.substring(0, 7))).isFalse();
    assertThat(CommitResolver.isPresentCommit(repository, UNKNOWN)).isFalse();
  }

  @Test
  void aShaTheRepositoryLacksIsMissing() throws Exception {
    assertThat(CommitResolver.anyMissing(repository, List.of(first))).isFalse();
    assertThat(CommitResolver.anyMissing(repository, List.of(first, UNKNOWN))).isTrue();
  }
}
