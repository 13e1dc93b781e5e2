package dev.prometheuspipeline.deploy;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

/**
 * An environment's worker agent: where to ask for a deploy of the workers at a commit, the HMAC secret
 * the request is signed with, and how long the agent may take to report that commit.
 */
public record WorkersHook(URI url, String secret, Duration timeout) {
  public WorkersHook {
    requireNonNull(url, "url");
    requireNonNull(secret, "secret");
    requireNonNull(timeout, "timeout");
    if (secret.isBlank()) {
      throw new IllegalArgumentException("a workers hook needs a secret (workers-hook-secret or "
          + "workers-hook-secret-file) to sign its requests");
    }
  }

  @Override
  public String toString() {
    return "WorkersHook[url=" + url + ", secret=****, timeout=" + timeout + "]";
  }
}
