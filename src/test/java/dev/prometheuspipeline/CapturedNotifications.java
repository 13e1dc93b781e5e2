package dev.prometheuspipeline;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP endpoint on loopback that records what {@code pipeline.notify.url} receives. */
public final class CapturedNotifications {
  private final HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  private CapturedNotifications(HttpServer server) {
    this.server = server;
  }

  public static CapturedNotifications start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      CapturedNotifications captured = new CapturedNotifications(server);
      server.createContext("/notify", exchange -> {
        captured.bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
      });
      server.start();
      return captured;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
  }

  public List<String> bodies() {
    return List.copyOf(bodies);
  }
}
