package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code etapas.deploy}: the contract's {@code deployment_id} (comma-separated, one per product) and
 * {@code commit_workers} of the environment deployed last, each product's deployment there with the
 * resources it created, {@code ambientes} with the same for every environment the release reached, in
 * order, or {@code erro}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeployEtapa(
    StageStatus status,
    @JsonProperty("deployment_id") String deploymentId,
    @JsonProperty("commit_workers") String commitWorkers,
    List<Product> deployments,
    List<Ambiente> ambientes,
    String erro) implements Etapa {

  public DeployEtapa {
    requireNonNull(status, "status");
    requireNonNull(deploymentId, "deploymentId");
    requireNonNull(commitWorkers, "commitWorkers");
    deployments = deployments == null ? null : List.copyOf(deployments);
    ambientes = ambientes == null ? null : List.copyOf(ambientes);
  }

  /** A deploy to one environment that went through. */
  public static DeployEtapa deployed(Ambiente ambiente) {
    return new DeployEtapa(StageStatus.SUCCESS, ambiente.deploymentId(), ambiente.commitWorkers(),
        ambiente.deployments(), List.of(ambiente), null);
  }

  /** A deploy to one environment that failed. */
  public static DeployEtapa failed(String ambiente, String commitWorkers, String erro) {
    requireNonNull(erro, "erro");
    return new DeployEtapa(StageStatus.FAILED, "", commitWorkers, null,
        List.of(new Ambiente(ambiente, "", commitWorkers, null, erro)), erro);
  }

  /**
   * This etapa after {@code next}, the deploy of the following environment (or the same environment
   * again, which replaces its entry): the top-level fields become {@code next}'s, the environments
   * accumulate in order.
   */
  public DeployEtapa then(DeployEtapa next) {
    List<Ambiente> all = new ArrayList<>();
    List<Ambiente> added = next.ambientes == null ? List.of() : next.ambientes;
    (ambientes == null ? List.<Ambiente>of() : ambientes).stream()
        .filter(a -> added.stream().noneMatch(b -> b.ambiente().equals(a.ambiente())))
        .forEach(all::add);
    all.addAll(added);
    return new DeployEtapa(next.status, next.deploymentId, next.commitWorkers, next.deployments, all, next.erro);
  }

  /** This etapa with the commit the environment's worker agent reported for the workers. */
  public DeployEtapa withWorkersCommit(String ambiente, String commit) {
    List<Ambiente> updated = (ambientes == null ? List.<Ambiente>of() : ambientes).stream()
        .map(a -> a.ambiente().equals(ambiente) ? new Ambiente(a.ambiente(), a.deploymentId(), commit,
            a.deployments(), a.erro()) : a)
        .toList();
    return new DeployEtapa(status, deploymentId, commit, deployments, updated, erro);
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

  /** What the release deployed on one environment, the contract's {@code ambiente}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Ambiente(String ambiente, @JsonProperty("deployment_id") String deploymentId,
      @JsonProperty("commit_workers") String commitWorkers, List<Product> deployments, String erro) {
    public Ambiente {
      requireNonNull(ambiente, "ambiente");
      requireNonNull(deploymentId, "deploymentId");
      requireNonNull(commitWorkers, "commitWorkers");
      deployments = deployments == null ? null : List.copyOf(deployments);
    }
  }
}
