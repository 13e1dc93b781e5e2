package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code etapas.deploy}: the contract's {@code deployment_id} (comma-separated, one per product) and
 * {@code commit_workers}, each product's deployment with the resources it created, or {@code erro}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeployEtapa(
    StageStatus status,
    @JsonProperty("deployment_id") String deploymentId,
    @JsonProperty("commit_workers") String commitWorkers,
    List<Product> deployments,
    String erro) implements Etapa {

  public DeployEtapa {
    requireNonNull(status, "status");
    requireNonNull(deploymentId, "deploymentId");
    requireNonNull(commitWorkers, "commitWorkers");
    deployments = deployments == null ? null : List.copyOf(deployments);
  }

  public static DeployEtapa failed(String commitWorkers, String erro) {
    return new DeployEtapa(StageStatus.FAILED, "", commitWorkers, null, requireNonNull(erro, "erro"));
  }

  /** One product folder's deployment; {@code resources} lists what it created, empty when nothing changed. */
  public record Product(String product, @JsonProperty("deployment_id") String deploymentId, boolean created,
      List<String> resources) {
    public Product {
      requireNonNull(product, "product");
      requireNonNull(deploymentId, "deploymentId");
      resources = List.copyOf(resources);
    }
  }
}
