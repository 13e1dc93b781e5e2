package dev.prometheuspipeline.stage;

import java.time.Duration;
import java.util.Date;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a running stage's task locked by extending the lock while the stage works, a third of the lock
 * at a time. Locks can then be short (the client's {@code lock-duration}, a minute): a node killed in the
 * middle of a stage leaves its task locked for that minute only, and the stage runs again on the next
 * node that fetches it, instead of after a lock sized for the slowest stage.
 */
final class LockHeartbeat implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LockHeartbeat.class);
  private static final Duration SHORTEST = Duration.ofSeconds(3);
  private static final ScheduledExecutorService BEATS = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "stage-lock-heartbeat");
    thread.setDaemon(true);
    return thread;
  });

  private final ExternalTask task;
  private final ExternalTaskService service;
  private final long lock;
  private final Object beating = new Object();
  private boolean stopped;
  private ScheduledFuture<?> beat;

  private LockHeartbeat(ExternalTask task, ExternalTaskService service, long lock) {
    this.task = task;
    this.service = service;
    this.lock = lock;
  }

  static LockHeartbeat keep(ExternalTask task, ExternalTaskService service) {
    Date expires = task.getLockExpirationTime();
    long left = expires == null ? 0 : expires.getTime() - System.currentTimeMillis();
    LockHeartbeat heartbeat = new LockHeartbeat(task, service, Math.max(left, SHORTEST.toMillis()));
    long every = heartbeat.lock / 3;
    heartbeat.beat = BEATS.scheduleAtFixedRate(heartbeat::extend, every, every, TimeUnit.MILLISECONDS);
    return heartbeat;
  }

  private void extend() {
    synchronized (beating) {
      if (stopped) {
        return;
      }
      try {
        service.extendLock(task, lock);
      } catch (RuntimeException e) {
        // The next beat tries again; if the lock is lost, completing the task fails and says so.
        log.warn("stage={} release={} outcome=lock-not-extended reason={}", task.getTopicName(),
            task.getBusinessKey(), e.getMessage());
      }
    }
  }

  /**
   * Stops the beats and returns once none is under way: an extension racing the task's completion makes
   * one of them fail on the engine's optimistic lock, and a failed completion would run the stage again.
   */
  @Override
  public void close() {
    beat.cancel(false);
    synchronized (beating) {
      stopped = true;
    }
  }
}
