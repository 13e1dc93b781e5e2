package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import java.nio.file.Path;

/**
 * A worker artifact and the folder its files were checked out to, at the artifact's commit; its lock file
 * ({@code package-lock.json}) or build file ({@code pom.xml}) sits at the top of that folder.
 */
public record WorkerSource(Artifact artifact, Path directory) {
  public WorkerSource {
    requireNonNull(artifact, "artifact");
    requireNonNull(directory, "directory");
    if (artifact.type() != ArtifactType.WORKER) {
      throw new IllegalArgumentException(artifact.path() + " is a " + artifact.type().wireName() + ", not a worker");
    }
  }
}
