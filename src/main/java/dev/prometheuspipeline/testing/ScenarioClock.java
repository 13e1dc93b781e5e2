package dev.prometheuspipeline.testing;

import java.lang.reflect.Field;
import java.util.Optional;
import org.joda.time.DateTimeUtils;

/**
 * The engine's clock, per scenario thread. Camunda 7 reads time through {@code ClockUtil}, which is
 * Joda-Time's JVM-wide clock; moving it for one scenario would move it for every scenario running in
 * parallel and for the application's own engine. So a provider is installed that answers scenario
 * threads with the system time moved by their offset, and every other thread with whatever clock was
 * installed before (the system's, or a test's fixed {@code ClockUtil.setCurrentTime}).
 *
 * <p>Whoever calls {@code ClockUtil.setCurrentTime} or {@code ClockUtil.reset} later replaces this
 * provider; {@link #install()} runs before every test and wraps the new clock in turn.
 */
final class ScenarioClock {
  private static final ThreadLocal<Long> OFFSET_MILLIS = new ThreadLocal<>();

  private ScenarioClock() {}

  /** Scenario threads' clock; every other thread's time comes from {@code others}. */
  private record ThreadOffsetClock(DateTimeUtils.MillisProvider others) implements DateTimeUtils.MillisProvider {
    @Override
    public long getMillis() {
      Long offset = OFFSET_MILLIS.get();
      return offset == null ? others.getMillis() : System.currentTimeMillis() + offset;
    }
  }

  static synchronized void install() {
    Optional<DateTimeUtils.MillisProvider> current = currentProvider();
    if (current.isPresent() && current.get() instanceof ThreadOffsetClock) {
      return;
    }
    DateTimeUtils.setCurrentMillisProvider(
        new ThreadOffsetClock(current.orElse(DateTimeUtils.SYSTEM_MILLIS_PROVIDER)));
  }

  /**
   * The installed provider. Joda-Time has no getter, so its field is read; should that fail (another
   * Joda-Time version), the system clock is assumed and other threads' fixed clocks are not kept.
   */
  private static Optional<DateTimeUtils.MillisProvider> currentProvider() {
    try {
      Field field = DateTimeUtils.class.getDeclaredField("cMillisProvider");
      field.setAccessible(true);
      return Optional.ofNullable((DateTimeUtils.MillisProvider) field.get(null));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Starts the calling thread's scenario at the real time. */
  static void start() {
    OFFSET_MILLIS.set(0L);
  }

  /** The calling thread's time, as the engine sees it. */
  static long now() {
    return DateTimeUtils.currentTimeMillis();
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
