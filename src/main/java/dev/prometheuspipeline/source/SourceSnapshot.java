package dev.prometheuspipeline.source;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.Artifact;
import java.util.List;

/**
 * The engine artifacts of the product folders at one commit.
 *
 * @param commit the full sha the branch or abbreviated sha resolved to
 * @param artifacts every supported file under the product folders, sorted by path, each pinned to
 *     {@code commit}
 */
public record SourceSnapshot(String commit, List<Artifact> artifacts) {
  public SourceSnapshot {
    requireNonNull(commit, "commit");
    artifacts = List.copyOf(artifacts);
  }
}
