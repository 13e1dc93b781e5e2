package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.nio.charset.StandardCharsets;

/**
 * The signature recorded for one release artifact at validation, which {@code implantar} checks again on the bytes
 * it fetches before deploying ({@link AttestationVerifier}).
 *
 * <p>What is signed: a file artifact's bytes. A worker is fetched as a folder digest with no content, so its
 * attestation signs the UTF-8 text {@code <path>@<sha>:<digest>} (see {@link #signedBytes}); checking it compares
 * the folder's digest and the commit, not the folder's files.
 *
 * @param artifact the contract's file name ({@code arquivo}), for people reading the record
 * @param path the artifact's path in its repository
 * @param sha the commit the artifact was pinned to when signed
 * @param sha256 lowercase hex SHA-256 of the file's bytes; for a worker, its folder digest
 * @param bundle the Sigstore bundle v0.3 JSON of the signature over {@link #signedBytes}
 */
public record Attestation(String artifact, String path, String sha, String sha256, String bundle) {
  public Attestation {
    requireNonNull(artifact, "artifact");
    requireNonNull(path, "path");
    requireNonNull(sha, "sha");
    requireNonNull(sha256, "sha256");
    requireNonNull(bundle, "bundle");
  }

  /**
   * The bytes an attestation of {@code fetched} signs: its content, or for a worker the UTF-8 text
   * {@code <path>@<sha>:<digest>}.
   */
  public static byte[] signedBytes(FetchedArtifact fetched) {
    if (isWorker(fetched)) {
      return (fetched.path() + "@" + fetched.artifact().sha() + ":" + fetched.digest())
          .getBytes(StandardCharsets.UTF_8);
    }
    return fetched.content();
  }

  /**
   * The digest an attestation of {@code fetched} records: SHA-256 computed over the content (the fetched record's
   * own digest is not trusted), or for a worker its folder digest, the only digest there is.
   */
  public static String sha256Of(FetchedArtifact fetched) {
    if (isWorker(fetched)) {
      return fetched.digest();
    }
    return BundleVerifier.hex(SigningKeys.sha256(fetched.content()));
  }

  private static boolean isWorker(FetchedArtifact fetched) {
    return fetched.type() == ArtifactType.WORKER;
  }
}
