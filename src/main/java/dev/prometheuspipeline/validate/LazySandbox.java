package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.sandbox.DeployAttempt;
import dev.prometheuspipeline.sandbox.SandboxEngine;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A sandbox engine started on first use, so a release of forms alone never starts one. Files are checked on
 * several threads, but deployments to the one sandbox take turns ({@link #tryDeploy}): a deployment must
 * never see another file's definitions, as it would not in the target engine.
 */
final class LazySandbox implements Supplier<SandboxEngine>, AutoCloseable {
  private SandboxEngine engine;

  @Override
  public synchronized SandboxEngine get() {
    if (engine == null) {
      engine = SandboxEngine.start();
    }
    return engine;
  }

  /** Deploys one file alone and removes it again, so the next file meets an empty engine. */
  synchronized DeployAttempt tryDeploy(CheckedFile file) {
    SandboxEngine sandbox = get();
    DeployAttempt attempt = sandbox.deploy(file.path(), Map.of(file.resourceName(), file.bytes()));
    if (attempt.succeeded()) {
      sandbox.undeploy(attempt.deploymentId());
    }
    return attempt;
  }

  @Override
  public synchronized void close() {
    if (engine != null) {
      engine.close();
    }
  }
}
