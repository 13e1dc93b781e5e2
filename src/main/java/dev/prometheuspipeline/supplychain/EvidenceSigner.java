package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.FetchedArtifact;

/**
 * What signs a release's evidence into Sigstore bundles: the release key offline ({@link ArtifactSigner}) or a
 * short-lived Fulcio certificate logged in Rekor ({@link KeylessArtifactSigner}). Verifiers tell the two apart by
 * the bundle's verification material, so a store may hold both.
 */
public interface EvidenceSigner {

  /** A message signature over {@code content}, with its SHA-256 in the bundle. */
  Signature sign(byte[] content);

  /** The provenance statement ({@link Provenance#statement}) signed. */
  Signature signStatement(String statementJson);

  /** Who signs, as {@code etapas.assinaturas} shows it: the key id, or {@code keyless:<identity>}. */
  String signerId();

  /** The attestation recorded for {@code fetched}: a message signature over {@link Attestation#signedBytes}. */
  default Attestation attest(FetchedArtifact fetched) {
    requireNonNull(fetched, "fetched");
    Signature signature = sign(Attestation.signedBytes(fetched));
    return new Attestation(fetched.artifact().file(), fetched.path(), fetched.artifact().sha(),
        Attestation.sha256Of(fetched), signature.bundleJson());
  }
}
