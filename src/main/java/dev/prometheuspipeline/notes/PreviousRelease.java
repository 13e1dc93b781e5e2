package dev.prometheuspipeline.notes;

import dev.prometheuspipeline.deploy.TargetResolver;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.run.ReleaseRuns;
import dev.prometheuspipeline.run.RunDeployments;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The release a new one is compared with: the newest that deployed to the last environment (production, the
 * target) and succeeded, other than the run itself.
 */
@Component
public class PreviousRelease {
  private final ReleaseRuns runs;
  private final RunDeployments deployments;
  private final TargetResolver environments;

  PreviousRelease(ReleaseRuns runs, RunDeployments deployments, TargetResolver environments) {
    this.runs = runs;
    this.deployments = deployments;
    this.environments = environments;
  }

  /** The production environment's name. */
  public String target() {
    List<String> names = environments.names();
    return names.get(names.size() - 1);
  }

  public Optional<ReleaseRun> of(String runId) {
    return deployments.latestSucceeded(target()).filter(id -> !id.equals(runId)).flatMap(runs::find);
  }
}
