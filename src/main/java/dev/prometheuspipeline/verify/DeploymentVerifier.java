package dev.prometheuspipeline.verify;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.deploy.CamundaTarget;
import dev.prometheuspipeline.deploy.DeployOutcome;
import dev.prometheuspipeline.deploy.Deployer;
import dev.prometheuspipeline.deploy.EngineDefinition;
import dev.prometheuspipeline.deploy.EngineResource;
import dev.prometheuspipeline.deploy.ProductDeployment;
import dev.prometheuspipeline.deploy.TargetClients;
import dev.prometheuspipeline.deploy.TargetEngineClient;
import dev.prometheuspipeline.deploy.TargetException;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a target engine holds what a release deployed: the target answers an authenticated call,
 * each engine resource there has the release's bytes, and each BPMN and DMN became definitions.
 */
public final class DeploymentVerifier {
  static final String TARGET_HEALTH = "target-health";
  static final String CHECKSUM = "checksum:";
  static final String DEFINITION = "definition:";

  private static final Logger log = LoggerFactory.getLogger(DeploymentVerifier.class);
  private static final int CONCURRENT_CHECKS = 4;

  private final TargetClients clients;

  public DeploymentVerifier(TargetClients clients) {
    this.clients = requireNonNull(clients, "clients");
  }

  /**
   * Runs the checks, in order: {@code target-health}; then for each engine resource (workers are skipped)
   * {@code checksum:<path>}, and for each BPMN and DMN {@code definition:<path>}. When the target refuses
   * the user, health fails with the user named and the resource checks fail as not checked.
   *
   * @param deployed the deploy stage's outcome, which says under which deployment name each product went
   * @throws TargetException (retryable) when the target cannot be reached, does not answer in time, or
   *     fails with a server error: that is not a verdict on the deployment, so it is not a failed check
   */
  public VerifyOutcome verify(CamundaTarget target, List<FetchedArtifact> artifacts, DeployOutcome deployed) {
    requireNonNull(target, "target");
    requireNonNull(deployed, "deployed");
    TargetEngineClient engine = clients.connect(target);
    List<FetchedArtifact> resources = artifacts.stream().filter(a -> a.type().isEngineResource()).toList();
    List<Check> checks = new ArrayList<>();
    Check health = health(engine);
    checks.add(health);
    if (health.isPassed()) {
      HoldingDeployments holdings = new HoldingDeployments(engine);
      MadeDefinitions made = new MadeDefinitions(engine);
      checks.addAll(concurrently(resources, resource -> resourceChecks(engine, holdings, made, resource, deployed)));
    } else {
      resources.forEach(resource -> checks.addAll(failedAll(resource, "not checked: " + TARGET_HEALTH + " failed")));
    }
    VerifyOutcome outcome = new VerifyOutcome(checks);
    log.info("stage=verify target={} outcome={} checks={} failed={}", target.restUrl(),
        outcome.allPassed() ? "passed" : "failed", checks.size(), outcome.failed());
    return outcome;
  }

  /**
   * Each resource's checks, in the resources' order, at most {@value #CONCURRENT_CHECKS} resources at a time:
   * a check is a round trip or two to the target, which spends its time waiting on the network and the
   * engine. The first retryable failure propagates, as it would one after the other.
   */
  private static List<Check> concurrently(List<FetchedArtifact> resources,
                                          Function<FetchedArtifact, List<Check>> check) {
    if (resources.size() < 2) {
      return resources.stream().flatMap(resource -> check.apply(resource).stream()).toList();
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(CONCURRENT_CHECKS, resources.size()), task -> {
      Thread thread = new Thread(task, "verify-check-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<List<Check>>> running = resources.stream()
          .map(resource -> pool.submit(() -> check.apply(resource))).toList();
      List<Check> checks = new ArrayList<>();
      for (Future<List<Check>> each : running) {
        checks.addAll(each.get());
      }
      return checks;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while verifying the deployment");
    } finally {
      pool.shutdownNow();
    }
  }

  private static Check health(TargetEngineClient engine) {
    return checked(TARGET_HEALTH, () -> {
      long deployments = engine.deploymentCount();
      return Check.passed(TARGET_HEALTH, "user '" + engine.target().username() + "' authenticated at "
          + engine.target().restUrl() + "; " + deployments + " deployments visible");
    });
  }

  private static List<Check> resourceChecks(TargetEngineClient engine, HoldingDeployments holdings,
                                            MadeDefinitions made, FetchedArtifact resource, DeployOutcome deployed) {
    String checksum = CHECKSUM + resource.path();
    String definition = DEFINITION + resource.path();
    boolean hasDefinitions = definitionKind(resource.type()).isPresent();
    Optional<ProductDeployment> product = deployed.deploymentFor(resource.artifact());
    if (product.isEmpty()) {
      String productName = resource.artifact().product();
      return failedAll(resource, "the deploy outcome has no deployment for "
          + (productName.isEmpty() ? "the files at the repository root" : "product '" + productName + "'")
          + "; deploy the release before verifying it");
    }
    String deploymentName = product.get().deploymentName();
    String resourceName = resource.artifact().resourceName();
    Optional<EngineResource> held;
    try {
      held = holdings.current(deploymentName, resourceName);
    } catch (TargetException e) {
      if (e.isRetryable()) {
        throw e;
      }
      return failedAll(resource, e.getMessage());
    }
    if (held.isEmpty()) {
      return failedAll(resource, "no deployment named '" + deploymentName + "' from source " + Deployer.SOURCE
          + " holds a resource named '" + resourceName + "'; deploy the release again");
    }
    EngineResource current = held.get();
    List<Check> checks = new ArrayList<>();
    checks.add(checked(checksum, () -> checksum(engine, checksum, resource, current)));
    if (hasDefinitions) {
      checks.add(checked(definition, () -> definitions(made, definition, resource.type(), current)));
    }
    return checks;
  }

  private static Check checksum(TargetEngineClient engine, String name, FetchedArtifact resource,
                                EngineResource current) {
    String onTarget = sha256(engine.resourceData(current.deploymentId(), current.id()));
    if (onTarget.equalsIgnoreCase(resource.digest())) {
      return Check.passed(name, "deployment " + current.deploymentId() + " holds " + current.name()
          + " with sha256 " + onTarget);
    }
    return Check.failed(name, "deployment " + current.deploymentId() + " holds " + current.name()
        + " with sha256 " + onTarget + ", but the release has sha256 " + resource.digest()
        + "; the target holds other bytes under that name (deployed outside this release?); find who "
        + "deployed " + current.deploymentId() + " and deploy the release again");
  }

  private static Check definitions(MadeDefinitions made, String name, ArtifactType type, EngineResource current) {
    String kind = definitionKind(type).orElseThrow();
    List<EngineDefinition> definitions = made.from(type, current);
    if (definitions.isEmpty()) {
      String hint = type == ArtifactType.BPMN
          ? "; is the process executable (isExecutable=\"true\")?"
          : "; does the file define a decision?";
      return Check.failed(name, "deployment " + current.deploymentId() + " holds " + current.name() + " but the "
          + "engine made no " + kind + " definition from it" + hint);
    }
    return Check.passed(name, "deployment " + current.deploymentId() + " has " + kind + " definitions "
        + definitions.stream().map(EngineDefinition::keyAndVersion).collect(Collectors.joining(", "))
        + " from " + current.name());
  }

  /** The resource's checksum check, and its definition check for BPMN and DMN, all failed for one reason. */
  private static List<Check> failedAll(FetchedArtifact resource, String why) {
    List<Check> checks = new ArrayList<>();
    checks.add(Check.failed(CHECKSUM + resource.path(), why));
    if (definitionKind(resource.type()).isPresent()) {
      checks.add(Check.failed(DEFINITION + resource.path(), why));
    }
    return checks;
  }

  /**
   * Runs one check; a refusal (wrong user, missing deployment) fails the check, while a target that is
   * down or failing propagates, since it says nothing about the deployment.
   */
  private static Check checked(String name, Supplier<Check> check) {
    return Check.timed(() -> {
      try {
        return check.get();
      } catch (TargetException e) {
        if (e.isRetryable()) {
          throw e;
        }
        return Check.failed(name, e.getMessage());
      }
    });
  }

  private static Optional<String> definitionKind(ArtifactType type) {
    if (type == ArtifactType.BPMN) {
      return Optional.of("process");
    }
    if (type == ArtifactType.DMN) {
      return Optional.of("decision");
    }
    return Optional.empty();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
