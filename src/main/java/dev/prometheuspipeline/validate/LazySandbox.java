package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.sandbox.SandboxEngine;
import java.util.function.Supplier;

/**
 * A sandbox engine started on first use, so a release of forms alone never starts one. Files are checked on
 * several threads, but deployments to the one sandbox take turns (callers lock this object): a deployment
 * must never see another file's definitions, as it would not in the target engine.
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

  @Override
  public synchronized void close() {
    if (engine != null) {
      engine.close();
    }
  }
}
