package dev.prometheuspipeline.testing;

import dev.prometheuspipeline.release.PipelineException;

/** The worker's tests could not be run or read for a reason of ours, not the worker's: a stage failure. */
public class WorkerTestException extends PipelineException {
  WorkerTestException(String message, Throwable cause) {
    super(message, cause);
  }
}
