package dev.prometheuspipeline.rollback;

import dev.prometheuspipeline.release.TargetDeployment;
import dev.prometheuspipeline.run.RunDeployments;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Which environments a manual rollback undoes, in which order: those the release created deployments on,
 * the last deployed first, so that an environment is never left newer than the one deployed before it.
 * Named for {@code rollback.bpmn}, whose loop reads {@code rollbackEnvironments.of(runId)}.
 */
@Component("rollbackEnvironments")
public class RollbackOrder {
  private final RunDeployments deployments;

  RollbackOrder(RunDeployments deployments) {
    this.deployments = deployments;
  }

  public List<String> of(String runId) {
    return reversed(deployments.deployments(runId));
  }

  /** @param recorded a run's deployments in the order they were made */
  static List<String> reversed(List<TargetDeployment> recorded) {
    Set<String> inOrder = new LinkedHashSet<>();
    recorded.stream().filter(TargetDeployment::created).forEach(d -> inOrder.add(d.environment()));
    List<String> lastFirst = new ArrayList<>(inOrder);
    Collections.reverse(lastFirst);
    return List.copyOf(lastFirst);
  }
}
