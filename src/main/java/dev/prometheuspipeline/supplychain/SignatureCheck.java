package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.FetchedArtifact;
import java.util.List;
import java.util.Optional;

/**
 * What {@code implantar} checks before each environment's deploy: the artifacts, fetched again at their
 * commits, against the attestations {@code validar} recorded for the run, with this application's key (keyless
 * bundles: with the configured trusted root and identity policy). A run
 * that recorded none (validated before signing existed, or its store edited) has every artifact unsigned.
 */
public final class SignatureCheck {
  private static final int MAX_SUMMARY = 2_000;

  private final SigningKey key;
  private final AttestationVerifier verifier;

  public SignatureCheck(SigningKey key) {
    this(key, Optional.empty());
  }

  /** @param keyless what checks keyless bundles; empty: they are refused as untrusted */
  public SignatureCheck(SigningKey key, Optional<KeylessBundleVerifier> keyless) {
    this.key = requireNonNull(key, "key");
    this.verifier = new AttestationVerifier(keyless);
  }

  /** Checks {@code refetched} against the stored attestation list ({@link AttestationSet#json}), when there is one. */
  public SignatureReport check(List<FetchedArtifact> refetched, Optional<String> recordedAttestations) {
    List<Attestation> recorded = recordedAttestations.map(AttestationSet::parse).orElse(List.of());
    return verifier.verify(refetched, recorded, key.publicKeyPem());
  }

  /** {@link SignatureReport#summary()} cut to what a process variable and a gate reason can hold. */
  public static String boundedSummary(SignatureReport report) {
    String summary = report.summary().replace('\n', ';');
    return summary.length() <= MAX_SUMMARY ? summary
        : summary.substring(0, MAX_SUMMARY) + "… (" + report.refused().size() + " refused; see the release's history)";
  }
}
