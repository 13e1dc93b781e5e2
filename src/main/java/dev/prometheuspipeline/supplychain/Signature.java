package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

/**
 * A signature made by {@link ArtifactSigner}, ready to record and to hand to any Sigstore verifier.
 *
 * @param keyId the signing key's id ({@link SigningKey#keyId()}), the bundle's key hint
 * @param sha256 lowercase hex SHA-256 of what was signed: the content for a message signature, the statement
 *     for a DSSE envelope
 * @param bundleJson the Sigstore bundle v0.3 JSON
 */
public record Signature(String keyId, String sha256, String bundleJson) {
  public Signature {
    requireNonNull(keyId, "keyId");
    requireNonNull(sha256, "sha256");
    requireNonNull(bundleJson, "bundleJson");
  }
}
