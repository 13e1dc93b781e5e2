package dev.prometheuspipeline.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArtifactFetcherRefusalTest {
  private static final String RELEASE_BPMN = "Genesis/bpmn/release.bpmn";
  private static final String UNKNOWN_SHA = "1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5";

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
  void refusesAnUnknownCommitNamingPathShaAndFix() throws Exception {
    origin.commit(Map.of(RELEASE_BPMN, "<definitions/>"));

    SourceException refused = refusal(fetcher(origin.uri()), bpmn(RELEASE_BPMN, "1a2b3c4"));

    assertThat(refused.getMessage())
        .isEqualTo(RELEASE_BPMN + ": commit 1a2b3c4 not found in pipeline.source.repository"
            + "; push it or fix the sha");
    assertThat(refused.isRetryable()).isFalse();
  }

  @Test
  void refusesAFullShaThatIsNotInTheRepository() throws Exception {
    origin.commit(Map.of(RELEASE_BPMN, "<definitions/>"));

    SourceException refused = refusal(fetcher(origin.uri()), bpmn(RELEASE_BPMN, UNKNOWN_SHA));

    assertThat(refused.getMessage()).contains("commit " + UNKNOWN_SHA + " not found");
  }

  @Test
  void refusesAShaThatIsNotHex() throws Exception {
    SourceException refused = refusal(fetcher(origin.uri()), bpmn(RELEASE_BPMN, "main"));

    assertThat(refused.getMessage())
        .startsWith(RELEASE_BPMN + ": 'main' is not a commit sha; give 7 to 40 hex characters");
  }

  @Test
  void refusesAShaThatNamesAFileInsteadOfACommit() throws Exception {
    origin.commit(Map.of(RELEASE_BPMN, "<definitions/>"));
    String blob = new ObjectInserter.Formatter()
        .idFor(Constants.OBJ_BLOB, "<definitions/>".getBytes(StandardCharsets.UTF_8)).name();

    SourceException refused = refusal(fetcher(origin.uri()), bpmn(RELEASE_BPMN, blob));

    assertThat(refused.getMessage())
        .isEqualTo(RELEASE_BPMN + ": " + blob + " names a file or folder object in pipeline.source.repository, "
            + "not a commit; give the commit's sha");
  }

  @Test
  void refusesAPathMissingAtThatCommit() throws Exception {
    String sha = origin.commit(Map.of(RELEASE_BPMN, "<definitions/>"));

    SourceException refused = refusal(fetcher(origin.uri()), bpmn("Genesis/bpmn/Release.bpmn", sha));

    assertThat(refused.getMessage())
        .startsWith("Genesis/bpmn/Release.bpmn at " + sha + ": nothing at this path at commit " + sha)
        .contains("case-sensitive");
    assertThat(refused.isRetryable()).isFalse();
  }

  @Test
  void refusesAFileThatWasDeletedBeforeThatCommit() throws Exception {
    origin.commit(Map.of(RELEASE_BPMN, "<definitions/>"));
    String afterDelete = origin.delete(RELEASE_BPMN);

    SourceException refused = refusal(fetcher(origin.uri()), bpmn(RELEASE_BPMN, afterDelete));

    assertThat(refused.getMessage()).startsWith(RELEASE_BPMN + " at " + afterDelete + ": nothing at");
  }

  static Stream<Arguments> pathsThatAreNotPlain() {
    return Stream.of(
        arguments("../outside.bpmn", "path has a '..' segment"),
        arguments("Genesis/../../outside.bpmn", "path has a '..' segment"),
        arguments("Genesis/bpmn/..", "path has a '..' segment"),
        arguments("/etc/passwd", "path is absolute"),
        arguments("C:/Genesis/release.bpmn", "path starts with a drive letter"),
        arguments("Genesis\\bpmn\\release.bpmn", "path contains a backslash"),
        arguments("Genesis/bpmn/release.bpmn\u0000.txt", "path contains a control character"),
        arguments("Genesis/bpmn/\nrelease.bpmn", "path contains a control character"),
        arguments("Genesis//bpmn/release.bpmn", "path has an empty segment"),
        arguments("Genesis/bpmn/", "path has an empty segment"),
        arguments("./Genesis/bpmn/release.bpmn", "path has a '.' segment"),
        arguments(".git/config", "path points into .git"),
        arguments("", "path is empty"));
  }

  @ParameterizedTest
  @MethodSource("pathsThatAreNotPlain")
  void refusesAPathThatIsNotAPlainRelativePathBeforeTouchingGit(String path, String reason) {
    ArtifactFetcher fetcher = fetcher(tmp.resolve("no-such-repository").toString());

    SourceException refused = refusal(fetcher, bpmn(path, "1a2b3c4"));

    assertThat(refused.getMessage())
        .isEqualTo(refused.problems().get(0))
        .startsWith("'" + RepositoryPath.printable(path) + "' at 1a2b3c4: " + reason)
        .doesNotContain("\n", "\u0000");
    assertThat(refused.isRetryable()).isFalse();
    assertThat(cache).doesNotExist();
  }

  @Test
  void refusesASymbolicLink() throws Exception {
    origin.commit(Map.of(RELEASE_BPMN, "<definitions/>"));
    String sha = origin.symlink("Genesis/bpmn/link.bpmn", "release.bpmn");

    SourceException refused = refusal(fetcher(origin.uri()), bpmn("Genesis/bpmn/link.bpmn", sha));

    assertThat(refused.getMessage())
        .isEqualTo("Genesis/bpmn/link.bpmn at " + sha
            + ": is a symbolic link; links are not followed, commit the file itself");
  }

  @Test
  void refusesAPathThatGoesThroughASymbolicLink() throws Exception {
    origin.commit(Map.of(RELEASE_BPMN, "<definitions/>"));
    String sha = origin.symlink("Genesis/linked", "bpmn");

    SourceException refused = refusal(fetcher(origin.uri()), bpmn("Genesis/linked/release.bpmn", sha));

    assertThat(refused.getMessage()).contains("Genesis/linked is a symbolic link at that commit");
  }

  @Test
  void refusesASubmodule() throws Exception {
    origin.commit(Map.of(RELEASE_BPMN, "<definitions/>"));
    try (OriginRepository library = OriginRepository.init(tmp.resolve("library"))) {
      library.commit(Map.of("shared.bpmn", "<definitions/>"));
      String sha = origin.submodule("Genesis/shared", library);

      SourceException refused = refusal(fetcher(origin.uri()), bpmn("Genesis/shared", sha));

      assertThat(refused.getMessage()).startsWith("Genesis/shared at " + sha + ": is a submodule");
    }
  }

  @Test
  void refusesAFolderWhereAFileIsExpected() throws Exception {
    String sha = origin.commit(Map.of(RELEASE_BPMN, "<definitions/>"));

    SourceException refused = refusal(fetcher(origin.uri()), bpmn("Genesis/bpmn", sha));

    assertThat(refused.getMessage())
        .isEqualTo("Genesis/bpmn at " + sha + ": is a folder, not a bpmn file; give the path of "
            + "the file itself");
  }

  @Test
  void refusesAFileOverTheSizeLimit() throws Exception {
    String sha = origin.commitBytes(RELEASE_BPMN, new byte[65]);
    ArtifactFetcher fetcher = new ArtifactFetcher(
        new SourceProperties(origin.uri(), "", cache, null, 64, null, null, null));

    SourceException refused = refusal(fetcher, bpmn(RELEASE_BPMN, sha));

    assertThat(refused.getMessage())
        .isEqualTo(RELEASE_BPMN + " at " + sha + ": file is 65 bytes, over the limit of 64 bytes; "
            + "shrink it or raise pipeline.source.max-file-bytes");
  }

  @Test
  void readsAFileExactlyAtTheSizeLimit() throws Exception {
    String sha = origin.commitBytes(RELEASE_BPMN, new byte[64]);
    ArtifactFetcher fetcher = new ArtifactFetcher(
        new SourceProperties(origin.uri(), "", cache, null, 64, null, null, null));

    assertThat(fetcher.fetch(List.of(bpmn(RELEASE_BPMN, sha))).get(0).sizeBytes()).isEqualTo(64);
  }

  @Test
  void reportsEveryWrongArtifactAtOnceInTheOrderAsked() throws Exception {
    String sha = origin.commit(Map.of(RELEASE_BPMN, "<definitions/>"));
    List<Artifact> wanted = List.of(
        bpmn("Genesis/bpmn/missing.bpmn", sha),
        bpmn(RELEASE_BPMN, sha),
        bpmn(RELEASE_BPMN, "7777777"));

    SourceException refused = catchThrowableOfType(
        () -> fetcher(origin.uri()).fetch(wanted), SourceException.class);

    assertThat(refused.problems()).hasSize(2);
    assertThat(refused.problems().get(0)).startsWith("Genesis/bpmn/missing.bpmn at " + sha);
    assertThat(refused.problems().get(1)).contains("commit 7777777 not found");
    assertThat(refused.getMessage()).startsWith("2 artifacts cannot be fetched:\n - ");
  }

  @Test
  void refusesEngineArtifactsWhenNoRepositoryIsConfigured() {
    ArtifactFetcher fetcher = new ArtifactFetcher(
        new SourceProperties("", "", cache, null, 0, null, null, null));

    SourceException refused = refusal(fetcher, bpmn(RELEASE_BPMN, "1a2b3c4"));

    assertThat(refused.getMessage()).contains("set pipeline.source.repository");
  }

  @Test
  void anUnreachableRepositoryIsRetryableAndKeepsTheCause() {
    ArtifactFetcher fetcher = fetcher(tmp.resolve("no-such-repository").toUri().toString());

    SourceException refused = refusal(fetcher, bpmn(RELEASE_BPMN, "1a2b3c4"));

    assertThat(refused.isRetryable()).isTrue();
    assertThat(refused.getCause()).isNotNull();
    assertThat(refused.getMessage()).startsWith("cannot clone pipeline.source.repository: ")
        .doesNotContain(tmp.toString());
    assertThat(cache).isEmptyDirectory();
  }

  @Test
  void aCommitMissingFromTheCacheWhileTheRemoteIsUnreachableIsRetryableAndNamesTheRepositoryNotItsPath()
      throws Exception {
    String cached = origin.commit(Map.of(RELEASE_BPMN, "<definitions id=\"v1\"/>"));
    ArtifactFetcher fetcher = fetcher(origin.uri());
    fetcher.fetch(List.of(bpmn(RELEASE_BPMN, cached)));
    String pushedSince = origin.commit(Map.of(RELEASE_BPMN, "<definitions id=\"v2\"/>"));
    Files.move(tmp.resolve("origin"), tmp.resolve("origin-unreachable"));

    SourceException refused = refusal(fetcher, bpmn(RELEASE_BPMN, pushedSince));

    assertThat(refused.isRetryable()).as("tried again, then an incident with this message").isTrue();
    assertThat(refused.getCause()).as("the cause, for the incident's details").isNotNull();
    assertThat(refused.getMessage()).startsWith("cannot fetch from pipeline.source.repository: ")
        .endsWith("then retry").doesNotContain(tmp.toString());
  }

  @Test
  void credentialsNeverAppearInTheMessageOfAnUnreachableRemote() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "https://ana:url-secret@127.0.0.1:" + closedPort + "/team/models.git";
    ArtifactFetcher fetcher = new ArtifactFetcher(new SourceProperties(
        url, "", cache, null, 0, "bot", "token-secret", null));

    SourceException refused = refusal(fetcher, bpmn(RELEASE_BPMN, "1a2b3c4"));

    assertThat(refused.isRetryable()).isTrue();
    assertThat(refused.getCause()).isInstanceOf(TransportException.class);
    assertThat(refused.getMessage())
        .contains("https://127.0.0.1:" + closedPort + "/team/models.git")
        .doesNotContain("url-secret", "token-secret", "ana", "bot");
    for (Throwable cause = refused.getCause(); cause != null; cause = cause.getCause()) {
      assertThat(String.valueOf(cause.getMessage())).doesNotContain("url-secret", "token-secret");
    }
  }

  private ArtifactFetcher fetcher(String repository) {
    return new ArtifactFetcher(
        new SourceProperties(repository, "", cache, null, 0, null, null, null));
  }

  private static SourceException refusal(ArtifactFetcher fetcher, Artifact artifact) {
    return catchThrowableOfType(() -> fetcher.fetch(List.of(artifact)), SourceException.class);
  }

  private static Artifact bpmn(String path, String sha) {
    return new Artifact(ArtifactType.BPMN, "release.bpmn", path, sha);
  }
}
