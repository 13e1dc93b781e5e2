package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

/**
 * One artifact a release asks for: a file (or, for workers, a file or folder) at a pinned commit.
 *
 * @param type what it is
 * @param file the contract's {@code arquivo}: the file name people recognise
 * @param path where it lives in its repository, relative, with forward slashes
 * @param sha the commit the artifact is pinned to
 * @param confidence the contract's {@code confianca}: for an artifact a generating agent produced (seed 001's
 *     {@code confidence}), how confident it was, 0 to 1; null for an artifact people wrote. The approval
 *     routing asks more approvers for a low one.
 */
public record Artifact(ArtifactType type, String file, String path, String sha, Double confidence) {
  public Artifact {
    requireNonNull(type, "type");
    requireNonNull(file, "file");
    requireNonNull(path, "path");
    requireNonNull(sha, "sha");
  }

  /** An artifact people wrote, or whose generator declared no confidence. */
  public Artifact(ArtifactType type, String file, String path, String sha) {
    this(type, file, path, sha, null);
  }

  /**
   * The product folder: the first path segment ({@code Genesis/bpmn/x.bpmn} → {@code Genesis}).
   * Artifacts at the repository root belong to no product folder and deploy under the file's own name.
   */
  public String product() {
    int slash = path.indexOf('/');
    return slash > 0 ? path.substring(0, slash) : "";
  }

  /** The last path segment: the resource name the engine stores. */
  public String resourceName() {
    int slash = path.lastIndexOf('/');
    return slash >= 0 ? path.substring(slash + 1) : path;
  }
}
