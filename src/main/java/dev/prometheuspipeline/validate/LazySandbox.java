package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.sandbox.SandboxEngine;
import java.util.function.Supplier;

/** A sandbox engine started on first use, so a release of forms alone never starts one. */
final class LazySandbox implements Supplier<SandboxEngine>, AutoCloseable {
  private SandboxEngine engine;

  @Override
  public SandboxEngine get() {
    if (engine == null) {
      engine = SandboxEngine.start();
    }
    return engine;
  }

  @Override
  public void close() {
    if (engine != null) {
      engine.close();
    }
  }
}
