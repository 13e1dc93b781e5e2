package dev.prometheuspipeline.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.RunUpdated;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The open live pages and what they are told. A run's update reaches the streams following that run and
 * those following every run (the list page); the event only says what changed, and the page fetches its
 * part again, so every value a person reads comes through the escaping template.
 *
 * <p>Sends happen on threads of their own ({@code sender-threads} lanes, each stream always on the same lane, so
 * its events keep their order), never on the engine's or a worker's: a slow reader delays the pages of its
 * lane, not a release. A stream that fails to take a send is dropped. The number of streams is
 * bounded; this node's streams hear this node's events only (a board behind a load balancer needs sticky
 * sessions or a shared broker, which nothing here requires).
 */
@Component
class LiveUpdates implements DisposableBean {
  /** The streams of every run: what the list page follows. */
  static final String EVERY_RUN = "*";
  private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

  /** Writes one event to a page's stream ({@code event} empty: a comment, the heartbeat); throws when it is gone. */
  interface Send {
    void event(String event, String data) throws Exception;
  }

  /**
   * One open page's event stream, as the web layer holds it: how to write to it and how to end it (the browser
   * reconnects if the page is still open). Compared by identity.
   */
  static final class Stream {
    private final Send send;
    private final Runnable complete;

    Stream(Send send, Runnable complete) {
      this.send = send;
      this.complete = complete;
    }

    void send(String event, String data) throws Exception {
      send.event(event, data);
    }

    void complete() {
      try {
        complete.run();
      } catch (RuntimeException alreadyEnded) {
        log.debug("board stream already ended: {}", alreadyEnded.toString());
      }
    }
  }

  /** What a stream follows, and the sender lane that writes to it: one lane per stream keeps its order. */
  private record Following(String runId, int lane) {
    boolean hears(String updatedRun) {
      return runId.equals(updatedRun) || runId.equals(EVERY_RUN);
    }
  }

  private final Map<Stream, Following> streams = new ConcurrentHashMap<>();
  private final int maxStreams;
  private final ObjectMapper json;
  private final ExecutorService[] lanes;
  private final AtomicInteger nextLane = new AtomicInteger();
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("board-heartbeat"));

  LiveUpdates(BoardProperties properties, ObjectMapper json) {
    this.maxStreams = properties.maxStreams();
    this.json = json;
    this.lanes = new ExecutorService[properties.senderThreads()];
    for (int i = 0; i < lanes.length; i++) {
      lanes[i] = Executors.newSingleThreadExecutor(daemon("board-live-" + i));
    }
    long every = properties.heartbeat().toMillis();
    heartbeats.scheduleWithFixedDelay(() -> fanOut(stream -> attempt(stream, () -> stream.send("", "heartbeat")),
        following -> true), every, every, TimeUnit.MILLISECONDS);
  }

  /** Follows {@code runId} (or {@link #EVERY_RUN}); false when the board already holds its maximum. */
  synchronized boolean open(String runId, Stream stream) {
    if (streams.size() >= maxStreams) {
      return false;
    }
    streams.put(stream, new Following(runId, Math.floorMod(nextLane.getAndIncrement(), lanes.length)));
    return true;
  }

  void close(Stream stream) {
    streams.remove(stream);
  }

  int openStreams() {
    return streams.size();
  }

  /** After the commit that recorded it, so the page's fetch reads it; at once when nothing was transactional. */
  @TransactionalEventListener(fallbackExecution = true)
  public void on(RunUpdated update) {
    String data = payload(update);
    fanOut(stream -> attempt(stream, () -> stream.send("update", data)), following -> following.hears(update.runId()));
  }

  /** Each lane writes to its own streams that {@code chosen} selects, the lanes side by side. */
  private void fanOut(Consumer<Stream> write, Predicate<Following> chosen) {
    for (int lane = 0; lane < lanes.length; lane++) {
      int mine = lane;
      lanes[lane].execute(() -> streams.forEach((stream, following) -> {
        if (following.lane() == mine && chosen.test(following)) {
          write.accept(stream);
        }
      }));
    }
  }

  private interface Write {
    void run() throws Exception;
  }

  private void attempt(Stream stream, Write send) {
    try {
      send.run();
    } catch (Exception gone) {
      log.debug("board stream closed: {}", gone.toString());
      streams.remove(stream);
      stream.complete();
    }
  }

  /** Run, kind and time of publication; the stage and its status for a stage, nothing of the history text. */
  private String payload(RunUpdated update) {
    var node = json.createObjectNode().put("run", update.runId()).put("kind", update.kind())
        .put("at", update.at().toString());
    Optional.of(update.detail()).filter(d -> RunUpdated.STAGE.equals(update.kind())).ifPresent(d -> node.put("stage", d));
    return node.toString();
  }

  @Override
  public void destroy() {
    heartbeats.shutdownNow();
    for (ExecutorService lane : lanes) {
      lane.shutdownNow();
    }
    streams.keySet().forEach(Stream::complete);
    streams.clear();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
