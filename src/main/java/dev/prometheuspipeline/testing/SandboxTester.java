package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.PipelineException;
import dev.prometheuspipeline.sandbox.DeployAttempt;
import dev.prometheuspipeline.sandbox.SandboxEngine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox deployment test: deploys a release's engine resources (BPMN, DMN, forms, embedded forms;
 * never workers) into a fresh sandbox engine exactly as the target will receive them: one deployment per
 * product folder, each resource under its file name.
 *
 * <p>The result counts artifacts, not deployments. When a product's deployment fails, each of its
 * artifacts is deployed on its own to find the ones that fail alone, and those are counted. When every
 * file deploys alone but not together (two files defining the same process id), the files that clash are
 * found by deploying them in pairs, and each is counted with the engine's reason. An artifact refused alone
 * that deploys once its history time to live is set aside is also listed in
 * {@link TestReport#deploymentOnly}: only the deployment refuses it, not its behaviour.
 *
 * <p>Thread-safe: each call has its own sandbox engine.
 */
public final class SandboxTester {
  private static final Logger log = LoggerFactory.getLogger(SandboxTester.class);

  /**
   * Deploys the release product by product and reports, per artifact, whether it deployed.
   *
   * @throws PipelineException only when the sandbox engine itself cannot start
   */
  public TestReport test(List<FetchedArtifact> artifacts) {
    requireNonNull(artifacts, "artifacts");
    long started = System.nanoTime();
    List<FetchedArtifact> resources =
        artifacts.stream().filter(artifact -> artifact.type().isEngineResource()).toList();
    Map<String, String> failures = new LinkedHashMap<>();
    Set<String> deploymentOnly = new HashSet<>();
    try (SandboxEngine sandbox = SandboxEngine.start()) {
      for (Map.Entry<String, List<FetchedArtifact>> product : byDeployment(resources).entrySet()) {
        new ProductDeployment(sandbox, product.getKey(), failures, deploymentOnly).run(product.getValue());
      }
    }
    // In release order, whatever order the search found them in.
    List<TestFailure> reported =
        resources.stream()
            .map(FetchedArtifact::path)
            .filter(failures::containsKey)
            .map(path -> new TestFailure(path, failures.get(path)))
            .toList();
    TestReport report = new TestReport(resources.size() - reported.size(), reported.size(), reported,
        reported.stream().filter(failure -> deploymentOnly.contains(failure.file())).toList());
    log.debug(
        "event=sandbox-tested artifacts={} passed={} failed={} durationMs={}",
        resources.size(), report.passed(), report.failed(), (System.nanoTime() - started) / 1_000_000);
    return report;
  }

  /**
   * Deployments as the target gets them: one per product folder; a file at the repository root is a
   * deployment of its own, named after the file.
   */
  private static Map<String, List<FetchedArtifact>> byDeployment(List<FetchedArtifact> resources) {
    return resources.stream()
        .collect(
            Collectors.groupingBy(
                artifact ->
                    artifact.artifact().product().isEmpty()
                        ? artifact.artifact().resourceName()
                        : artifact.artifact().product(),
                LinkedHashMap::new,
                Collectors.toList()));
  }

  /** One product's deployment and, when it fails, the search for the artifacts to blame. */
  private static final class ProductDeployment {
    private final SandboxEngine sandbox;
    private final String name;
    private final Map<String, String> failures;
    private final Set<String> deploymentOnly;

    ProductDeployment(SandboxEngine sandbox, String name, Map<String, String> failures, Set<String> deploymentOnly) {
      this.sandbox = sandbox;
      this.name = name;
      this.failures = failures;
      this.deploymentOnly = deploymentOnly;
    }

    void run(List<FetchedArtifact> artifacts) {
      List<FetchedArtifact> deployable = withoutSameResourceName(artifacts);
      if (deployable.isEmpty()) {
        return;
      }
      DeployAttempt together = sandbox.deploy(name, resources(deployable));
      if (together.succeeded()) {
        // Kept, as the target keeps it: later products deploy next to it.
        return;
      }
      List<FetchedArtifact> fineAlone = new ArrayList<>();
      for (FetchedArtifact artifact : deployable) {
        DeployAttempt alone = sandbox.deploy(name, resources(List.of(artifact)));
        if (alone.succeeded()) {
          sandbox.undeploy(alone.deploymentId());
          fineAlone.add(artifact);
        } else {
          failures.put(artifact.path(), alone.reason());
          noteIfOnlyTheDeploymentRefusesIt(artifact);
        }
      }
      if (fineAlone.isEmpty()) {
        return;
      }
      DeployAttempt rest = sandbox.deploy(name, resources(fineAlone));
      if (!rest.succeeded()) {
        deployWithoutClashes(fineAlone);
      }
    }

    /** Whether the artifact, refused alone, deploys once its history time to live is set aside. */
    private void noteIfOnlyTheDeploymentRefusesIt(FetchedArtifact artifact) {
      DeployAttempt lenient = sandbox.deployWithoutHistoryTimeToLive(name, resources(List.of(artifact)));
      if (lenient.succeeded()) {
        sandbox.undeploy(lenient.deploymentId());
        deploymentOnly.add(artifact.path());
      }
    }

    /**
     * Every artifact deploys alone, yet not all together: add them one by one; the one that breaks the
     * growing set clashes with something in it, and deploying it in a pair with each member finds with
     * what. What does not clash is deployed, as the target would have most of it.
     */
    private void deployWithoutClashes(List<FetchedArtifact> artifacts) {
      List<FetchedArtifact> compatible = new ArrayList<>();
      for (FetchedArtifact candidate : artifacts) {
        List<FetchedArtifact> trial = new ArrayList<>(compatible);
        trial.add(candidate);
        DeployAttempt attempt = sandbox.deploy(name, resources(trial));
        if (attempt.succeeded()) {
          sandbox.undeploy(attempt.deploymentId());
          compatible.add(candidate);
          continue;
        }
        List<FetchedArtifact> partners = new ArrayList<>();
        for (FetchedArtifact member : compatible) {
          DeployAttempt pair = sandbox.deploy(name, resources(List.of(member, candidate)));
          if (pair.succeeded()) {
            sandbox.undeploy(pair.deploymentId());
          } else {
            partners.add(member);
          }
        }
        // No single partner: the clash needs several files; all that were present are involved.
        List<FetchedArtifact> involved = partners.isEmpty() ? List.copyOf(compatible) : partners;
        blameTogether(candidate, involved, attempt.reason());
        // The partners stay in the set, so a third file defining the same id is caught too.
      }
      List<FetchedArtifact> unblamed =
          compatible.stream().filter(artifact -> !failures.containsKey(artifact.path())).toList();
      if (!unblamed.isEmpty()) {
        sandbox.deploy(name, resources(unblamed));
      }
    }

    private void blameTogether(FetchedArtifact candidate, List<FetchedArtifact> others, String reason) {
      failures.put(
          candidate.path(),
          others.isEmpty()
              ? "deploys alone but not in product '" + name + "': " + reason
              : "deploys alone but not in one deployment with " + paths(others) + ": " + reason);
      for (FetchedArtifact other : others) {
        failures.merge(
            other.path(),
            "deploys alone but not in one deployment with " + candidate.path() + ": " + reason,
            (earlier, later) -> earlier);
      }
    }

    /**
     * Two files of a product with the same file name would reach the target as one resource, the second
     * silently replacing the first; both are failures rather than a guess at which one the target keeps.
     */
    private List<FetchedArtifact> withoutSameResourceName(List<FetchedArtifact> artifacts) {
      Map<String, List<FetchedArtifact>> byName =
          artifacts.stream()
              .collect(
                  Collectors.groupingBy(
                      artifact -> artifact.artifact().resourceName(), LinkedHashMap::new, Collectors.toList()));
      List<FetchedArtifact> kept = new ArrayList<>();
      for (Map.Entry<String, List<FetchedArtifact>> named : byName.entrySet()) {
        if (named.getValue().size() == 1) {
          kept.addAll(named.getValue());
          continue;
        }
        for (FetchedArtifact artifact : named.getValue()) {
          failures.put(
              artifact.path(),
              "product '" + name + "' has " + named.getValue().size() + " files named '" + named.getKey()
                  + "' (" + paths(named.getValue()) + "); one deployment holds one resource per name, so"
                  + " one would replace the other; rename one");
        }
      }
      return kept;
    }

    private static Map<String, byte[]> resources(List<FetchedArtifact> artifacts) {
      Map<String, byte[]> resources = new LinkedHashMap<>();
      for (FetchedArtifact artifact : artifacts) {
        resources.put(artifact.artifact().resourceName(), artifact.content());
      }
      return resources;
    }

    private static String paths(List<FetchedArtifact> artifacts) {
      return artifacts.stream().map(FetchedArtifact::path).collect(Collectors.joining(", "));
    }
  }
}
