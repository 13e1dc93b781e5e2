package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The signature check of a release's artifacts before deploying: one {@link Check} per artifact fetched again.
 *
 * @param checks in the order the artifacts were given
 */
public record SignatureReport(List<Check> checks) {
  public SignatureReport {
    checks = List.copyOf(checks);
  }

  /** Whether every artifact is signed, untouched, with the release key: the only case in which to deploy. */
  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }

  public List<Check> refused() {
    return checks.stream().filter(check -> !check.passed()).toList();
  }

  /** One line per refused artifact, or a count of the verified ones. */
  public String summary() {
    if (passed()) {
      return checks.size() + " artifact(s) signed with the release key, unchanged";
    }
    return refused().stream().map(check -> check.path() + "@" + check.sha() + ": " + check.outcome() + ": "
        + check.reason()).collect(Collectors.joining("\n"));
  }

  /**
   * @param path the artifact's path
   * @param sha the commit it was fetched at
   * @param outcome {@link Outcome#SIGNED} or why it is refused
   * @param reason for a person: what differs and what to do
   */
  public record Check(String path, String sha, Outcome outcome, String reason) {
    public Check {
      requireNonNull(path, "path");
      requireNonNull(sha, "sha");
      requireNonNull(outcome, "outcome");
      requireNonNull(reason, "reason");
    }

    public boolean passed() {
      return outcome == Outcome.SIGNED;
    }
  }

  /** Each refusal its own class, as each points at a different thing gone wrong. */
  public enum Outcome {
    SIGNED,
    /** No attestation recorded for the path. */
    UNSIGNED,
    /** Attestations for the path exist, but for other commits: an old signature offered for new content. */
    REPLAYED,
    /** The bytes fetched now are not the ones attested (or, for a worker, the folder digest differs). */
    TAMPERED,
    /** The attestation's bundle signs other bytes: another artifact's signature, or a record edited after signing. */
    SWAPPED,
    /** The bundle names another key than the release key. */
    WRONG_KEY,
    /** The bundle names the release key but its signature does not verify: forged or damaged. */
    BAD_SIGNATURE,
    /** The recorded bundle is not a bundle this check can read. */
    MALFORMED,
    /** Keyless: the certificate is not from a trusted Fulcio (or no trusted root is configured to check it). */
    UNTRUSTED,
    /** Keyless: signed by another identity or issuer than {@code pipeline.signing.keyless.identity/issuer}. */
    WRONG_IDENTITY,
    /** Keyless: the transparency log entry does not match the signature, or its proofs do not verify. */
    LOG_MISMATCH
  }
}
