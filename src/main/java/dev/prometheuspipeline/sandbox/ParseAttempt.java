package dev.prometheuspipeline.sandbox;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What the engine's parse said of a resource, as a deployment of it would have: see {@link ParseOnlyEngine}.
 *
 * @param warnings BPMN parse warnings of the resource (none or one entry, as a deployment records them)
 * @param failure why the engine refuses the resource; empty when a deployment of it would succeed
 */
public record ParseAttempt(List<ParseWarnings> warnings, Optional<RuntimeException> failure) {
  public ParseAttempt {
    warnings = List.copyOf(warnings);
    requireNonNull(failure, "failure");
  }

  static ParseAttempt parsed(List<ParseWarnings> warnings) {
    return new ParseAttempt(warnings, Optional.empty());
  }

  static ParseAttempt refused(RuntimeException failure, List<ParseWarnings> warnings) {
    return new ParseAttempt(warnings, Optional.of(failure));
  }

  public boolean succeeded() {
    return failure.isEmpty();
  }
}
