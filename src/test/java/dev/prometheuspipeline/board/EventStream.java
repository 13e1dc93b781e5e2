package dev.prometheuspipeline.board;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain HTTP client reading a board page's event stream, as {@code EventSource} does: each event (and each
 * comment, the heartbeat) is queued with the instant its last line arrived. Used by the tests and the
 * benchmark in {@code bench/board/}.
 */
public final class EventStream implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** One event: {@code name} is empty for a comment line, whose text is then in {@code data}. */
  public record Received(String name, String data, Instant at) {}

  private final int status;
  private final InputStream body;
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  private EventStream(HttpResponse<InputStream> response) {
    this.status = response.statusCode();
    this.body = response.body();
    Thread reader = new Thread(this::read, "event-stream");
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens {@code url}; {@code authorization} is an {@code Authorization} header value, or null. */
  public static EventStream open(String url, String authorization) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return new EventStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
  }

  public int status() {
    return status;
  }

  /** The next event or comment, waiting up to {@code timeout}; null when none came. */
  public Received next(Duration timeout) throws InterruptedException {
    return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next event named {@code name}, skipping others; null when none came in {@code timeout}. */
  public Received next(String name, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Received event = next(Duration.ofNanos(deadline - System.nanoTime()));
      if (event != null && event.name().equals(name)) {
        return event;
      }
    }
    return null;
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String name = "message";
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            received.add(new Received(name, data.toString(), Instant.now()));
          }
          name = "message";
          data.setLength(0);
        } else if (line.startsWith(":")) {
          received.add(new Received("", line.substring(1).strip(), Instant.now()));
        } else if (line.startsWith("event:")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
        }
      }
    } catch (IOException closed) {
      // the stream ended or was closed by this side
    }
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
