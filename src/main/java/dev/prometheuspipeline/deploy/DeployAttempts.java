package dev.prometheuspipeline.deploy;

import java.util.Optional;

/**
 * Where the deployer notes, before each product's deployment is sent, the newest deployment the target
 * had of that name, durably. When the stage is killed after the engine created the deployment but
 * before the outcome was recorded, the run's next attempt finds a deployment newer than the first
 * attempt's note and knows it made it: changed-only filtering alone would call it "unchanged", and the
 * release would then neither report nor roll back what it deployed.
 */
@FunctionalInterface
public interface DeployAttempts {
  /** Notes nothing: each call is a first attempt (tools and benchmarks without a run store). */
  DeployAttempts NONE = (product, newestNow) -> newestNow;

  /**
   * Notes {@code newestNow} for {@code product} unless an earlier attempt of this run noted one.
   *
   * @return what the run's first attempt noted: the newest deployment of the name from the pipeline's
   *     source before the run deployed; empty when there was none
   */
  Optional<String> first(String product, Optional<String> newestNow);
}
