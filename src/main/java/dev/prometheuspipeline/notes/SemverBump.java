package dev.prometheuspipeline.notes;

import java.util.Optional;
import org.semver4j.Semver;

/**
 * Whether a release's {@code release_ref} bumps the major version of the previous one: asked of releases with
 * breaking changes. Only when both refs are semantic versions ({@code 2.0.0}, {@code v2.0.0}); other schemes
 * ({@code r-2026-12-07}) carry no such promise.
 */
public final class SemverBump {
  private SemverBump() {}

  /** Empty when either ref is not a semantic version. */
  public static Optional<Boolean> majorBumped(String previousRef, String currentRef) {
    Optional<Semver> previous = parse(previousRef);
    Optional<Semver> current = parse(currentRef);
    if (previous.isEmpty() || current.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(current.get().getMajor() > previous.get().getMajor());
  }

  private static Optional<Semver> parse(String ref) {
    String version = ref.startsWith("v") || ref.startsWith("V") ? ref.substring(1) : ref;
    return Optional.ofNullable(Semver.parse(version));
  }
}
