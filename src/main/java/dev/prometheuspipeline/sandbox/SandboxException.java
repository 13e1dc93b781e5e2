package dev.prometheuspipeline.sandbox;

import dev.prometheuspipeline.release.PipelineException;

/** The sandbox engine itself failed (it could not start); never a fault in a user's model. */
public class SandboxException extends PipelineException {
  public SandboxException(String message, Throwable cause) {
    super(message, cause);
  }
}
