package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A release's software bill of materials, in the two formats people ask for.
 *
 * @param cyclonedxJson CycloneDX 1.6 JSON
 * @param spdxJson SPDX 2.3 JSON of the same content
 * @param dependencies every third-party package the workers are built from, once each, sorted by purl
 * @param components how many components the CycloneDX document lists (artifacts and packages)
 * @param problems what could not be read into the SBOM, each saying where and how to fix it; the SBOM is
 *     made without those parts, never refused
 */
public record Sbom(
    String cyclonedxJson, String spdxJson, List<Dependency> dependencies, int components, List<String> problems) {
  public Sbom {
    requireNonNull(cyclonedxJson, "cyclonedxJson");
    requireNonNull(spdxJson, "spdxJson");
    dependencies = List.copyOf(dependencies);
    problems = List.copyOf(problems);
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }
}
