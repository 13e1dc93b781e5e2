package dev.prometheuspipeline.source;

import dev.prometheuspipeline.release.PipelineException;
import java.util.List;

/**
 * Why artifacts could not be read from Git. Each problem names the artifact path, the sha and the
 * fix; when several artifacts are wrong they are all reported at once, one problem per artifact,
 * so nobody has to fix them one run at a time.
 *
 * <p>{@link #isRetryable()} separates a repository we could not reach or read (try again later)
 * from a mistake in the release itself (retrying changes nothing; fix the input).
 */
public class SourceException extends PipelineException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;
  private final boolean retryable;

  /** A mistake in the release or configuration: retrying will not help. */
  SourceException(String problem) {
    super(problem);
    this.problems = List.of(problem);
    this.retryable = false;
  }

  /** A repository we could not reach or read: the same run may succeed later. */
  SourceException(String problem, Throwable cause) {
    super(problem, cause);
    this.problems = List.of(problem);
    this.retryable = true;
  }

  private SourceException(List<String> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
    this.retryable = false;
  }

  /** One exception for every mistake found; none of them retryable. */
  static SourceException of(List<String> problems) {
    return problems.size() == 1 ? new SourceException(problems.get(0)) : new SourceException(problems);
  }

  /** True only for transport and I/O failures; false when the input or configuration is wrong. */
  public boolean isRetryable() {
    return retryable;
  }

  /** Each problem on its own, in the order of the artifacts asked for. */
  public List<String> problems() {
    return problems;
  }

  private static String summary(List<String> problems) {
    StringBuilder message = new StringBuilder()
        .append(problems.size())
        .append(" artifacts cannot be fetched:");
    problems.forEach(problem -> message.append("\n - ").append(problem));
    return message.toString();
  }
}
