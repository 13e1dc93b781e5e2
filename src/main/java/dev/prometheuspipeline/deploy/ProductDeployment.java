package dev.prometheuspipeline.deploy;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.TargetDeployment;
import java.util.List;

/**
 * What one product's deployment did on the target.
 *
 * @param product the product folder ({@code Artifact#product()}); empty for files at the repository root
 * @param deploymentName the stable deployment name: the product folder, or the root deployment name
 * @param deploymentId the deployment created now; when nothing was created, the newest deployment with
 *     this name from the pipeline, which holds the latest of the product's changes
 * @param created false when Camunda found every file unchanged and created no deployment
 * @param deployedResources the resource names the new deployment holds: only the files that changed since
 *     the previous deployment of this name; empty when nothing was created
 */
public record ProductDeployment(String product, String deploymentName, String deploymentId, boolean created,
                                List<String> deployedResources) {
  public ProductDeployment {
    requireNonNull(product, "product");
    requireNonNull(deploymentName, "deploymentName");
    requireNonNull(deploymentId, "deploymentId");
    deployedResources = List.copyOf(deployedResources);
    if (deploymentName.isBlank() || deploymentId.isBlank()) {
      throw new IllegalArgumentException("a product deployment needs a deployment name and id");
    }
    if (!created && !deployedResources.isEmpty()) {
      throw new IllegalArgumentException("deployment " + deploymentId + " was not created now, so it deployed "
          + "nothing now; got " + deployedResources);
    }
  }

  /** The deployments a release created on an environment, as recorded for its run: what a rollback undoes. */
  public static List<ProductDeployment> createdBy(List<TargetDeployment> recorded) {
    return recorded.stream().filter(TargetDeployment::created)
        .map(d -> new ProductDeployment(d.product(), d.deploymentName(), d.deploymentId(), true, List.of()))
        .toList();
  }
}
