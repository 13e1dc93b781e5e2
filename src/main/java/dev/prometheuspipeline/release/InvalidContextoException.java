package dev.prometheuspipeline.release;

/** A request whose {@code contexto} breaks the contract; the message names the field and the fix. */
public class InvalidContextoException extends PipelineException {
  private final String field;

  public InvalidContextoException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
