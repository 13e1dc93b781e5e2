package dev.prometheuspipeline.deploy;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.FetchedArtifact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys a release's engine resources (BPMN, DMN, forms, embedded HTML forms) to a Camunda 7 target,
 * one deployment per product folder. Each deployment has a stable name, the product folder, and the source
 * {@value #SOURCE}, and uses Camunda's changed-only filtering: the engine compares each file with the latest
 * file of that name in the product's earlier deployments from the pipeline and stores only the files that
 * changed, so a release that changed nothing creates no deployment.
 */
public final class Deployer {
  /** The deployment source of everything the pipeline deploys. */
  public static final String SOURCE = "prometheus-pipeline";
  /** The deployment name for files at the repository root, which belong to no product folder. */
  public static final String DEFAULT_ROOT_DEPLOYMENT_NAME = "release";

  private static final Logger log = LoggerFactory.getLogger(Deployer.class);

  private final TargetClients clients;
  private final String rootDeploymentName;

  public Deployer(TargetClients clients) {
    this(clients, DEFAULT_ROOT_DEPLOYMENT_NAME);
  }

  /** @param rootDeploymentName the deployment name for files at the repository root */
  public Deployer(TargetClients clients, String rootDeploymentName) {
    this.clients = requireNonNull(clients, "clients");
    requireNonNull(rootDeploymentName, "rootDeploymentName");
    if (rootDeploymentName.isBlank() || rootDeploymentName.contains("/")) {
      throw new IllegalArgumentException("the root deployment name must be a non-blank name without '/'; got '"
          + rootDeploymentName + "'");
    }
    this.rootDeploymentName = rootDeploymentName;
  }

  /**
   * Deploys the engine resources among {@code artifacts} (workers are skipped: they deploy through their own
   * hook), one deployment per product, each file as a resource named by its base name.
   *
   * <p>Camunda 7.24's answer when changed-only filtering leaves nothing to deploy, found by test: it
   * creates no deployment and answers with the newest existing deployment of that name, whatever its source
   * (its id, with every {@code deployed*Definitions} null; a new deployment's definitions are null too for
   * kinds it has none of, so they tell nothing). The deployer therefore asks for the newest deployment of
   * the name before deploying: the same id in the answer means nothing was created, and the outcome then
   * reports the newest deployment of the name from {@value #SOURCE}.
   *
   * @throws DuplicateResourceException when two files of one product share a base name, or root files
   *     would share a deployment name with a product folder; the target is not called
   * @throws TargetException when the target cannot be reached or refuses a deployment; products deployed
   *     before the failure stay deployed, and the message names them
   */
  public DeployOutcome deploy(CamundaTarget target, List<FetchedArtifact> artifacts) {
    return deploy(target, artifacts, DeployAttempts.NONE);
  }

  /**
   * As {@link #deploy(CamundaTarget, List)}, noting each product's attempt in {@code attempts} first,
   * so that a run killed mid-deploy and run again reports the deployment its first attempt created.
   */
  public DeployOutcome deploy(CamundaTarget target, List<FetchedArtifact> artifacts, DeployAttempts attempts) {
    requireNonNull(target, "target");
    requireNonNull(attempts, "attempts");
    Map<String, List<FetchedArtifact>> byProduct = byProduct(artifacts);
    refuseAmbiguousNames(byProduct);
    if (byProduct.isEmpty()) {
      log.info("stage=deploy target={} outcome=nothing-to-deploy products=0", target.restUrl());
      return new DeployOutcome(List.of());
    }
    TargetEngineClient engine = clients.connect(target);
    List<ProductDeployment> done = new ArrayList<>();
    for (Map.Entry<String, List<FetchedArtifact>> product : byProduct.entrySet()) {
      String deploymentName = deploymentName(product.getKey());
      try {
        done.add(deployProduct(engine, attempts, product.getKey(), deploymentName, product.getValue()));
      } catch (TargetException e) {
        throw e.during("Deploying product '" + deploymentName + "'" + alreadyDeployed(done));
      }
    }
    DeployOutcome outcome = new DeployOutcome(done);
    log.info("stage=deploy target={} outcome=deployed products={} created={} deploymentIds={}",
        target.restUrl(), done.size(), done.stream().filter(ProductDeployment::created).count(),
        String.join(",", outcome.deploymentIds()));
    return outcome;
  }

  private ProductDeployment deployProduct(TargetEngineClient engine, DeployAttempts attempts, String product,
                                          String deploymentName, List<FetchedArtifact> files) {
    Optional<String> newestOursBefore = attempts.first(product,
        engine.latestDeployment(deploymentName, SOURCE).map(EngineDeployment::id));
    Optional<String> newestBefore = engine.latestDeployment(deploymentName).map(EngineDeployment::id);
    List<DeploymentResource> resources = files.stream()
        .map(file -> new DeploymentResource(file.artifact().resourceName(), file.content()))
        .toList();
    EngineDeployment answer = engine.createDeployment(deploymentName, SOURCE, resources);
    boolean created = newestBefore.map(id -> !id.equals(answer.id())).orElse(true);
    ProductDeployment deployment;
    if (created) {
      List<String> deployed = engine.resources(answer.id()).stream().map(EngineResource::name).sorted().toList();
      deployment = new ProductDeployment(product, deploymentName, answer.id(), true, deployed);
    } else {
      String current = engine.latestDeployment(deploymentName, SOURCE).map(EngineDeployment::id)
          .orElse(answer.id());
      if (!Optional.of(current).equals(newestOursBefore)) {
        // Newer than what the run's first attempt saw: that attempt created it, then the stage died.
        List<String> deployed = engine.resources(current).stream().map(EngineResource::name).sorted().toList();
        deployment = new ProductDeployment(product, deploymentName, current, true, deployed);
        log.info("stage=deploy product={} deploymentId={} outcome=recovered-earlier-attempt", product, current);
      } else {
        deployment = new ProductDeployment(product, deploymentName, current, false, List.of());
      }
    }
    log.debug("stage=deploy product={} deploymentName={} deploymentId={} created={} resources={}/{}",
        product, deploymentName, deployment.deploymentId(), created,
        deployment.deployedResources().size(), resources.size());
    return deployment;
  }

  private static Map<String, List<FetchedArtifact>> byProduct(List<FetchedArtifact> artifacts) {
    Map<String, List<FetchedArtifact>> byProduct = new LinkedHashMap<>();
    for (FetchedArtifact artifact : artifacts) {
      if (artifact.type().isEngineResource()) {
        byProduct.computeIfAbsent(artifact.artifact().product(), product -> new ArrayList<>()).add(artifact);
      }
    }
    return byProduct;
  }

  private void refuseAmbiguousNames(Map<String, List<FetchedArtifact>> byProduct) {
    List<String> conflicts = new ArrayList<>();
    if (byProduct.containsKey("") && byProduct.containsKey(rootDeploymentName)) {
      conflicts.add("files at the repository root deploy as '" + rootDeploymentName + "', which is also a product "
          + "folder; move them into a product folder or choose another root deployment name");
    }
    byProduct.forEach((product, files) -> files.stream()
        .collect(Collectors.groupingBy(file -> file.artifact().resourceName(), LinkedHashMap::new,
            Collectors.mapping(FetchedArtifact::path, Collectors.toList())))
        .forEach((resourceName, paths) -> {
          if (paths.size() > 1) {
            conflicts.add("product '" + deploymentName(product) + "' has " + paths.size() + " files named '"
                + resourceName + "': " + String.join(", ", paths)
                + "; a deployment keeps one resource per name, so rename all but one");
          }
        }));
    if (!conflicts.isEmpty()) {
      throw new DuplicateResourceException("Refused to deploy, nothing was sent to the target: "
          + String.join("; ", conflicts));
    }
  }

  private String deploymentName(String product) {
    return product.isEmpty() ? rootDeploymentName : product;
  }

  private static String alreadyDeployed(List<ProductDeployment> done) {
    if (done.isEmpty()) {
      return "";
    }
    return " (already deployed: " + done.stream()
        .map(product -> product.deploymentName() + " as " + product.deploymentId())
        .collect(Collectors.joining(", ")) + ")";
  }
}
