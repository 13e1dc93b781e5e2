package dev.prometheuspipeline.testing;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Real models from the test resources, placed at the repository path a release would name. */
final class Models {
  private static final String SHA = "89abcdef0123456789abcdef0123456789abcdef";

  private Models() {}

  /** The model at test resource {@code resource}, as the artifact at {@code repositoryPath}. */
  static FetchedArtifact at(String repositoryPath, String resource) {
    return artifact(typeOf(repositoryPath), repositoryPath, read(resource));
  }

  static FetchedArtifact artifact(ArtifactType type, String repositoryPath, byte[] content) {
    String name = repositoryPath.substring(repositoryPath.lastIndexOf('/') + 1);
    return new FetchedArtifact(new Artifact(type, name, repositoryPath, SHA), sha256(content), content.length, content);
  }

  static byte[] read(String resource) {
    try (InputStream in = Models.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ArtifactType typeOf(String path) {
    return ArtifactType.ofFileName(path).orElseThrow(() -> new IllegalArgumentException("not an engine resource: " + path));
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
