package dev.prometheuspipeline.deploy.targetengine;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/** Fetched artifacts as the fetch stage hands them over, built from text in the tests. */
public final class Artifacts {
  private static final String SHA = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

  private Artifacts() {}

  /** A product folder name no other test uses, so changed-only filtering sees only this test's deployments. */
  public static String uniqueProduct(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static FetchedArtifact fetched(ArtifactType type, String path, String content) {
    byte[] bytes = content.getBytes(UTF_8);
    String file = path.substring(path.lastIndexOf('/') + 1);
    return new FetchedArtifact(new Artifact(type, file, path, SHA), sha256(bytes), bytes.length, bytes);
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
