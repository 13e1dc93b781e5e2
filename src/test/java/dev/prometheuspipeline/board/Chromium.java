package dev.prometheuspipeline.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven over its DevTools protocol (a WebSocket from {@code java.net.http}): one page,
 * navigated, read and scripted as a person's browser would be, for pages that change after they load.
 * Under {@code CI=true} a missing Chromium fails the test; elsewhere it skips it.
 */
public final class Chromium implements AutoCloseable {
  static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ANSWER = Duration.ofSeconds(20);

  private final Process process;
  private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private WebSocket page;

  private Chromium(Process process) {
    this.process = process;
  }

  public static void requireInstalled() {
    if ("true".equals(System.getenv("CI"))) {
      assertThat(Files.isExecutable(EXECUTABLE)).as("CI needs Chromium at " + EXECUTABLE + " (.ci/run installs it)")
          .isTrue();
    }
    assumeTrue(Files.isExecutable(EXECUTABLE), "needs Chromium at /usr/bin/chromium (apt-get install chromium)");
  }

  /** A phone-sized headless browser with a profile of its own; its one page is driven by this object. */
  public static Chromium start(Path profile) throws Exception {
    return start(profile, 390, 844);
  }

  /** As {@link #start(Path)}, with a window of {@code width} × {@code height} pixels. */
  public static Chromium start(Path profile, int width, int height) throws Exception {
    requireInstalled();
    Process process = new ProcessBuilder(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--remote-debugging-port=0", "--remote-allow-origins=*", "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile, "about:blank")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Chromium chromium = new Chromium(process);
    try {
      String browser = listeningUrl(process);
      URI list = URI.create(browser.replaceFirst("^ws://", "http://")).resolve("/json/list");
      HttpClient client = HttpClient.newHttpClient();
      JsonNode targets = JSON.readTree(client.send(HttpRequest.newBuilder(list).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      String pageUrl = null;
      for (JsonNode target : targets) {
        if ("page".equals(target.path("type").asText())) {
          pageUrl = target.path("webSocketDebuggerUrl").asText();
        }
      }
      assertThat(pageUrl).as("a page target in " + targets).isNotNull();
      chromium.page = client.newWebSocketBuilder().buildAsync(URI.create(pageUrl), chromium.new Answers())
          .get(30, TimeUnit.SECONDS);
      return chromium;
    } catch (Exception | AssertionError e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Hands each answer to the command that waits for it; events are not needed here. */
  private final class Answers implements WebSocket.Listener {
    private final StringBuilder frame = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      frame.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(frame.toString());
          CompletableFuture<JsonNode> answer = message.has("id") ? answers.remove(message.path("id").asInt()) : null;
          if (answer != null) {
            answer.complete(message);
          }
        } catch (IOException e) {
          throw new IllegalStateException("DevTools sent something that is not JSON", e);
        } finally {
          frame.setLength(0);
        }
      }
      webSocket.request(1);
      return null;
    }
  }

  /** Sends a DevTools command and waits for its answer; a protocol error fails the test. */
  public JsonNode call(String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    answers.put(id, answer);
    ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
    command.set("params", JSON.valueToTree(params));
    page.sendText(command.toString(), true).get(30, TimeUnit.SECONDS);
    JsonNode message = answer.get(ANSWER.toSeconds(), TimeUnit.SECONDS);
    assertThat(message.has("error")).as(method + ": " + message).isFalse();
    return message.path("result");
  }

  /** Opens {@code url} and waits for the new document's load (the scripts of the page have run). */
  public void open(String url) throws Exception {
    call("Page.enable", Map.of());
    // A mark on the document being left: the page is the new one once the mark is gone.
    eval("window.leaving = true");
    call("Page.navigate", Map.of("url", url));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
        .ignoreExceptions().until(() -> eval("window.leaving !== true && document.readyState === 'complete'").asBoolean());
  }

  /** The value of a JavaScript expression in the page (a promise is awaited). */
  public JsonNode eval(String expression) throws Exception {
    JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
        "awaitPromise", true));
    assertThat(result.has("exceptionDetails")).as(expression + ": " + result).isFalse();
    return result.path("result").path("value");
  }

  /** The browser's cookies for {@code url}, HttpOnly ones included. */
  public JsonNode cookies(String url) throws Exception {
    return call("Network.getCookies", Map.of("urls", java.util.List.of(url))).path("cookies");
  }

  /**
   * Logs in to the webapps through their own login endpoint, for {@code app} ({@code welcome}, {@code tasklist}…),
   * as their login form does, from the page open now. Not from a webapp's own page: its start-up requests race the
   * login's new session and may replace its cookie. The webapps hand out their CSRF token (a cookie) with any page
   * of theirs, which a fetch gets first.
   */
  public void logInToWebapps(String base, String app, String user, String password) throws Exception {
    assertThat(eval("fetch('/camunda/app/welcome/default/').then(r => r.status)").asInt()).isEqualTo(200);
    String xsrf = "";
    for (JsonNode cookie : cookies(base + "/camunda/app/welcome/default/")) {
      if ("XSRF-TOKEN".equals(cookie.path("name").asText())) {
        xsrf = cookie.path("value").asText();
      }
    }
    assertThat(xsrf).as("the webapps' CSRF cookie").isNotEmpty();
    JsonNode status = eval("fetch('/camunda/api/admin/auth/user/default/login/" + app + "', {method: 'POST',"
        + " headers: {'Content-Type': 'application/x-www-form-urlencoded', 'X-XSRF-TOKEN': "
        + JSON.writeValueAsString(xsrf) + "}, body: 'username=" + user + "&password=" + password
        + "'}).then(r => r.status)");
    assertThat(status.asInt()).as("logging in " + user + " to " + app).isEqualTo(200);
  }

  private static String listeningUrl(Process process) throws IOException {
    BufferedReader stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = stderr.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        // Chromium keeps writing to stderr: drain it, or it blocks once the pipe is full.
        Thread drain = new Thread(() -> {
          try {
            stderr.transferTo(java.io.Writer.nullWriter());
          } catch (IOException ignored) {
            // the browser closed
          }
        }, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
      }
    }
    throw new IllegalStateException("Chromium exited before listening:\n" + seen);
  }

  @Override
  public void close() throws Exception {
    try {
      page.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    } catch (RuntimeException ignored) {
      // the browser is going anyway
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
