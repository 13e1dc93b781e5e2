package dev.prometheuspipeline.testing;

import dev.prometheuspipeline.release.PipelineException;

/** A model that passed validation could not be read again to count its coverage. */
public class CoverageException extends PipelineException {
  CoverageException(String message, Throwable cause) {
    super(message, cause);
  }
}
