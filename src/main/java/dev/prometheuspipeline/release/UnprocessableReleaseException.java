package dev.prometheuspipeline.release;

/** The request names a release that cannot be acted on: unknown, or with other artifacts (HTTP 422). */
public class UnprocessableReleaseException extends PipelineException {
  public UnprocessableReleaseException(String message) {
    super(message);
  }
}
