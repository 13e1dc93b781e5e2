package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.supplychain.SignatureReport.Check;
import dev.prometheuspipeline.supplychain.SignatureReport.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The check {@code implantar} makes before deploying: the artifacts it fetched again are the ones signed at
 * validation, with the release key.
 */
public final class AttestationVerifier {
  private final BundleVerifier bundles = new BundleVerifier();
  private final Optional<KeylessBundleVerifier> keyless;

  /** Checks key-signed bundles only; a keyless one is refused as untrusted. */
  public AttestationVerifier() {
    this(Optional.empty());
  }

  /** Checks key-signed bundles with the release key and keyless ones with {@code keyless}: the bundle's kind decides. */
  public AttestationVerifier(Optional<KeylessBundleVerifier> keyless) {
    this.keyless = requireNonNull(keyless, "keyless");
  }

  /**
   * Checks each refetched artifact. It passes only if an attestation is recorded for the same path and commit, the
   * attestation's SHA-256 equals the one computed now over the fetched bytes (a worker's: its folder digest), and
   * the attestation's bundle verifies over {@link Attestation#signedBytes} with {@code publicKeyPem}. Recorded
   * attestations for artifacts not refetched are ignored.
   *
   * @throws SigningKeyException when {@code publicKeyPem} is not an EC P-256 public key (set-up, not the release)
   */
  public SignatureReport verify(List<FetchedArtifact> refetched, List<Attestation> recorded, String publicKeyPem) {
    requireNonNull(refetched, "refetched");
    requireNonNull(recorded, "recorded");
    SigningKeys.publicKey(publicKeyPem);
    List<Check> checks = new ArrayList<>();
    for (FetchedArtifact fetched : refetched) {
      checks.add(check(fetched, recorded, publicKeyPem));
    }
    return new SignatureReport(checks);
  }

  private Check check(FetchedArtifact fetched, List<Attestation> recorded, String publicKeyPem) {
    String path = fetched.path();
    String sha = fetched.artifact().sha();
    List<Attestation> forPath = recorded.stream().filter(a -> a.path().equals(path)).toList();
    if (forPath.isEmpty()) {
      return new Check(path, sha, Outcome.UNSIGNED, "no attestation is recorded for " + path
          + "; it was not signed at validation: run validar again for this release");
    }
    List<Attestation> forCommit = forPath.stream().filter(a -> a.sha().equalsIgnoreCase(sha)).toList();
    if (forCommit.isEmpty()) {
      List<String> signedShas = forPath.stream().map(Attestation::sha).distinct().toList();
      return new Check(path, sha, Outcome.REPLAYED, "the attestations recorded for " + path + " are for commit(s) "
          + String.join(", ", signedShas) + ", not " + sha + ": a signature of another commit does not vouch for"
          + " this one");
    }
    Check first = null;
    for (Attestation attestation : forCommit) {
      Check check = check(fetched, attestation, publicKeyPem);
      if (check.passed()) {
        return check;
      }
      first = first == null ? check : first;
    }
    return first;
  }

  private Check check(FetchedArtifact fetched, Attestation attestation, String publicKeyPem) {
    String path = fetched.path();
    String sha = fetched.artifact().sha();
    String actual = Attestation.sha256Of(fetched);
    if (!actual.equalsIgnoreCase(attestation.sha256())) {
      return new Check(path, sha, Outcome.TAMPERED, "the artifact's bytes are not the ones signed: digest "
          + actual + ", attestation says " + attestation.sha256());
    }
    boolean isKeyless = KeylessBundleVerifier.isKeyless(attestation.bundle());
    if (isKeyless && keyless.isEmpty()) {
      return new Check(path, sha, Outcome.UNTRUSTED, "the bundle is keyless (a Fulcio certificate) but no"
          + " pipeline.signing.keyless.trusted-root, identity and issuer are configured to check it");
    }
    BundleVerification bundle = isKeyless
        ? keyless.orElseThrow().verify(attestation.bundle(), Attestation.signedBytes(fetched))
        : bundles.verify(attestation.bundle(), Attestation.signedBytes(fetched), publicKeyPem);
    return switch (bundle.outcome()) {
      case OK -> new Check(path, sha, Outcome.SIGNED, (isKeyless ? "signed keyless, logged in Rekor"
          : "signed with the release key") + "; digest " + actual);
      case DIGEST_MISMATCH -> new Check(path, sha, Outcome.SWAPPED, "the bundle recorded for " + path + "@" + sha
          + " signs other bytes (another artifact's bundle, or a record edited after signing): " + bundle.reason());
      case WRONG_KEY -> new Check(path, sha, Outcome.WRONG_KEY, bundle.reason());
      case BAD_SIGNATURE -> new Check(path, sha, Outcome.BAD_SIGNATURE, bundle.reason());
      case MALFORMED, SUBJECT_MISMATCH -> new Check(path, sha, Outcome.MALFORMED, bundle.reason());
      case UNTRUSTED -> new Check(path, sha, Outcome.UNTRUSTED, bundle.reason());
      case WRONG_IDENTITY -> new Check(path, sha, Outcome.WRONG_IDENTITY, bundle.reason());
      case LOG_MISMATCH -> new Check(path, sha, Outcome.LOG_MISMATCH, bundle.reason());
    };
  }
}
