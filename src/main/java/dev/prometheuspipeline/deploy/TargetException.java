package dev.prometheuspipeline.deploy;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.PipelineException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The target engine could not be reached, refused us, or refused what we sent.
 * {@link #isRetryable()} tells a handler whether trying again later can help: true for connection
 * failures, timeouts and server errors; false for refused credentials, bad requests and models the
 * engine rejects, which need a person to change something first.
 */
public class TargetException extends PipelineException {
  /** Zero when no HTTP answer came back. */
  private final int status;
  private final String engineType;
  private final String engineMessage;
  private final List<EngineProblem> problems;
  private final boolean retryable;

  TargetException(String message, Throwable cause, int status, String engineType, String engineMessage,
                  List<EngineProblem> problems, boolean retryable) {
    super(message, cause);
    this.status = status;
    this.engineType = requireNonNull(engineType, "engineType");
    this.engineMessage = requireNonNull(engineMessage, "engineMessage");
    this.problems = List.copyOf(problems);
    this.retryable = retryable;
  }

  static TargetException unanswered(String message, Throwable cause) {
    return new TargetException(message, cause, 0, "", "", List.of(), true);
  }

  /** The HTTP status the engine answered with; empty when it could not be reached or did not answer. */
  public OptionalInt status() {
    return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /** The engine's exception type, e.g. {@code ParseException}; empty when the answer named none. */
  public Optional<String> engineType() {
    return engineType.isEmpty() ? Optional.empty() : Optional.of(engineType);
  }

  /** The engine's own message; empty when the answer had none. */
  public Optional<String> engineMessage() {
    return engineMessage.isEmpty() ? Optional.empty() : Optional.of(engineMessage);
  }

  /** Per-resource problems of a model the engine could not parse; empty for other failures. */
  public List<EngineProblem> problems() {
    return problems;
  }

  /** The target refused the pipeline's user (401 or 403): its configuration needs fixing. */
  public boolean refusedCredentials() {
    return status().isPresent() && (status().getAsInt() == 401 || status().getAsInt() == 403);
  }

  public boolean isRetryable() {
    return retryable;
  }

  /** The same failure, its message prefixed with what the pipeline was doing when it happened. */
  TargetException during(String doing) {
    return new TargetException(doing + ": " + getMessage(), this, status, engineType, engineMessage, problems,
        retryable);
  }
}
