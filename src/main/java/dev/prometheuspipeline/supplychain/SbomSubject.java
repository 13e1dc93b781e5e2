package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What an SBOM is of: one run of one release.
 *
 * @param releaseRef the release's reference, the SBOM's main component
 * @param runId the run that fetched the artifacts; with {@code releaseRef} it fixes the document's identity
 * @param artifactsRepository where the models come from
 * @param workersRepository where the workers come from; empty when the release has no workers repository
 * @param created when the SBOM is said to be made; given, not read from the clock, so a run's SBOM is reproducible
 */
public record SbomSubject(
    String releaseRef, String runId, String artifactsRepository, String workersRepository, Instant created) {
  public SbomSubject {
    requireNonNull(releaseRef, "releaseRef");
    requireNonNull(runId, "runId");
    requireNonNull(artifactsRepository, "artifactsRepository");
    workersRepository = workersRepository == null ? "" : workersRepository;
    requireNonNull(created, "created");
    if (releaseRef.isBlank()) {
      throw new IllegalArgumentException("releaseRef is blank");
    }
  }
}
