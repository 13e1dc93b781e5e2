package dev.prometheuspipeline.release;

/**
 * Root of the pipeline's own failures. A fault in a user's artifact is a finding, not an exception;
 * these are for what stops a stage: a commit that does not exist, a target that refuses us.
 * Messages say what is wrong, where, and how to fix it.
 */
public class PipelineException extends RuntimeException {
  public PipelineException(String message) {
    super(message);
  }

  public PipelineException(String message, Throwable cause) {
    super(message, cause);
  }
}
