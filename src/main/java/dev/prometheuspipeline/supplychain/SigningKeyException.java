package dev.prometheuspipeline.supplychain;

import dev.prometheuspipeline.release.PipelineException;

/**
 * The release signing key cannot be read, written or used: the file, what is wrong with it and how to fix it.
 * Messages never carry key material.
 */
public class SigningKeyException extends PipelineException {
  public SigningKeyException(String message) {
    super(message);
  }

  public SigningKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
