package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The link between a release and a deployment it made (or found unchanged) on an environment's engine.
 *
 * @param environment the contract's {@code ambiente}
 */
public record TargetDeployment(
    String environment, String product, String deploymentId, String deploymentName, boolean created,
    String targetUrl, Instant deployedAt) {
  public TargetDeployment {
    requireNonNull(environment, "environment");
    requireNonNull(product, "product");
    requireNonNull(deploymentId, "deploymentId");
    requireNonNull(deploymentName, "deploymentName");
    requireNonNull(targetUrl, "targetUrl");
    requireNonNull(deployedAt, "deployedAt");
  }
}
