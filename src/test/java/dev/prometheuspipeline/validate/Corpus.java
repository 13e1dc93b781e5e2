package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The labelled corpus under {@code src/test/resources/validate/}, as fetched artifacts. */
final class Corpus {
  static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  private Corpus() {}

  /** {@code bpmn/valid.bpmn} → an artifact at {@code Genesis/bpmn/valid.bpmn}. */
  static FetchedArtifact file(String corpusPath) {
    return fetched(typeOf(corpusPath), "Genesis/" + corpusPath, read(corpusPath));
  }

  static FetchedArtifact fetched(ArtifactType type, String path, byte[] content) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return new FetchedArtifact(new Artifact(type, name, path, SHA), sha256(content), content.length, content);
  }

  static byte[] read(String corpusPath) {
    try (InputStream in = Corpus.class.getResourceAsStream("/validate/" + corpusPath)) {
      if (in == null) {
        throw new IllegalArgumentException("no corpus file " + corpusPath);
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

  private static ArtifactType typeOf(String corpusPath) {
    return ArtifactType.fromWire(corpusPath.substring(0, corpusPath.indexOf('/'))).orElseThrow();
  }
}
