package dev.prometheuspipeline.verify;

import dev.prometheuspipeline.deploy.DeployEnvironment;
import dev.prometheuspipeline.deploy.TargetClients;
import dev.prometheuspipeline.deploy.TargetException;
import dev.prometheuspipeline.deploy.TargetResolver;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.run.ReleaseRuns;
import dev.prometheuspipeline.run.RunArtifacts;
import dev.prometheuspipeline.run.RunDeployments;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/environments/{name}/drift}: at any time, not only during a release, whether someone
 * deployed beside the pipeline. Authenticated as every {@code /api} call; asks the target with the
 * environment's own credentials, which never appear in the answer.
 */
@Profile("!worker")
@RestController
class DriftController {
  private final TargetResolver environments;
  private final RunDeployments deployments;
  private final ReleaseRuns runs;
  private final RunArtifacts artifacts;
  private final TargetClients clients;
  private final DriftCheck drift = new DriftCheck();

  DriftController(TargetResolver environments, RunDeployments deployments, ReleaseRuns runs, RunArtifacts artifacts,
      TargetClients clients) {
    this.environments = environments;
    this.deployments = deployments;
    this.runs = runs;
    this.artifacts = artifacts;
    this.clients = clients;
  }

  /** 404 for an environment that is not configured; 502 when the target cannot be asked. */
  @GetMapping("/api/environments/{name}/drift")
  DriftReport drift(@PathVariable String name) {
    DeployEnvironment environment = environments.environment(name).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.NOT_FOUND, "no environment named '" + name + "'; configured: " + environments.names()));
    Optional<ReleaseRun> last = deployments.latestSucceeded(name).flatMap(runs::find);
    if (last.isEmpty()) {
      return DriftReport.nothingReleased(name, Instant.now());
    }
    ReleaseRun run = last.get();
    try {
      return DriftReport.of(name, run.id(), run.releaseRef(), Instant.now(),
          drift.report(clients.connect(environment.target()), artifacts.fetched(run.id())));
    } catch (TargetException e) {
      throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "the target of " + name + " did not answer as"
          + " expected: " + e.getMessage());
    }
  }
}
