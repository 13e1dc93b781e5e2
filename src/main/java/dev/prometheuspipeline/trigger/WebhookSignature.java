package dev.prometheuspipeline.trigger;

import dev.prometheuspipeline.release.HookSignature;
import java.time.Duration;
import java.time.Instant;

/**
 * The Git webhook's view of the seed's signing, which {@link HookSignature} implements for the webhook, the
 * worker agent and its client alike. Replays are the caller's concern (see {@link WebhookDeliveries}): a valid
 * signature is only valid once.
 */
final class WebhookSignature {
  private final HookSignature signature;

  WebhookSignature(String secret, Duration tolerance) {
    this.signature = new HookSignature(secret, tolerance);
  }

  /** Returns the normalised signature (lowercase hex) or throws with what is wrong. */
  String verify(String timestampHeader, String signatureHeader, byte[] body, Instant now) {
    try {
      return signature.verify(timestampHeader, signatureHeader, body, now);
    } catch (HookSignature.Rejected e) {
      throw new Rejected(e.getMessage());
    }
  }

  /** The signature a sender computes, for tests and tooling. */
  String sign(String timestamp, byte[] body) {
    return signature.sign(timestamp, body);
  }

  /** A request that fails the signature check. */
  static final class Rejected extends RuntimeException {
    Rejected(String message) {
      super(message);
    }
  }
}
