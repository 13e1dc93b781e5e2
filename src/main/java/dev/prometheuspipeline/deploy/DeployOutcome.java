package dev.prometheuspipeline.deploy;

import dev.prometheuspipeline.release.Artifact;
import java.util.List;
import java.util.Optional;

/**
 * What a release's deployment did on the target, one entry per product, in the order the products first
 * appear in the release.
 */
public record DeployOutcome(List<ProductDeployment> products) {
  public DeployOutcome {
    products = List.copyOf(products);
  }

  /**
   * The deployment id of each product, in product order, without repeats: the contract's
   * {@code deployment_id}. A product whose files did not change contributes its current deployment.
   */
  public List<String> deploymentIds() {
    return products.stream().map(ProductDeployment::deploymentId).distinct().toList();
  }

  /** The entry for the artifact's product; empty when the release deployed nothing of that product. */
  public Optional<ProductDeployment> deploymentFor(Artifact artifact) {
    return products.stream().filter(product -> product.product().equals(artifact.product())).findFirst();
  }

  /** True when at least one product got a new deployment. */
  public boolean createdAny() {
    return products.stream().anyMatch(ProductDeployment::created);
  }
}
