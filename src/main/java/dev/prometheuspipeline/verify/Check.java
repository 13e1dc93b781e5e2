package dev.prometheuspipeline.verify;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * One verification of the target after a deployment.
 *
 * @param name what was checked: {@code target-health}, {@code checksum:<path>}, {@code definition:<path>},
 *     {@code smoke:<path>}, {@code incident-watch}, {@code drift:<key>}
 * @param status whether it held, or skipped when it did not apply
 * @param detail what was found, with deployment ids and digests, or why it failed and what to do
 * @param durationMs how long the check took, the contract's {@code duracao_ms}
 */
public record Check(String name, CheckStatus status, String detail, long durationMs) {
  public Check {
    requireNonNull(name, "name");
    requireNonNull(status, "status");
    requireNonNull(detail, "detail");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a check needs a name");
    }
    if (durationMs < 0) {
      throw new IllegalArgumentException("a check cannot take negative time; got " + durationMs);
    }
  }

  public static Check passed(String name, String detail) {
    return new Check(name, CheckStatus.PASSED, detail, 0);
  }

  public static Check failed(String name, String detail) {
    return new Check(name, CheckStatus.FAILED, detail, 0);
  }

  public static Check skipped(String name, String detail) {
    return new Check(name, CheckStatus.SKIPPED, detail, 0);
  }

  /** Runs {@code check} and records how long it took. */
  public static Check timed(Supplier<Check> check) {
    long started = System.nanoTime();
    Check done = check.get();
    return done.took(Duration.ofNanos(System.nanoTime() - started));
  }

  /** This check with its duration set. */
  public Check took(Duration duration) {
    return new Check(name, status, detail, duration.toMillis());
  }

  public boolean isPassed() {
    return status == CheckStatus.PASSED;
  }

  public boolean isFailed() {
    return status == CheckStatus.FAILED;
  }
}
