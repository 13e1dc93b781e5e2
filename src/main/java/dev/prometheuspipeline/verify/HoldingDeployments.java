package dev.prometheuspipeline.verify;

import dev.prometheuspipeline.deploy.Deployer;
import dev.prometheuspipeline.deploy.EngineDeployment;
import dev.prometheuspipeline.deploy.EngineResource;
import dev.prometheuspipeline.deploy.TargetEngineClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * Finds which deployment holds the current version of a resource. With changed-only deployments a file
 * that did not change stays in the older deployment that brought it, so the current version is in the
 * newest deployment of the product (same name, source {@value Deployer#SOURCE}) that has a resource of
 * that name. Answers are kept for one verification, so each deployment is listed once, however many of
 * the verification's threads ask.
 */
final class HoldingDeployments {
  private final TargetEngineClient engine;
  private final Map<String, List<EngineDeployment>> deploymentsByName = new ConcurrentHashMap<>();
  private final Map<String, List<EngineResource>> resourcesByDeployment = new ConcurrentHashMap<>();

  HoldingDeployments(TargetEngineClient engine) {
    this.engine = engine;
  }

  Optional<EngineResource> current(String deploymentName, String resourceName) {
    List<EngineDeployment> newestFirst =
        deploymentsByName.computeIfAbsent(deploymentName, name -> engine.deployments(name, Deployer.SOURCE));
    for (EngineDeployment deployment : newestFirst) {
      List<EngineResource> resources = resourcesByDeployment.computeIfAbsent(deployment.id(), engine::resources);
      Optional<EngineResource> held = resources.stream().filter(r -> r.name().equals(resourceName)).findFirst();
      if (held.isPresent()) {
        return held;
      }
    }
    return Optional.empty();
  }
}
