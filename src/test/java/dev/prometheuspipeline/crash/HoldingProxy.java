package dev.prometheuspipeline.crash;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A loopback HTTP proxy in front of a target engine that can hold one kind of request: before it reaches
 * the engine (the pipeline has sent it, the engine has not seen it) or after the engine answered (the
 * engine has done it, the pipeline does not know). A crash test waits until a request is held, then kills
 * the pipeline at exactly that point.
 */
final class HoldingProxy implements AutoCloseable {
  enum Phase { BEFORE_THE_ENGINE, AFTER_THE_ENGINE }

  private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
      "upgrade", "keep-alive", "expect");

  private final HttpServer server;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private volatile URI upstream;
  private volatile Predicate<String> holdWhen = request -> false;
  private volatile Phase phase = Phase.BEFORE_THE_ENGINE;
  private volatile CountDownLatch held = new CountDownLatch(1);
  private volatile CountDownLatch released = new CountDownLatch(1);
  private volatile boolean down;
  private volatile Predicate<String> corruptWhen = request -> false;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  HoldingProxy(URI upstream) {
    this.upstream = upstream;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread thread = new Thread(r, "holding-proxy");
      thread.setDaemon(true);
      return thread;
    }));
    server.createContext("/", this::forward);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Holds the first request whose {@code "METHOD /path"} matches, at {@code phase}; the others pass. */
  void holdFirst(Predicate<String> request, Phase phase) {
    this.held = new CountDownLatch(1);
    this.released = new CountDownLatch(1);
    this.phase = phase;
    this.holdWhen = request;
  }

  /**
   * Lets the held request go and, in the same step, holds the first later request that matches: no
   * request can slip between the two.
   */
  void releaseAndHoldFirst(Predicate<String> request, Phase phase) {
    CountDownLatch holding = released;
    holdFirst(request, phase);
    holding.countDown();
  }

  boolean awaitHeld(Duration timeout) throws InterruptedException {
    return held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Lets held requests go (their client is usually dead by then) and holds nothing more. */
  void releaseAll() {
    holdWhen = request -> false;
    released.countDown();
  }

  /**
   * While down, every request is answered {@code 503 Service Unavailable} without reaching the engine, as a
   * load balancer answers for an engine that is not running.
   */
  void down(boolean down) {
    this.down = down;
  }

  /**
   * Flips one byte of the answers to matching requests: the pipeline then reads other bytes than the engine
   * holds, as when a target holds another version of a file. Pass {@code request -> false} to stop.
   */
  void corrupt(Predicate<String> request) {
    this.corruptWhen = request;
  }

  /** The {@code "METHOD /path"} of every request that reached the proxy, in order. */
  List<String> seen() {
    return List.copyOf(seen);
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      String line = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
      seen.add(line);
      if (down) {
        exchange.getRequestBody().readAllBytes();
        byte[] refusal = "engine unavailable".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(503, refusal.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(refusal);
        }
        return;
      }
      boolean hold = holdWhen.test(line) && held.getCount() > 0;
      if (hold) {
        holdWhen = request -> false; // only the first
      }
      if (hold && phase == Phase.BEFORE_THE_ENGINE) {
        park();
        return; // never sent: the pipeline that sent it is gone
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
          .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!HOP_BY_HOP.contains(name.toLowerCase())) {
          values.forEach(value -> request.header(name, value));
        }
      });
      HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (hold) {
        park();
        return; // the engine did it; the pipeline never hears
      }
      answer.headers().map().forEach((name, values) -> {
        if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
          exchange.getResponseHeaders().put(name, List.copyOf(values));
        }
      });
      byte[] answered = answer.body();
      if (corruptWhen.test(line) && answered.length > 0) {
        answered = answered.clone();
        answered[answered.length - 1] ^= 0x01;
      }
      exchange.sendResponseHeaders(answer.statusCode(), answered.length == 0 ? -1 : answered.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answered);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The upstream was killed under us, or the client went away: nothing to answer.
    }
  }

  private void park() throws InterruptedException {
    held.countDown();
    released.await(5, TimeUnit.MINUTES);
  }

  @Override
  public void close() {
    releaseAll();
    server.stop(0);
  }
}
