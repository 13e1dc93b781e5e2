package dev.prometheuspipeline.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerArtifactTest {
  private static final String MAIN_JAVA = "package payment;\nclass Main {}\n";
  private static final String POM = "<project/>\n";

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
  void digestsAWorkerFolderAsDocumentedWithoutKeepingItsContent() throws Exception {
    String sha = workers.commit(Map.of(
        "payment/src/Main.java", MAIN_JAVA,
        "payment/pom.xml", POM,
        "billing/pom.xml", "<other/>"));

    FetchedArtifact fetched = fetcher.fetch(List.of(worker("payment", sha))).get(0);

    // Path order compares bytes: "pom.xml" < "src/Main.java".
    byte[] framed = concat(frame("pom.xml", POM), frame("src/Main.java", MAIN_JAVA));
    assertThat(fetched.digest()).isEqualTo(ArtifactFetcherTest.sha256(framed));
    assertThat(fetched.sizeBytes()).isEqualTo(POM.length() + MAIN_JAVA.length());
    assertThat(fetched.content()).isEmpty();
  }

  @Test
  void aWorkerFolderDigestIsStableAcrossCommitsThatDoNotTouchIt() throws Exception {
    String first = workers.commit(Map.of("payment/src/Main.java", MAIN_JAVA, "payment/pom.xml", POM));
    String second = workers.commit(Map.of("billing/pom.xml", "<other/>"));

    List<FetchedArtifact> fetched = fetcher.fetch(List.of(worker("payment", first), worker("payment", second)));

    assertThat(fetched.get(0).digest()).isEqualTo(fetched.get(1).digest());
  }

  @Test
  void aWorkerFolderDigestChangesWhenOneFileChanges() throws Exception {
    String first = workers.commit(Map.of("payment/src/Main.java", MAIN_JAVA, "payment/pom.xml", POM));
    String second = workers.commit(Map.of("payment/pom.xml", "<project><version>2</version></project>\n"));

    List<FetchedArtifact> fetched = fetcher.fetch(List.of(worker("payment", first), worker("payment", second)));

    assertThat(fetched.get(0).digest()).isNotEqualTo(fetched.get(1).digest());
  }

  @Test
  void aWorkerFileIsDigestedAsItsBytes() throws Exception {
    String sha = workers.commit(Map.of("scripts/notify.js", "module.exports = {};\n"));

    FetchedArtifact fetched = fetcher.fetch(List.of(worker("scripts/notify.js", sha))).get(0);

    assertThat(fetched.digest()).isEqualTo(ArtifactFetcherTest.sha256("module.exports = {};\n"));
    assertThat(fetched.content()).isEmpty();
  }

  @Test
  void workersComeFromTheWorkersRepositoryAndModelsFromTheirs() throws Exception {
    String workerSha = workers.commit(Map.of("payment/pom.xml", POM));
    String modelSha = models.commit(Map.of("Genesis/bpmn/release.bpmn", "<definitions id=\"2\"/>"));
    Artifact model = new Artifact(ArtifactType.BPMN, "release.bpmn", "Genesis/bpmn/release.bpmn", modelSha);

    List<FetchedArtifact> fetched = fetcher.fetch(List.of(worker("payment", workerSha), model));

    assertThat(fetched.get(0).sizeBytes()).isEqualTo(POM.length());
    assertThat(fetched.get(1).text()).isEqualTo("<definitions id=\"2\"/>");
  }

  @Test
  void refusesAWorkerWhenNoWorkersRepositoryIsConfigured() throws Exception {
    String sha = workers.commit(Map.of("payment/pom.xml", POM));
    ArtifactFetcher modelsOnly = new ArtifactFetcher(new SourceProperties(
        models.uri(), "", tmp.resolve("cache"), null, 0, null, null, null));

    SourceException refused = catchThrowableOfType(
        () -> modelsOnly.fetch(List.of(worker("payment", sha))), SourceException.class);

    assertThat(refused.getMessage()).isEqualTo("payment at " + sha + ": worker artifacts come from "
        + "the workers repository and none is configured; set pipeline.source.workers-repository");
    assertThat(refused.isRetryable()).isFalse();
  }

  @Test
  void refusesAWorkerFolderHoldingASymbolicLink() throws Exception {
    workers.commit(Map.of("payment/pom.xml", POM));
    String sha = workers.symlink("payment/config.yaml", "pom.xml");

    SourceException refused = catchThrowableOfType(
        () -> fetcher.fetch(List.of(worker("payment", sha))), SourceException.class);

    assertThat(refused.getMessage())
        .startsWith("payment at " + sha + " (payment/config.yaml): is a symbolic link");
  }

  @Test
  void refusesAWorkerFolderHoldingAFileOverTheSizeLimit() throws Exception {
    String sha = workers.commitBytes("payment/lib/big.jar", new byte[65]);
    ArtifactFetcher small = new ArtifactFetcher(new SourceProperties(
        models.uri(), workers.uri(), tmp.resolve("cache"), null, 64, null, null, null));

    SourceException refused = catchThrowableOfType(
        () -> small.fetch(List.of(worker("payment", sha))), SourceException.class);

    assertThat(refused.getMessage())
        .startsWith("payment/lib/big.jar at " + sha + ": file is 65 bytes, over the limit of 64");
  }

  private static Artifact worker(String path, String sha) {
    return new Artifact(ArtifactType.WORKER, path, path, sha);
  }

  private static byte[] frame(String relativePath, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return concat(relativePath.getBytes(StandardCharsets.UTF_8), new byte[] {0},
        ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array(), bytes);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
