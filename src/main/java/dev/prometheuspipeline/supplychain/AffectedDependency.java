package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

/** A dependency, at its exact version, that an advisory applies to. */
public record AffectedDependency(Dependency dependency, Advisory advisory) {
  public AffectedDependency {
    requireNonNull(dependency, "dependency");
    requireNonNull(advisory, "advisory");
  }
}
