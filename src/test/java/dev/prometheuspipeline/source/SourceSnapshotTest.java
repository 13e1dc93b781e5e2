package dev.prometheuspipeline.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceSnapshotTest {
  @TempDir Path tmp;
  private OriginRepository origin;
  private ArtifactFetcher fetcher;
  private String first;

  @BeforeEach
  void createOrigin() throws Exception {
    origin = OriginRepository.init(tmp.resolve("origin"));
    first = origin.commit(Map.of(
        "Genesis/bpmn/release.bpmn", "<definitions/>",
        "Genesis/dmn/gate.dmn", "<definitions/>",
        "Genesis/README.md", "# Genesis",
        "Prometheus/forms/approve.form", "{}",
        "Prometheus/forms/embedded/approve.html", "<form/>",
        "Sandbox/bpmn/draft.bpmn", "<definitions/>",
        "root.bpmn", "<definitions/>"));
    fetcher = new ArtifactFetcher(new SourceProperties(
        origin.path(), "", tmp.resolve("cache"), null, 0, null, null, null));
  }

  @AfterEach
  void closeOrigin() {
    origin.close();
  }

  @Test
  void listsTheEngineFilesOfTheProductFoldersAtABranchHeadSortedByPath() {
    SourceSnapshot snapshot = fetcher.snapshot("main");

    assertThat(snapshot.commit()).isEqualTo(first);
    assertThat(snapshot.artifacts()).containsExactly(
        new Artifact(ArtifactType.BPMN, "release.bpmn", "Genesis/bpmn/release.bpmn", first),
        new Artifact(ArtifactType.DMN, "gate.dmn", "Genesis/dmn/gate.dmn", first),
        new Artifact(ArtifactType.FORM, "approve.form", "Prometheus/forms/approve.form", first),
        new Artifact(ArtifactType.HTML, "approve.html", "Prometheus/forms/embedded/approve.html", first));
  }

  @Test
  void followsTheBranchWhenItMovesOnTheOrigin() throws Exception {
    fetcher.snapshot("main");
    String second = origin.commit(Map.of("Genesis/bpmn/payment.bpmn", "<definitions/>"));

    SourceSnapshot snapshot = fetcher.snapshot("main");

    assertThat(snapshot.commit()).isEqualTo(second);
    assertThat(snapshot.artifacts()).extracting(Artifact::path).contains("Genesis/bpmn/payment.bpmn");
  }

  @Test
  void listsTheFilesAtAnExplicitOlderCommit() throws Exception {
    origin.commit(Map.of("Genesis/bpmn/payment.bpmn", "<definitions/>"));

    SourceSnapshot snapshot = fetcher.snapshot(first);

    assertThat(snapshot.commit()).isEqualTo(first);
    assertThat(snapshot.artifacts()).extracting(Artifact::path)
        .doesNotContain("Genesis/bpmn/payment.bpmn")
        .contains("Genesis/bpmn/release.bpmn");
    assertThat(snapshot.artifacts()).extracting(Artifact::sha).containsOnly(first);
  }

  @Test
  void resolvesAnAbbreviatedCommitToItsFullSha() {
    SourceSnapshot snapshot = fetcher.snapshot(first.substring(0, 8));

    assertThat(snapshot.commit()).isEqualTo(first);
  }

  @Test
  void listsOnlyTheConfiguredProductFolders() {
    ArtifactFetcher sandboxOnly = new ArtifactFetcher(new SourceProperties(
        origin.path(), "", tmp.resolve("cache"), List.of("Sandbox"), 0, null, null, null));

    SourceSnapshot snapshot = sandboxOnly.snapshot("main");

    assertThat(snapshot.artifacts()).extracting(Artifact::path).containsExactly("Sandbox/bpmn/draft.bpmn");
  }

  @Test
  void resolvesAnotherBranchByName() throws Exception {
    String second = origin.commit(Map.of("Genesis/bpmn/payment.bpmn", "<definitions/>"));
    origin.branch("release/1.0", first);

    SourceSnapshot snapshot = fetcher.snapshot("release/1.0");

    assertThat(snapshot.commit()).isEqualTo(first).isNotEqualTo(second);
  }

  @Test
  void refusesAnUnknownBranchNamingIt() {
    SourceException refused = catchThrowableOfType(
        () -> fetcher.snapshot("release/9.9"), SourceException.class);

    assertThat(refused.getMessage())
        .isEqualTo("no branch 'release/9.9' in pipeline.source.repository; push it or fix the name");
    assertThat(refused.isRetryable()).isFalse();
  }

  @Test
  void refusesAnUnknownCommitNamingIt() {
    SourceException refused = catchThrowableOfType(
        () -> fetcher.snapshot("1a2b3c4d"), SourceException.class);

    assertThat(refused.getMessage()).startsWith("no branch, tag or commit '1a2b3c4d' in ");
  }
}
