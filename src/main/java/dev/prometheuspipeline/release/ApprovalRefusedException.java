package dev.prometheuspipeline.release;

/**
 * The caller may not decide this approval: it requested the release (four-eyes), or it is not among the
 * task's candidates (HTTP 403). The message says who may.
 */
public class ApprovalRefusedException extends PipelineException {
  public ApprovalRefusedException(String message) {
    super(message);
  }
}
