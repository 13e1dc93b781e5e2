package dev.prometheuspipeline.source;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The working copies of a release's worker artifacts ({@code tipo: worker}), each at its pinned
 * commit, for the stages that lint or test worker code. Closing removes them all.
 */
public final class WorkerCheckouts implements AutoCloseable {
  private final List<WorkerCheckout> checkouts;

  private WorkerCheckouts(List<WorkerCheckout> checkouts) {
    this.checkouts = List.copyOf(checkouts);
  }

  /** Checks out every worker artifact of {@code artifacts}; none when the release has no worker. */
  public static WorkerCheckouts of(ArtifactFetcher fetcher, List<FetchedArtifact> artifacts) {
    List<WorkerCheckout> done = new ArrayList<>();
    try {
      for (FetchedArtifact artifact : artifacts) {
        if (artifact.type() == ArtifactType.WORKER) {
          done.add(fetcher.checkOut(artifact.artifact()));
        }
      }
      return new WorkerCheckouts(done);
    } catch (RuntimeException e) {
      done.forEach(WorkerCheckout::close);
      throw e;
    }
  }

  /** The checkouts in the release's order. */
  public List<WorkerCheckout> all() {
    return checkouts;
  }

  /** Artifact path → working directory, in the release's order. */
  public Map<String, Path> directories() {
    Map<String, Path> directories = new LinkedHashMap<>();
    checkouts.forEach(checkout -> directories.put(checkout.artifact().path(), checkout.directory()));
    return Collections.unmodifiableMap(directories);
  }

  @Override
  public void close() {
    checkouts.forEach(WorkerCheckout::close);
  }
}
