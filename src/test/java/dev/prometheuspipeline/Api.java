package dev.prometheuspipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** Real HTTP to the application under test, as a given user (or anonymously). */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final String authorization;

  private Api(String baseUrl, String authorization) {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
  }

  public static Api anonymous(int port) {
    return new Api("http://localhost:" + port, null);
  }

  public static Api as(int port, String user, String password) {
    String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new Api("http://localhost:" + port, "Basic " + token);
  }

  public record Response(int status, String body, Map<String, java.util.List<String>> headers) {
    public JsonNode json() {
      try {
        return body.isBlank() ? NullNode.getInstance() : JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("response is not JSON: " + body, e);
      }
    }

    public String header(String name) {
      return headers.getOrDefault(name.toLowerCase(), java.util.List.of("")).get(0);
    }
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response post(String path, String json) {
    return post(path, json, Map.of());
  }

  public Response post(String path, String json, Map<String, String> headers) {
    HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json");
    headers.forEach(request::header);
    return send(request);
  }

  public Response put(String path, String json) {
    return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json"));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  private static Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, java.util.List<String>> headers = new java.util.HashMap<>();
      response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), v));
      return new Response(response.statusCode(), response.body(), headers);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
