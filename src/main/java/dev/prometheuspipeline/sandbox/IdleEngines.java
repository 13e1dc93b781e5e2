package dev.prometheuspipeline.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engines that were used, reset and proven fresh, kept for the next caller: building one costs half a
 * second to two seconds (schema creation, MyBatis mappings), resetting one a few milliseconds. At most
 * {@value #MAX_IDLE} are kept; the rest are shut down when handed back.
 */
final class IdleEngines {
  static final int MAX_IDLE = 2;

  private static final Logger log = LoggerFactory.getLogger(IdleEngines.class);

  private static final Deque<EngineInstance> idle = new ArrayDeque<>();

  private IdleEngines() {}

  static EngineInstance take() {
    EngineInstance reused;
    synchronized (idle) {
      reused = idle.pollFirst();
    }
    return reused != null ? reused : EngineInstance.build();
  }

  static void giveBack(EngineInstance instance) {
    if (instance.resetToFresh()) {
      synchronized (idle) {
        if (idle.size() < MAX_IDLE) {
          idle.addFirst(instance);
          return;
        }
      }
    }
    shutDownQuietly(instance);
  }

  /** A sandbox that fails to close must not fail the release run that used it; it is only memory. */
  private static void shutDownQuietly(EngineInstance instance) {
    try {
      instance.shutDown();
    } catch (RuntimeException e) {
      log.warn("sandbox={} event=close-failed reason={}", instance.name(), e.toString(), e);
    }
  }

  /** Shuts down every idle engine, freeing their memory; the next {@link #take()} builds a new one. */
  static void shutDownAll() {
    while (true) {
      EngineInstance instance;
      synchronized (idle) {
        instance = idle.pollFirst();
      }
      if (instance == null) {
        return;
      }
      shutDownQuietly(instance);
    }
  }

  static int idleCount() {
    synchronized (idle) {
      return idle.size();
    }
  }
}
