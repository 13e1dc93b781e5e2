package dev.prometheuspipeline.source;

/** A mistake in one artifact; collected so every mistake is reported at once. */
final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;

  Refusal(String message) {
    super(message);
  }
}
