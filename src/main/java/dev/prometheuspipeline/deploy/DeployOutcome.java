package dev.prometheuspipeline.deploy;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.DeployEtapa;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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

  /** {@code etapas.deploy} of a deployment to {@code ambiente} that went through. */
  public DeployEtapa etapa(String ambiente, List<FetchedArtifact> artifacts) {
    return DeployEtapa.deployed(new DeployEtapa.Ambiente(ambiente, String.join(",", deploymentIds()),
        workerCommits(artifacts), products.stream().map(p -> new DeployEtapa.Product(p.product(), p.deploymentId(),
            p.created(), p.deployedResources())).toList(), null));
  }

  /** The contract's {@code commit_workers}: the commits of the release's worker artifacts. */
  public static String workerCommits(List<FetchedArtifact> artifacts) {
    return artifacts.stream().filter(a -> a.type() == ArtifactType.WORKER).map(a -> a.artifact().sha())
        .distinct().collect(Collectors.joining(","));
  }

  /** How many resources the deployments created. */
  public int deployedResources() {
    return products.stream().mapToInt(p -> p.deployedResources().size()).sum();
  }

  /** True when at least one product got a new deployment. */
  public boolean createdAny() {
    return products.stream().anyMatch(ProductDeployment::created);
  }
}
