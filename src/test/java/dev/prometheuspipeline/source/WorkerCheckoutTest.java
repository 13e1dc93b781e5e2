package dev.prometheuspipeline.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerCheckoutTest {
  @TempDir Path tmp;
  private OriginRepository models;
  private OriginRepository workers;
  private ArtifactFetcher fetcher;

  @BeforeEach
  void createRepositories() throws Exception {
    models = OriginRepository.init(tmp.resolve("models"));
    workers = OriginRepository.init(tmp.resolve("workers"));
    models.commit(Map.of("Genesis/bpmn/release.bpmn", "<definitions/>"));
    fetcher = new ArtifactFetcher(new SourceProperties(
        models.uri(), workers.uri(), tmp.resolve("cache"), null, 0, null, null, null));
  }

  @AfterEach
  void closeRepositories() {
    models.close();
    workers.close();
  }

  @Test
  void writesOnlyTheWorkersFolderAsItIsAtTheSha() throws Exception {
    String sha = workers.commit(Map.of(
        "notify/index.js", "module.exports = 1;\n",
        "notify/lib/send.js", "module.exports = 2;\n",
        "billing/index.js", "other\n"));
    workers.commit(Map.of("notify/index.js", "changed later\n"));

    try (WorkerCheckout checkout = fetcher.checkOut(worker("notify", sha))) {
      assertThat(checkout.repositoryPath()).isEqualTo("notify");
      assertThat(Files.readString(checkout.directory().resolve("index.js"))).isEqualTo("module.exports = 1;\n");
      assertThat(checkout.directory().resolve("lib/send.js")).exists();
      assertThat(filesUnder(checkout.directory().getParent())).containsExactlyInAnyOrder(
          "notify/index.js", "notify/lib/send.js");
    }
  }

  @Test
  void closingDeletesTheFolderAndWhatToolsWroteInIt() throws Exception {
    String sha = workers.commit(Map.of("notify/index.js", "module.exports = 1;\n"));
    Path directory;
    try (WorkerCheckout checkout = fetcher.checkOut(worker("notify", sha))) {
      directory = checkout.directory();
      Files.createDirectories(directory.resolve("node_modules/x"));
      Files.writeString(directory.resolve("node_modules/x/index.js"), "x");
    }

    assertThat(directory).doesNotExist();
    assertThat(directory.getParent()).doesNotExist();
  }

  @Test
  void aWorkerThatIsOneFileGetsAFolderWithThatFileAlone() throws Exception {
    String sha = workers.commit(Map.of("scripts/notify.js", "1;\n", "scripts/other.js", "2;\n"));

    try (WorkerCheckout checkout = fetcher.checkOut(worker("scripts/notify.js", sha))) {
      assertThat(checkout.repositoryPath()).isEqualTo("scripts");
      assertThat(filesUnder(checkout.directory())).containsExactly("notify.js");
    }
  }

  @Test
  void aMissingPathIsARefusalNamingThePathAndNotRetryable() throws Exception {
    String sha = workers.commit(Map.of("notify/index.js", "1;\n"));

    SourceException refusal =
        catchThrowableOfType(SourceException.class, () -> fetcher.checkOut(worker("payment", sha)));

    assertThat(refusal.getMessage()).contains("payment").contains(sha);
    assertThat(refusal.isRetryable()).isFalse();
  }

  @Test
  void aCommitPushedAfterTheMirrorWasMadeIsFetched() throws Exception {
    String first = workers.commit(Map.of("notify/index.js", "1;\n"));
    fetcher.checkOut(worker("notify", first)).close();
    String second = workers.commit(Map.of("notify/index.js", "2;\n"));

    try (WorkerCheckout checkout = fetcher.checkOut(worker("notify", second))) {
      assertThat(Files.readString(checkout.directory().resolve("index.js"))).isEqualTo("2;\n");
    }
  }

  private static Artifact worker(String path, String sha) {
    return new Artifact(ArtifactType.WORKER, path.substring(path.lastIndexOf('/') + 1), path, sha);
  }

  private static List<String> filesUnder(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).map(file -> dir.relativize(file).toString()).toList();
    }
  }
}
