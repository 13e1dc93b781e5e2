package dev.prometheuspipeline.githost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hosts' push payloads as each documents them (src/test/resources/githost), with the ref and commit of a
 * test filled in, and the headers each host sends with them, signed as each host signs.
 */
public final class HostPayloads {
  public static final String ZERO = "0".repeat(40);

  private HostPayloads() {
  }

  public static String githubPush(String ref, String after) {
    return fill("github-push.json", Map.of("ref", ref, "after", after, "deleted", Boolean.toString(ZERO.equals(after))));
  }

  public static String githubPing() {
    return fill("github-ping.json", Map.of());
  }

  public static String gitlabPush(String ref, String after) {
    return fill("gitlab-push.json", Map.of("ref", ref, "after", after,
        "object_kind", ref.startsWith("refs/tags/") ? "tag_push" : "push"));
  }

  public static String giteaPush(String ref, String after) {
    return fill("gitea-push.json", Map.of("ref", ref, "after", after));
  }

  /** GitHub's headers: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}. */
  public static Map<String, String> github(String event, String body, String secret) {
    return Map.of("X-GitHub-Event", event, "X-GitHub-Delivery", UUID.randomUUID().toString(),
        "X-Hub-Signature-256", "sha256=" + hmac(body, secret), "User-Agent", "GitHub-Hookshot/5f4b3c1");
  }

  /** GitLab's headers: the secret token itself, sent as {@code X-Gitlab-Token}. */
  public static Map<String, String> gitlab(String event, String token) {
    return Map.of("X-Gitlab-Event", event, "X-Gitlab-Event-UUID", UUID.randomUUID().toString(),
        "X-Gitlab-Webhook-UUID", "2d3ed2b5-5a35-4b3f-8f32-6e8b1f0c6f1e", "X-Gitlab-Token", token,
        "X-Gitlab-Instance", "https://gitlab.zarah.example", "User-Agent", "GitLab/18.6.0");
  }

  /** Gitea's headers: {@code X-Gitea-Signature}, the bare hex HMAC-SHA256 of the body. */
  public static Map<String, String> gitea(String event, String body, String secret) {
    String delivery = UUID.randomUUID().toString();
    return Map.of("X-Gitea-Event", event, "X-Gitea-Delivery", delivery, "X-Gitea-Signature", hmac(body, secret),
        "X-GitHub-Event", event, "X-GitHub-Delivery", delivery);
  }

  /** Forgejo's headers: Gitea's format under its own names. */
  public static Map<String, String> forgejo(String event, String body, String secret) {
    return Map.of("X-Forgejo-Event", event, "X-Forgejo-Delivery", UUID.randomUUID().toString(),
        "X-Forgejo-Signature", hmac(body, secret));
  }

  public static String hmac(String body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String fill(String file, Map<String, String> values) {
    try (InputStream in = HostPayloads.class.getResourceAsStream("/githost/" + file)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (Map.Entry<String, String> value : values.entrySet()) {
        text = text.replace("${" + value.getKey() + "}", value.getValue());
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
