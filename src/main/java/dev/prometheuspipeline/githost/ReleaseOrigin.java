package dev.prometheuspipeline.githost;

import static java.util.Objects.requireNonNull;

/** The host, repository and commit a release was pushed from: where its state is reported back. */
public record ReleaseOrigin(GitHostKind host, String repository, String projectId, String branch, String commit) {
  public ReleaseOrigin {
    requireNonNull(host, "host");
    requireNonNull(repository, "repository");
    requireNonNull(branch, "branch");
    requireNonNull(commit, "commit");
    projectId = projectId == null ? "" : projectId;
  }

  /** The origin of a push that starts a release, at the commit the pipeline resolved. */
  public static ReleaseOrigin of(HostPush push, String commit) {
    return new ReleaseOrigin(push.host(), push.repository(), push.projectId(), push.branch(), commit);
  }
}
