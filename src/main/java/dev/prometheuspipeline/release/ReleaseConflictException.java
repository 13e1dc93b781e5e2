package dev.prometheuspipeline.release;

/** The request is valid but the release is not in a state that allows it (HTTP 409). */
public class ReleaseConflictException extends PipelineException {
  public ReleaseConflictException(String message) {
    super(message);
  }
}
