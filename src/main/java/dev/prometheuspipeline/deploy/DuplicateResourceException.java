package dev.prometheuspipeline.deploy;

import dev.prometheuspipeline.release.PipelineException;

/**
 * A release would put two files under one resource name in one deployment. Camunda keys a deployment's
 * resources by name, so one file would silently replace the other; the release is refused before the
 * target is called.
 */
public class DuplicateResourceException extends PipelineException {
  public DuplicateResourceException(String message) {
    super(message);
  }
}
