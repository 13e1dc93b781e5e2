package dev.prometheuspipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Slack-compatible incoming webhook on loopback. Like Slack, it answers 200 {@code ok} only to a JSON POST
 * on its secret path with a non-empty {@code text} and well-formed blocks, and refuses anything else.
 */
final class ChatWebhook {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String path;
  private final List<JsonNode> messages = new CopyOnWriteArrayList<>();

  private ChatWebhook(HttpServer server, String path) {
    this.server = server;
    this.path = path;
  }

  static ChatWebhook start(String path) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ChatWebhook chat = new ChatWebhook(server, path);
      server.createContext("/", exchange -> {
        int status = 200;
        String answer = "ok";
        try {
          JsonNode message = JSON.readTree(exchange.getRequestBody());
          if (!exchange.getRequestURI().getPath().equals(path) || !"POST".equals(exchange.getRequestMethod())) {
            status = 404;
            answer = "no_service";
          } else if (!exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/json")
              || message.path("text").asText().isBlank() || !wellFormedBlocks(message.path("blocks"))) {
            status = 400;
            answer = "invalid_payload";
          } else {
            chat.messages.add(message);
          }
        } catch (IOException e) {
          status = 400;
          answer = "invalid_payload";
        }
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      server.start();
      return chat;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean wellFormedBlocks(JsonNode blocks) {
    if (!blocks.isArray() || blocks.isEmpty()) {
      return false;
    }
    for (JsonNode block : blocks) {
      boolean ok = switch (block.path("type").asText()) {
        case "section" -> block.at("/text/type").asText().equals("mrkdwn") && !block.at("/text/text").asText().isBlank();
        case "actions" -> block.path("elements").isArray() && !block.path("elements").isEmpty();
        default -> false;
      };
      if (!ok) {
        return false;
      }
      for (JsonNode button : block.path("elements")) {
        if (!button.path("type").asText().equals("button") || !button.path("url").asText().startsWith("http")
            || button.at("/text/type").asText().isEmpty()) {
          return false;
        }
      }
    }
    return true;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void stop() {
    server.stop(0);
  }

  List<JsonNode> messages() {
    return List.copyOf(messages);
  }
}
