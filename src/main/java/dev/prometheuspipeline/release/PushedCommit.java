package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A push to the release branch, as a release starts from it: the branch and the full commit sha. Its
 * artifacts are the product folders' files at that commit, which the run's fetch stage lists, so a webhook
 * answers before any Git work.
 */
public record PushedCommit(String branch, String commit) {
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  public PushedCommit {
    requireNonNull(branch, "branch");
    requireNonNull(commit, "commit");
    if (!isFullSha(commit)) {
      throw new IllegalArgumentException("a pushed commit is a full lowercase sha, not '" + commit + "'");
    }
  }

  /** True for a full SHA-1 or SHA-256 commit id in lowercase: one that names a commit without asking Git. */
  public static boolean isFullSha(String commit) {
    return FULL_SHA.matcher(commit).matches();
  }

  /** {@code <branch>@<first 12 of the sha>}: the release_ref of a push. */
  public String releaseRef() {
    return branch + "@" + commit.substring(0, 12);
  }
}
