package dev.prometheuspipeline.smoke;

import java.time.Duration;
import java.util.Optional;

/**
 * Waits for a live engine: workers, job executors and async continuations move an instance on in their own
 * time, so each step looks again until it holds or the smoke file's time is up.
 */
final class Poll {
  private final Duration timeout;
  private final Duration interval;
  private final long deadline;

  Poll(Duration timeout, Duration interval) {
    this.timeout = timeout;
    this.interval = interval;
    this.deadline = System.nanoTime() + timeout.toNanos();
  }

  /** One look at the engine: the value once the step holds; meanwhile what it showed, for the failure. */
  @FunctionalInterface
  interface Probe<T> {
    Optional<T> look(Observed observed);
  }

  /** What the engine showed at the last look. */
  static final class Observed {
    private String actual = "nothing to see";

    void saw(String actual) {
      this.actual = actual;
    }

    String actual() {
      return actual;
    }
  }

  /**
   * Looks until {@code probe} finds its value.
   *
   * @throws StepFailed when the file's time is up first, naming {@code expected} and the last look
   */
  <T> T until(String expected, Probe<T> probe) {
    Observed observed = new Observed();
    while (true) {
      Optional<T> found = probe.look(observed);
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() >= deadline) {
        throw new StepFailed("expected " + expected + " within " + timeout + " (pipeline.verify.smoke-timeout), "
            + "but " + observed.actual());
      }
      pause();
    }
  }

  private void pause() {
    try {
      Thread.sleep(Math.max(1, Math.min(interval.toMillis(), (deadline - System.nanoTime()) / 1_000_000 + 1)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailed("the smoke run was interrupted", e);
    }
  }
}
