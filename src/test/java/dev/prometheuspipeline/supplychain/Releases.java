package dev.prometheuspipeline.supplychain;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** Release parts for the SBOM tests: fetched artifacts with real digests, and a subject. */
final class Releases {
  static final String MODELS_COMMIT = "1111111111111111111111111111111111111111";
  static final String WORKERS_COMMIT = "2222222222222222222222222222222222222222";
  static final SbomSubject SUBJECT = new SbomSubject("r-42", "run-7", "https://git.example.test/artifacts.git",
      "https://git.example.test/workers.git", Instant.parse("2026-03-01T10:15:30.123Z"));

  private Releases() {}

  static FetchedArtifact model(ArtifactType type, String path, String text) {
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    String file = path.substring(path.lastIndexOf('/') + 1);
    return new FetchedArtifact(new Artifact(type, file, path, MODELS_COMMIT), sha256(content), content.length,
        content);
  }

  static FetchedArtifact worker(String path) {
    return new FetchedArtifact(new Artifact(ArtifactType.WORKER, path, path, WORKERS_COMMIT),
        sha256(path.getBytes(StandardCharsets.UTF_8)), 0, new byte[0]);
  }

  static WorkerSource source(FetchedArtifact worker, Path directory) {
    return new WorkerSource(worker.artifact(), directory);
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
