package dev.prometheuspipeline.release;

/** An approval decision the approval form would refuse too (HTTP 400); {@link #field()} names what to fix. */
public class InvalidDecisionException extends PipelineException {
  private final String field;

  public InvalidDecisionException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
