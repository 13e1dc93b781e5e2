package dev.prometheuspipeline.system;

import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets for generated passwords. */
final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** 24 random bytes, URL-safe Base64: 32 characters, no padding, safe to paste in a shell. */
  static String generate() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
