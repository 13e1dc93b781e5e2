package dev.prometheuspipeline.notes;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Fetched artifacts for tests, with real digests, from test resources or text. */
final class Artifacts {
  private Artifacts() {}

  static FetchedArtifact fetched(ArtifactType type, String path, String sha, byte[] content) {
    String file = path.substring(path.lastIndexOf('/') + 1);
    return new FetchedArtifact(new Artifact(type, file, path, sha), sha256(content), content.length, content);
  }

  static FetchedArtifact fetched(ArtifactType type, String path, String sha, String content) {
    return fetched(type, path, sha, content.getBytes(StandardCharsets.UTF_8));
  }

  /** A worker: deployed by commit, so no content, only the digest of its folder. */
  static FetchedArtifact worker(String path, String sha, String folderDigest) {
    return new FetchedArtifact(new Artifact(ArtifactType.WORKER, path, path, sha), folderDigest, 0, new byte[0]);
  }

  static byte[] resource(String name) {
    try (InputStream in = Artifacts.class.getResourceAsStream("/notes/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource notes/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
