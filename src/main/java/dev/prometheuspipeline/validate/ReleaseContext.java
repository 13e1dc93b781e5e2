package dev.prometheuspipeline.validate;

import static java.util.Objects.requireNonNull;

/**
 * What the release-level checks need besides the artifacts: the target to ask about definitions the
 * release does not ship, and the topics the worker repository declares.
 *
 * @param deployed what the target engine holds; {@link DeployedDefinitions#none()} when there is no target
 * @param workers the worker repository's topic declarations; {@link WorkerDeclarations#none()} when it
 *     declares none
 */
public record ReleaseContext(DeployedDefinitions deployed, WorkerDeclarations workers) {
  /** No target, no worker declarations: references not shipped are "could not check", topics unchecked. */
  public static final ReleaseContext NONE = new ReleaseContext(DeployedDefinitions.none(), WorkerDeclarations.none());

  public ReleaseContext {
    requireNonNull(deployed, "deployed");
    requireNonNull(workers, "workers");
  }
}
