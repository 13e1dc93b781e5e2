package dev.prometheuspipeline.verify;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.deploy.CamundaTarget;
import dev.prometheuspipeline.deploy.DeployOutcome;
import dev.prometheuspipeline.deploy.EngineDefinition;
import dev.prometheuspipeline.deploy.ProductDeployment;
import dev.prometheuspipeline.deploy.TargetClients;
import dev.prometheuspipeline.deploy.TargetEngineClient;
import dev.prometheuspipeline.deploy.TargetException;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.TargetDeployment;
import dev.prometheuspipeline.smoke.SmokeRuns;
import dev.prometheuspipeline.testing.TestFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The whole verification of one environment after its deploy, in the order a person reads it: the target
 * answers and holds the release's bytes as definitions ({@link DeploymentVerifier}); what the engine starts
 * by key is what was validated ({@link DriftCheck}); the release's smoke files run on it against its real
 * workers ({@link SmokeChecks}); and nothing breaks on the new definitions for a while ({@link IncidentWatch}). The later checks wait for the earlier: watching for two minutes a
 * deployment whose checksums already failed would only delay the rollback.
 */
public final class ReleaseVerification {
  private final DeploymentVerifier deployment;
  private final TargetClients clients;
  private final VerifyProperties settings;
  private final DriftCheck drift = new DriftCheck();
  private final IncidentWatch watch;
  private final SmokeChecks smoke = new SmokeChecks(new SmokeRuns());

  public ReleaseVerification(DeploymentVerifier deployment, TargetClients clients, VerifyProperties settings) {
    this(deployment, clients, settings, new IncidentWatch());
  }

  ReleaseVerification(DeploymentVerifier deployment, TargetClients clients, VerifyProperties settings,
                      IncidentWatch watch) {
    this.deployment = requireNonNull(deployment, "deployment");
    this.clients = requireNonNull(clients, "clients");
    this.settings = requireNonNull(settings, "settings");
    this.watch = requireNonNull(watch, "watch");
  }

  /** As {@link #verify(CamundaTarget, List, List, String, List)} for a release with no smoke files. */
  public VerifyOutcome verify(CamundaTarget target, List<FetchedArtifact> artifacts,
                              List<TargetDeployment> deployed) {
    return verify(target, artifacts, deployed, "", List.of());
  }

  /**
   * @param deployed what the deploy stage recorded for this environment, with when each deployment was made
   * @param releaseRef the release's {@code release_ref}, in the smoke instances' business keys
   * @param smokeFiles the release's smoke files ({@code SmokeFiles.of} its companion files)
   * @throws TargetException (retryable) when the target cannot be reached: not a verdict on the release
   */
  public VerifyOutcome verify(CamundaTarget target, List<FetchedArtifact> artifacts,
                              List<TargetDeployment> deployed, String releaseRef, List<TestFile> smokeFiles) {
    VerifyOutcome outcome = deployment.verify(target, artifacts, outcome(deployed));
    TargetEngineClient engine = clients.connect(target);
    List<Check> checks = new ArrayList<>(outcome.checks());
    if (!outcome.allPassed()) {
      String why = "not checked: " + outcome.failed() + " earlier check(s) failed";
      checks.add(Check.skipped(DriftCheck.PREFIX + "*", why));
      checks.add(Check.skipped(SmokeChecks.ALL, why));
      checks.add(Check.skipped(IncidentWatch.NAME, why));
      return new VerifyOutcome(checks);
    }
    checks.addAll(driftChecks(engine, artifacts));
    if (checks.stream().anyMatch(Check::isFailed)) {
      String why = "the target starts another version than the one validated";
      checks.add(Check.skipped(SmokeChecks.ALL, "not run: " + why + ", so a smoke run would test something else"));
      checks.add(Check.skipped(IncidentWatch.NAME, "not watched: " + why + ", so watching the release's"
          + " definitions says nothing about what runs"));
      return new VerifyOutcome(checks);
    }
    List<Check> smokeChecks = smoke.checks(engine, smokeFiles, releaseRef, settings.smokeTimeout());
    checks.addAll(smokeChecks);
    if (smokeChecks.stream().anyMatch(Check::isFailed)) {
      checks.add(Check.skipped(IncidentWatch.NAME, "not watched: a smoke run failed, and watching would only "
          + "delay the rollback"));
      return new VerifyOutcome(checks);
    }
    checks.add(watch.watch(engine, createdDefinitions(engine, deployed), deployedAt(deployed),
        settings.incidentWatch()));
    return new VerifyOutcome(checks);
  }

  private List<Check> driftChecks(TargetEngineClient engine, List<FetchedArtifact> artifacts) {
    try {
      return drift.checks(engine, artifacts);
    } catch (TargetException e) {
      if (e.isRetryable()) {
        throw e;
      }
      return List.of(Check.failed(DriftCheck.PREFIX + "*", e.getMessage()));
    }
  }

  /** The process definitions made by the deployments this release created; unchanged products made none. */
  private static List<EngineDefinition> createdDefinitions(TargetEngineClient engine, List<TargetDeployment> deployed) {
    return deployed.stream().filter(TargetDeployment::created).map(TargetDeployment::deploymentId).distinct()
        .flatMap(id -> engine.getAll("/process-definition", Map.of("deploymentId", id), EngineDefinition[].class)
            .stream())
        .toList();
  }

  private static Instant deployedAt(List<TargetDeployment> deployed) {
    return deployed.stream().filter(TargetDeployment::created).map(TargetDeployment::deployedAt)
        .max(Comparator.naturalOrder()).orElseGet(Instant::now);
  }

  private static DeployOutcome outcome(List<TargetDeployment> deployed) {
    return new DeployOutcome(deployed.stream()
        .map(d -> new ProductDeployment(d.product(), d.deploymentName(), d.deploymentId(), d.created(), List.of()))
        .toList());
  }
}
