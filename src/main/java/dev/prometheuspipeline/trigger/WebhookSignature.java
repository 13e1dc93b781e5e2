package dev.prometheuspipeline.trigger;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The seed's webhook signing: header {@code X-Timestamp} (milliseconds since the epoch) and header
 * {@code X-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">}, as the workflow computes
 * it with {@code openssl dgst -sha256 -hmac}. Replays are the caller's concern (see
 * {@link WebhookDeliveries}): a valid signature is only valid once.
 */
final class WebhookSignature {
  private static final String PREFIX = "sha256=";

  private final byte[] secret;
  private final Duration tolerance;

  WebhookSignature(String secret, Duration tolerance) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.tolerance = tolerance;
  }

  /** Returns the normalised signature (lowercase hex) or throws with what is wrong. */
  String verify(String timestampHeader, String signatureHeader, byte[] body, Instant now) {
    if (timestampHeader == null || timestampHeader.isBlank()) {
      throw new Rejected("missing X-Timestamp header (milliseconds since the epoch)");
    }
    long millis;
    try {
      millis = Long.parseLong(timestampHeader.trim());
    } catch (NumberFormatException e) {
      throw new Rejected("X-Timestamp is not a number of milliseconds since the epoch");
    }
    Duration skew = Duration.between(Instant.ofEpochMilli(millis), now).abs();
    if (skew.compareTo(tolerance) > 0) {
      throw new Rejected("X-Timestamp is " + skew.toSeconds() + " s away from the server's clock; the limit is "
          + tolerance.toSeconds() + " s (sign each request when you send it)");
    }
    if (signatureHeader == null || !signatureHeader.trim().toLowerCase().startsWith(PREFIX)) {
      throw new Rejected("missing or malformed X-Signature header; expected sha256=<hex HMAC-SHA256>");
    }
    String given = signatureHeader.trim().substring(PREFIX.length()).toLowerCase();
    byte[] expected = hmac(timestampHeader.trim(), body);
    byte[] actual;
    try {
      actual = HexFormat.of().parseHex(given);
    } catch (IllegalArgumentException e) {
      throw new Rejected("X-Signature is not hexadecimal");
    }
    // Constant time: a timing difference would let a sender guess the signature byte by byte.
    if (!MessageDigest.isEqual(expected, actual)) {
      throw new Rejected("X-Signature does not match the body and timestamp; check the shared secret");
    }
    return given;
  }

  /** The signature a sender computes, for tests and tooling. */
  String sign(String timestamp, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(timestamp, body));
  }

  private byte[] hmac(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** A request that fails the signature check. */
  static final class Rejected extends RuntimeException {
    Rejected(String message) {
      super(message);
    }
  }
}
