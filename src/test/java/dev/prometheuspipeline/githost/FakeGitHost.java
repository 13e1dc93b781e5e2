package dev.prometheuspipeline.githost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Git host's REST API on loopback, since no host is reachable here. It answers like the host (201 with a
 * JSON body) only when the request carries the host's own authorization header with the expected token, and
 * records what it accepted; {@link #failNext} makes it answer 502 first, as a host having a bad minute.
 */
public final class FakeGitHost {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String authHeader;
  private final String authValue;
  private final List<Request> accepted = new CopyOnWriteArrayList<>();
  private final List<String> refused = new CopyOnWriteArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();

  /** A request the host accepted. */
  public record Request(String method, String path, Map<String, List<String>> headers, JsonNode body) {
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse("");
    }
  }

  private FakeGitHost(HttpServer server, String authHeader, String authValue) {
    this.server = server;
    this.authHeader = authHeader;
    this.authValue = authValue;
  }

  /**
   * @param authHeader e.g. {@code Authorization}, GitLab's {@code PRIVATE-TOKEN}
   * @param authValue e.g. {@code Bearer <token>}
   */
  public static FakeGitHost start(String authHeader, String authValue) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      FakeGitHost host = new FakeGitHost(server, authHeader, authValue);
      server.createContext("/", host::handle);
      server.start();
      return host;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url(String prefix) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
  }

  public List<Request> accepted() {
    return List.copyOf(accepted);
  }

  /** Why requests were refused: wrong method, header, or body that is not JSON. */
  public List<String> refused() {
    return List.copyOf(refused);
  }

  public void failNext(int count) {
    failures.set(count);
  }

  public void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        respond(exchange, 502, "{\"message\":\"Server Error\"}");
        return;
      }
      String problem = null;
      if (!"POST".equals(exchange.getRequestMethod())) {
        problem = "method " + exchange.getRequestMethod();
      } else if (!authValue.equals(exchange.getRequestHeaders().getFirst(authHeader))) {
        problem = "no or wrong " + authHeader + " on " + exchange.getRequestURI().getPath();
      } else if (!String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json")) {
        problem = "content type " + exchange.getRequestHeaders().getFirst("Content-Type");
      }
      JsonNode body = null;
      if (problem == null) {
        try {
          body = JSON.readTree(raw);
        } catch (IOException e) {
          problem = "body is not JSON";
        }
      }
      if (problem != null) {
        refused.add(problem);
        respond(exchange, 401, "{\"message\":\"Bad credentials\"}");
        return;
      }
      accepted.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
          Map.copyOf(exchange.getRequestHeaders()), body));
      respond(exchange, 201, "{\"id\":" + accepted.size() + ",\"state\":\"" + body.path("state").asText() + "\"}");
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
