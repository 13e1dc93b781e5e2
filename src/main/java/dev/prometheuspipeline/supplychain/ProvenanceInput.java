package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.FetchedArtifact;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a release's SLSA provenance says: which artifacts it made, from what, by which run.
 *
 * @param releaseRef the contract's {@code release_ref}
 * @param repository the Git repository the artifacts come from (a URL)
 * @param commits the commits the artifacts are pinned to, in the release's order
 * @param intentId the backlog intent the release carries out
 * @param planId the plan it belongs to, when it has one
 * @param runId this pipeline run's id: the provenance's invocation id
 * @param builderId a URI naming this pipeline instance
 * @param startedOn when the run started
 * @param finishedOn when it finished
 * @param subjects the artifacts, one per artifact
 * @param resolvedDependencies what they were built from: the repository at each commit, and packages by purl
 */
public record ProvenanceInput(String releaseRef, String repository, List<String> commits, String intentId,
                              Optional<String> planId, String runId, String builderId, Instant startedOn,
                              Instant finishedOn, List<Subject> subjects,
                              List<ResolvedDependency> resolvedDependencies) {
  public ProvenanceInput {
    requireNonNull(releaseRef, "releaseRef");
    requireNonNull(repository, "repository");
    commits = List.copyOf(commits);
    requireNonNull(intentId, "intentId");
    requireNonNull(planId, "planId");
    requireNonNull(runId, "runId");
    requireNonNull(builderId, "builderId");
    requireNonNull(startedOn, "startedOn");
    requireNonNull(finishedOn, "finishedOn");
    subjects = List.copyOf(subjects);
    resolvedDependencies = List.copyOf(resolvedDependencies);
    if (subjects.isEmpty()) {
      throw new IllegalArgumentException("provenance for release " + releaseRef + " names no artifact");
    }
  }

  /**
   * One artifact the statement is about.
   *
   * @param path its path in the repository
   * @param sha the commit it is pinned to
   * @param sha256 lowercase hex SHA-256 of its bytes (for a worker, its folder digest)
   */
  public record Subject(String path, String sha, String sha256) {
    public Subject {
      requireNonNull(path, "path");
      requireNonNull(sha, "sha");
      requireNonNull(sha256, "sha256");
    }

    /** The subject of a fetched artifact, its digest computed as its attestation computes it. */
    public static Subject of(FetchedArtifact fetched) {
      return new Subject(fetched.path(), fetched.artifact().sha(), Attestation.sha256Of(fetched));
    }

    /** The statement's subject name: {@code <path>@<sha>}, so one path at two commits are two subjects. */
    public String name() {
      return path + "@" + sha;
    }
  }

  /**
   * An input of the build, as an in-toto ResourceDescriptor: a URI and its digests by algorithm.
   *
   * @param uri {@code git+<repository>@<sha>} or a package URL
   * @param digest algorithm to lowercase hex value ({@code sha256}, {@code gitCommit}); may be empty
   */
  public record ResolvedDependency(String uri, Map<String, String> digest) {
    public ResolvedDependency {
      requireNonNull(uri, "uri");
      digest = Map.copyOf(digest);
    }

    /** The repository at a commit, as SLSA writes a Git source. */
    public static ResolvedDependency gitCommit(String repository, String sha) {
      return new ResolvedDependency("git+" + repository + "@" + sha, Map.of("gitCommit", sha));
    }

    /** A package a worker is built from, by purl; its SHA-256 when the lock file gave one. */
    public static ResolvedDependency of(Dependency dependency, Optional<String> sha256) {
      return new ResolvedDependency(dependency.purl(),
          sha256.map(value -> Map.of("sha256", value)).orElse(Map.of()));
    }

    Map<String, String> sortedDigest() {
      return new TreeMap<>(digest);
    }
  }
}
