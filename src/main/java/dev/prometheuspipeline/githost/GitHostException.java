package dev.prometheuspipeline.githost;

import dev.prometheuspipeline.release.PipelineException;

/** A host refused a report (bad token, unknown commit): trying again would not help. */
public class GitHostException extends PipelineException {
  public GitHostException(String message) {
    super(message);
  }

  /** The host did not answer, or answered that it is busy or broken: worth a few more tries. */
  public static final class Unavailable extends GitHostException {
    public Unavailable(String message) {
      super(message);
    }
  }
}
