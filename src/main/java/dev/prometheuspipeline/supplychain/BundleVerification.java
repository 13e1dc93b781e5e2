package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

/**
 * What checking one Sigstore bundle found.
 *
 * @param outcome {@link Outcome#OK} or the class of refusal
 * @param reason for a person: what differs, with both values where there are two ({@code ok} when it verified)
 */
public record BundleVerification(Outcome outcome, String reason) {
  public BundleVerification {
    requireNonNull(outcome, "outcome");
    requireNonNull(reason, "reason");
  }

  static final BundleVerification OK = new BundleVerification(Outcome.OK, "ok");

  public boolean ok() {
    return outcome == Outcome.OK;
  }

  static BundleVerification malformed(String what) {
    return new BundleVerification(Outcome.MALFORMED, "malformed bundle: " + what);
  }

  /** The classes of result; each refusal has its own, so a caller can tell tampering from a key mix-up. */
  public enum Outcome {
    OK,
    /** The bundle's digest is not the SHA-256 of the bytes given. */
    DIGEST_MISMATCH,
    /** The signature does not verify with the key over the bytes (or, for DSSE, over the PAE). */
    BAD_SIGNATURE,
    /** The bundle names another key than the one given. */
    WRONG_KEY,
    /** Not a key-signed Sigstore bundle v0.3 of the expected kind. */
    MALFORMED,
    /** A signed in-toto statement that does not name the artifact with its digest. */
    SUBJECT_MISMATCH,
    /**
     * Keyless: the certificate does not chain to a trusted Fulcio CA, or has no valid SCT of a trusted CT log, or a
     * DSSE bundle's time is not vouched for by a timestamp authority the trusted root names.
     */
    UNTRUSTED,
    /** Keyless: a trusted certificate, but of another identity or OIDC issuer than the policy names. */
    WRONG_IDENTITY,
    /** Keyless: the Rekor entry is not this signature's, or its proof, timestamp or checkpoint do not verify. */
    LOG_MISMATCH
  }
}
