package dev.prometheuspipeline.testing;

import dev.prometheuspipeline.release.PipelineException;

/** A scenario engine itself could not start: a broken classpath, never a user's model or test. */
class ScenarioEngineException extends PipelineException {
  ScenarioEngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
