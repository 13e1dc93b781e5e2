package dev.prometheuspipeline.sandbox;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What happened when resources were deployed to a {@link SandboxEngine}.
 *
 * @param deploymentId the deployment's id; empty when the engine refused it
 * @param warnings BPMN parse warnings, per resource, of the resources the engine parsed
 * @param failure why the engine refused the deployment; empty when it deployed
 */
public record DeployAttempt(String deploymentId, List<ParseWarnings> warnings, Optional<RuntimeException> failure) {
  public DeployAttempt {
    requireNonNull(deploymentId, "deploymentId");
    warnings = List.copyOf(warnings);
    requireNonNull(failure, "failure");
    if (failure.isPresent() == !deploymentId.isEmpty()) {
      throw new IllegalArgumentException("a deployment either has an id or a failure, not both or neither");
    }
  }

  static DeployAttempt deployed(String deploymentId, List<ParseWarnings> warnings) {
    return new DeployAttempt(deploymentId, warnings, Optional.empty());
  }

  static DeployAttempt refused(RuntimeException failure, List<ParseWarnings> warnings) {
    return new DeployAttempt("", warnings, Optional.of(failure));
  }

  public boolean succeeded() {
    return failure.isEmpty();
  }
}
