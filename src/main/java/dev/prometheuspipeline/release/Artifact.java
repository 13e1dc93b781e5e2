package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

/**
 * One artifact a release asks for: a file (or, for workers, a file or folder) at a pinned commit.
 *
 * @param type what it is
 * @param file the contract's {@code arquivo}: the file name people recognise
 * @param path where it lives in its repository, relative, with forward slashes
 * @param sha the commit the artifact is pinned to
 */
public record Artifact(ArtifactType type, String file, String path, String sha) {
  public Artifact {
    requireNonNull(type, "type");
    requireNonNull(file, "file");
    requireNonNull(path, "path");
    requireNonNull(sha, "sha");
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
