package dev.prometheuspipeline.deploy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One environment a release is deployed to, resolved from configuration: its name (the contract's
 * {@code ambiente}), the engine it deploys to, and its worker agent when it has one.
 */
public record DeployEnvironment(String name, CamundaTarget target, Optional<WorkersHook> workersHook) {
  public DeployEnvironment {
    requireNonNull(name, "name");
    requireNonNull(target, "target");
    requireNonNull(workersHook, "workersHook");
  }
}
