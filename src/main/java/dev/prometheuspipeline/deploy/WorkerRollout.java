package dev.prometheuspipeline.deploy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The workers deployed at one commit by an environment's hook: what {@code etapas.deploy} records as
 * {@code commit_workers}.
 *
 * @param state the hook's final state, {@code deployed}
 * @param detail what the hook said, e.g. when it finished
 * @param duration from the request to the hook reporting the commit
 */
public record WorkerRollout(String commit, String state, String detail, Duration duration) {
  public WorkerRollout {
    requireNonNull(commit, "commit");
    requireNonNull(state, "state");
    requireNonNull(detail, "detail");
    requireNonNull(duration, "duration");
  }
}
