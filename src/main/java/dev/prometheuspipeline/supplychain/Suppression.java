package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * A decision that a known vulnerability may ship for now: who took it, why, and until when.
 *
 * @param id the advisory id or alias it covers ({@code GHSA-…}, {@code CVE-…})
 * @param reason why shipping with it is acceptable
 * @param owner who answers for the decision
 * @param expires the last day it holds; from the day after, the vulnerability counts again
 */
public record Suppression(String id, String reason, String owner, LocalDate expires) {
  public Suppression {
    requireNonNull(id, "id");
    requireNonNull(reason, "reason");
    requireNonNull(owner, "owner");
    requireNonNull(expires, "expires");
  }

  /** Whether the decision no longer holds on that day. */
  public boolean expiredOn(LocalDate today) {
    return today.isAfter(expires);
  }
}
