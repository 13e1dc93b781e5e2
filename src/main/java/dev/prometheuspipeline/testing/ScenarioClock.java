package dev.prometheuspipeline.testing;

import org.joda.time.DateTimeUtils;

/**
 * The engine's clock, per scenario thread. Camunda 7 reads time through {@code ClockUtil}, which is
 * Joda-Time's JVM-wide clock; moving it for one scenario would move it for every scenario running in
 * parallel and for the application's own engine. So one provider is installed that answers with the
 * system time moved by the calling thread's offset: threads that never set an offset see the system
 * time unchanged.
 *
 * <p>Anything that later calls {@code ClockUtil.setCurrentTime} or {@code ClockUtil.reset} replaces the
 * provider; {@link #install()} is called again before every scenario.
 */
final class ScenarioClock {
  private static final ThreadLocal<Long> OFFSET_MILLIS = new ThreadLocal<>();

  private static final DateTimeUtils.MillisProvider PROVIDER =
      () -> {
        Long offset = OFFSET_MILLIS.get();
        long now = System.currentTimeMillis();
        return offset == null ? now : now + offset;
      };

  private ScenarioClock() {}

  static void install() {
    DateTimeUtils.setCurrentMillisProvider(PROVIDER);
  }

  /** Starts the calling thread's scenario at the real time. */
  static void start() {
    OFFSET_MILLIS.set(0L);
  }

  static long now() {
    return PROVIDER.getMillis();
  }

  /** Moves the calling thread's clock to {@code epochMillis}; it keeps running from there. */
  static void moveTo(long epochMillis) {
    OFFSET_MILLIS.set(epochMillis - System.currentTimeMillis());
  }

  static void moveBy(long millis) {
    Long offset = OFFSET_MILLIS.get();
    OFFSET_MILLIS.set((offset == null ? 0L : offset) + millis);
  }

  static void stop() {
    OFFSET_MILLIS.remove();
  }
}
