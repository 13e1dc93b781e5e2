package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The seed's hook signing, shared by the Git webhook, the worker agent and the client that calls it: header
 * {@code X-Timestamp} (milliseconds since the epoch) and header
 * {@code X-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">}, as the seed's workflow computes it
 * with {@code openssl dgst -sha256 -hmac}. Replays are the receiver's concern: a valid signature is only valid
 * once, and this class does not remember.
 */
public final class HookSignature {
  public static final String TIMESTAMP_HEADER = "X-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Signature";
  private static final String PREFIX = "sha256=";
  /** 1973 in milliseconds, 5138 in seconds: below it a timestamp is seconds, not milliseconds. */
  private static final long SECONDS_BELOW = 100_000_000_000L;

  private final byte[] secret;
  private final Duration tolerance;

  public HookSignature(String secret, Duration tolerance) {
    requireNonNull(secret, "secret");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("the hook secret is empty");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.tolerance = requireNonNull(tolerance, "tolerance");
  }

  /**
   * Checks a request's headers against its raw body.
   *
   * @return the normalised signature (lowercase hex), the key a receiver remembers to refuse replays
   * @throws Rejected saying what is wrong: missing header, clock skew (naming a timestamp in seconds), mismatch
   */
  public String verify(String timestampHeader, String signatureHeader, byte[] body, Instant now) {
    if (timestampHeader == null || timestampHeader.isBlank()) {
      throw new Rejected("missing X-Timestamp header (milliseconds since the epoch)");
    }
    String timestamp = timestampHeader.trim();
    long millis;
    try {
      millis = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new Rejected("X-Timestamp is not a number of milliseconds since the epoch");
    }
    checkClock(millis, now);
    if (signatureHeader == null || !signatureHeader.trim().toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
      throw new Rejected("missing or malformed X-Signature header; expected sha256=<hex HMAC-SHA256>");
    }
    String given = signatureHeader.trim().substring(PREFIX.length()).toLowerCase(Locale.ROOT);
    byte[] actual;
    try {
      actual = HexFormat.of().parseHex(given);
    } catch (IllegalArgumentException e) {
      throw new Rejected("X-Signature is not hexadecimal");
    }
    // Constant time: a timing difference would let a sender guess the signature byte by byte.
    if (!MessageDigest.isEqual(hmac(timestamp, body), actual)) {
      throw new Rejected("X-Signature does not match the body and timestamp; check the shared secret");
    }
    return given;
  }

  private void checkClock(long millis, Instant now) {
    Duration skew = Duration.between(Instant.ofEpochMilli(millis), now).abs();
    if (skew.compareTo(tolerance) <= 0) {
      return;
    }
    // `date +%s` instead of `date +%s%3N` is the usual slip; say so rather than report a 56-year skew.
    if (millis > 0 && millis < SECONDS_BELOW) {
      throw new Rejected("X-Timestamp " + millis + " looks like seconds since the epoch; send milliseconds"
          + " (date +%s%3N, or System.currentTimeMillis())");
    }
    throw new Rejected("X-Timestamp is " + skew.toSeconds() + " s away from the receiver's clock; the limit is "
        + tolerance.toSeconds() + " s (sign each request when you send it)");
  }

  /** The {@code X-Signature} value a sender sends with {@code timestamp} and {@code body}. */
  public String sign(String timestamp, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(timestamp, body));
  }

  /** The tolerance window: how long a receiver must remember a signature to refuse its replay. */
  public Duration tolerance() {
    return tolerance;
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

  @Override
  public String toString() {
    return "HookSignature[tolerance=" + tolerance + "]";
  }

  /** A request that fails the signature check; the message is safe to send back to the sender. */
  public static final class Rejected extends PipelineException {
    public Rejected(String message) {
      super(message);
    }
  }
}
