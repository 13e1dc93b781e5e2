package dev.prometheuspipeline.trigger;

import dev.prometheuspipeline.release.PipelineException;

/** A request body the API cannot use, outside the contract's {@code contexto}; the message names the field. */
class InvalidRequestException extends PipelineException {
  private final String field;

  InvalidRequestException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  String field() {
    return field;
  }
}
