package dev.prometheuspipeline.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactFetcherTest {
  private static final String RELEASE_BPMN = "Genesis/bpmn/release.bpmn";
  private static final String VERSION_1 = "<definitions id=\"v1\"/>";
  private static final String VERSION_2 = "<definitions id=\"v2\"/>";

  @TempDir Path tmp;
  private OriginRepository origin;
  private Path cache;

  @BeforeEach
  void createOrigin() throws Exception {
    origin = OriginRepository.init(tmp.resolve("origin"));
    cache = tmp.resolve("cache");
  }

  @AfterEach
  void closeOrigin() {
    origin.close();
  }

  @Test
  void readsTheBytesOfAnOlderCommitWithTheirSha256() throws Exception {
    String older = origin.commit(Map.of(RELEASE_BPMN, VERSION_1));
    origin.commit(Map.of(RELEASE_BPMN, VERSION_2));

    FetchedArtifact fetched = single(fetcher(origin.uri()), bpmn(older));

    assertThat(fetched.text()).isEqualTo(VERSION_1);
    assertThat(fetched.digest()).isEqualTo(sha256(VERSION_1));
    assertThat(fetched.sizeBytes()).isEqualTo(VERSION_1.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void readsFromARepositoryGivenAsAPlainLocalPath() throws Exception {
    String sha = origin.commit(Map.of(RELEASE_BPMN, VERSION_1));

    FetchedArtifact fetched = single(fetcher(origin.path()), bpmn(sha));

    assertThat(fetched.text()).isEqualTo(VERSION_1);
  }

  @Test
  void picksUpACommitPushedToTheOriginAfterTheMirrorWasCloned() throws Exception {
    String first = origin.commit(Map.of(RELEASE_BPMN, VERSION_1));
    ArtifactFetcher fetcher = fetcher(origin.uri());
    single(fetcher, bpmn(first));

    String later = origin.commit(Map.of(RELEASE_BPMN, VERSION_2));
    FetchedArtifact fetched = single(fetcher, bpmn(later));

    assertThat(fetched.text()).isEqualTo(VERSION_2);
    try (Stream<Path> mirrors = Files.list(cache)) {
      assertThat(mirrors).hasSize(1);
    }
  }

  @Test
  void aCommitAlreadyInTheCacheIsReadWhileTheRemoteIsUnreachable() throws Exception {
    String sha = origin.commit(Map.of(RELEASE_BPMN, VERSION_1));
    single(fetcher(origin.uri()), bpmn(sha));
    // The remote is gone: its folder moved away, as a server that went down or a repository renamed.
    Files.move(tmp.resolve("origin"), tmp.resolve("origin-unreachable"));

    FetchedArtifact fetched = single(fetcher(origin.uri()), bpmn(sha));

    assertThat(fetched.text()).isEqualTo(VERSION_1);
  }

  @Test
  void aSecondFetcherReusesTheMirrorLeftInTheCache() throws Exception {
    String sha = origin.commit(Map.of(RELEASE_BPMN, VERSION_1));
    single(fetcher(origin.uri()), bpmn(sha));

    FetchedArtifact fetched = single(fetcher(origin.path()), bpmn(sha));

    assertThat(fetched.text()).isEqualTo(VERSION_1);
    try (Stream<Path> mirrors = Files.list(cache)) {
      assertThat(mirrors).hasSize(1);
    }
  }

  @Test
  void clonesAgainOverACacheFolderThatIsNotARepository() throws Exception {
    String sha = origin.commit(Map.of(RELEASE_BPMN, VERSION_1));
    String folder = GitRemote.of("pipeline.source.repository", origin.uri(), "", "").cacheFolderName();
    Files.createDirectories(cache.resolve(folder));
    Files.writeString(cache.resolve(folder).resolve("left-over"), "half a clone");

    FetchedArtifact fetched = single(fetcher(origin.uri()), bpmn(sha));

    assertThat(fetched.text()).isEqualTo(VERSION_1);
    assertThat(cache.resolve(folder).resolve("left-over")).doesNotExist();
  }

  @Test
  void resolvesAnAbbreviatedSha() throws Exception {
    String older = origin.commit(Map.of(RELEASE_BPMN, VERSION_1));
    origin.commit(Map.of(RELEASE_BPMN, VERSION_2));

    FetchedArtifact fetched = single(fetcher(origin.uri()), bpmn(older.substring(0, 7)));

    assertThat(fetched.text()).isEqualTo(VERSION_1);
    assertThat(fetched.artifact().sha()).isEqualTo(older.substring(0, 7));
  }

  @Test
  void returnsTheArtifactsInTheOrderAskedFor() throws Exception {
    String sha = origin.commit(Map.of(
        RELEASE_BPMN, VERSION_1,
        "Genesis/dmn/gate.dmn", "<dmn/>",
        "Prometheus/forms/approve.form", "{}"));
    List<Artifact> wanted = List.of(
        new Artifact(ArtifactType.FORM, "approve.form", "Prometheus/forms/approve.form", sha),
        bpmn(sha),
        new Artifact(ArtifactType.DMN, "gate.dmn", "Genesis/dmn/gate.dmn", sha));

    List<FetchedArtifact> fetched = fetcher(origin.uri()).fetch(wanted);

    assertThat(fetched).extracting(FetchedArtifact::artifact).containsExactlyElementsOf(wanted);
    assertThat(fetched).extracting(FetchedArtifact::text).containsExactly("{}", VERSION_1, "<dmn/>");
  }

  @Test
  void twoThreadsFetchingAtOnceBothSucceed() throws Exception {
    String older = origin.commit(Map.of(RELEASE_BPMN, VERSION_1));
    String later = origin.commit(Map.of(RELEASE_BPMN, VERSION_2));
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<FetchedArtifact> first = threads.submit(fetchAfter(start, older));
      Future<FetchedArtifact> second = threads.submit(fetchAfter(start, later));

      assertThat(first.get().text()).isEqualTo(VERSION_1);
      assertThat(second.get().text()).isEqualTo(VERSION_2);
    } finally {
      threads.shutdownNow();
    }
  }

  private Callable<FetchedArtifact> fetchAfter(CyclicBarrier start, String sha) {
    // Separate fetchers on one cache: the mirror is shared through the folder, as in the app.
    ArtifactFetcher fetcher = fetcher(origin.uri());
    return () -> {
      start.await();
      return single(fetcher, bpmn(sha));
    };
  }

  private ArtifactFetcher fetcher(String repository) {
    return new ArtifactFetcher(
        new SourceProperties(repository, "", cache, null, 0, null, null, null));
  }

  private static FetchedArtifact single(ArtifactFetcher fetcher, Artifact artifact) {
    List<FetchedArtifact> fetched = fetcher.fetch(List.of(artifact));
    assertThat(fetched).hasSize(1);
    return fetched.get(0);
  }

  private static Artifact bpmn(String sha) {
    return new Artifact(ArtifactType.BPMN, "release.bpmn", RELEASE_BPMN, sha);
  }

  static String sha256(String text) throws Exception {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
