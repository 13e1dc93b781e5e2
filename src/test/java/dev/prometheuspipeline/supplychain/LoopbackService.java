package dev.prometheuspipeline.supplychain;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake Sigstore service over HTTP: 127.0.0.1 only, on a free port, serving one path, and keeping what it answered
 * each request so tests can tell a refusal from a request never made.
 */
abstract class LoopbackService implements AutoCloseable {
  private final HttpServer server;
  /** What each request was answered, in order: what was done, or "refused: <reason>", or "error: <exception>". */
  final List<String> answers = new CopyOnWriteArrayList<>();

  LoopbackService(String path) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(path, exchange -> {
      try (exchange) {
        handle(exchange);
      } catch (Exception e) {
        answers.add("error: " + e);
        throw new IOException(e);
      }
    });
    server.start();
  }

  /** Answers one request; the exchange is closed afterwards. */
  abstract void handle(HttpExchange exchange) throws Exception;

  /** {@code http://127.0.0.1:<port>}, no path. */
  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  static void replyJson(HttpExchange exchange, int status, String json) throws IOException {
    reply(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }
}
