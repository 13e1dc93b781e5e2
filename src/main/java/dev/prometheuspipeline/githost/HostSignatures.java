package dev.prometheuspipeline.githost;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each host's proof that a delivery comes from it, checked against {@code pipeline.webhook.secret}: GitHub and
 * Gitea/Forgejo sign the raw body with HMAC-SHA256, GitLab sends the secret itself as a token. Every comparison
 * takes the same time whatever the bytes, so a caller learns nothing from how fast a guess is refused.
 */
public final class HostSignatures {
  private static final String HMAC = "HmacSHA256";
  private static final String GITHUB_PREFIX = "sha256=";

  private final byte[] secret;

  public HostSignatures(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("no webhook secret: set PIPELINE_WEBHOOK_SECRET");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** GitHub's {@code X-Hub-Signature-256: sha256=<hex>} over the raw body. */
  public void verifyGitHub(String header, byte[] body) {
    if (header == null || header.isBlank()) {
      throw new Rejected("X-Hub-Signature-256 is missing; set the webhook's secret to PIPELINE_WEBHOOK_SECRET");
    }
    String value = header.strip();
    if (!value.regionMatches(true, 0, GITHUB_PREFIX, 0, GITHUB_PREFIX.length())) {
      throw new Rejected("X-Hub-Signature-256 must be sha256=<hex HMAC-SHA256 of the body>");
    }
    compareHex(value.substring(GITHUB_PREFIX.length()), body, "X-Hub-Signature-256");
  }

  /** Gitea's {@code X-Gitea-Signature} or Forgejo's {@code X-Forgejo-Signature}: the bare hex HMAC of the body. */
  public void verifyGitea(String header, byte[] body) {
    if (header == null || header.isBlank()) {
      throw new Rejected("X-Gitea-Signature (or X-Forgejo-Signature) is missing; set the webhook's secret to "
          + "PIPELINE_WEBHOOK_SECRET");
    }
    compareHex(header.strip(), body, "X-Gitea-Signature");
  }

  /** GitLab's {@code X-Gitlab-Token}: the secret token configured on the webhook, sent as is. */
  public void verifyGitLab(String token) {
    if (token == null || token.isEmpty()) {
      throw new Rejected("X-Gitlab-Token is missing; set the webhook's secret token to PIPELINE_WEBHOOK_SECRET");
    }
    if (!MessageDigest.isEqual(sha256(secret), sha256(token.getBytes(StandardCharsets.UTF_8)))) {
      throw new Rejected("X-Gitlab-Token does not match the webhook secret");
    }
  }

  /** The hex HMAC-SHA256 of a body, as GitHub and Gitea compute it: for tests and tooling. */
  public String sign(byte[] body) {
    return HexFormat.of().formatHex(hmac(body));
  }

  private void compareHex(String hex, byte[] body, String header) {
    byte[] given;
    try {
      given = HexFormat.of().parseHex(hex.toLowerCase());
    } catch (IllegalArgumentException e) {
      throw new Rejected(header + " is not hexadecimal");
    }
    if (!MessageDigest.isEqual(hmac(body), given)) {
      throw new Rejected(header + " does not match the body signed with the webhook secret");
    }
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret, HMAC));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** Digests of equal length, so comparing them does not reveal the secret's length either. */
  private static byte[] sha256(byte[] value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** A delivery that fails its host's check; the message says which header and never echoes a secret. */
  public static final class Rejected extends RuntimeException {
    Rejected(String message) {
      super(message);
    }
  }
}
