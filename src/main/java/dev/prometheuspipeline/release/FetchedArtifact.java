package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * An artifact read from Git at its pinned commit.
 *
 * @param artifact what was asked for
 * @param digest lowercase hex SHA-256 of {@code content}; for a worker folder, of its files in path order
 * @param sizeBytes size of what was digested
 * @param content the file's bytes; empty for workers, which deploy by commit and are never stored whole
 */
public record FetchedArtifact(Artifact artifact, String digest, long sizeBytes, byte[] content) {
  public FetchedArtifact {
    requireNonNull(artifact, "artifact");
    requireNonNull(digest, "digest");
    content = content == null ? new byte[0] : content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The content decoded as UTF-8, for text checks; malformed bytes become U+FFFD. */
  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  public ArtifactType type() {
    return artifact.type();
  }

  public String path() {
    return artifact.path();
  }
}
