import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.GitFixture;
import dev.prometheuspipeline.PrometheusPipelineApplication;
import dev.prometheuspipeline.cluster.PortalProduct;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory over many releases: the application in a JVM of its own (default options, as {@code java -jar} runs it)
 * on one real PostgreSQL, releasing RELEASES releases in batches of BATCH through the API, each to its end
 * (validar with every stage, the approval, and for one in twenty the deploy to the application's own engine and
 * the verification), and after each batch its resident memory and the heap that a full collection leaves.
 *
 * <pre>
 * SoakBench [RELEASES] [BATCH]     defaults 1000 20
 * </pre>
 *
 * <p>A leak shows as a heap after collection that keeps growing with the releases; RSS alone also grows while the
 * JVM takes heap it was allowed and has not needed yet, so both are reported.
 */
public final class SoakBench {
  private static final String ADMIN_PASSWORD = "soak-admin-password";
  private static final String APPROVER_PASSWORD = "soak-approver-password";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final List<String> END_STATES = List.of("succeeded", "failed", "rolled_back");

  public static void main(String[] args) throws Exception {
    int releases = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    Path work = Files.createTempDirectory("soak-bench");
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      GitFixture git = GitFixture.create();
      String sha = PortalProduct.commit(git);
      int port = freePort();
      Process app = launch(work, port, Map.of(
          "spring.profiles.active", "postgres",
          "spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
          "spring.datasource.username", "postgres",
          "spring.datasource.password", "postgres",
          "pipeline.admin.password", ADMIN_PASSWORD,
          "pipeline.source.repository", git.uri(),
          "pipeline.source.products", PortalProduct.NAME,
          "pipeline.source.cache-dir", work.resolve("git").toString(),
          "pipeline.vulnerabilities.npm-registry", "",
          "pipeline.signing.generated-key-file", work.resolve("signing-key.pem").toString()));
      try {
        String base = "http://localhost:" + port;
        awaitHealthy(base, app);
        String admin = basic("admin", ADMIN_PASSWORD);
        String bob = basic("bob", APPROVER_PASSWORD);
        send(post(base + "/engine-rest/user/create", admin, "{\"profile\":{\"id\":\"bob\",\"firstName\":\"Bob\","
            + "\"lastName\":\"Aprovador\",\"email\":\"bob@soak.example\"},\"credentials\":{\"password\":\""
            + APPROVER_PASSWORD + "\"}}"), 204);
        send(HttpRequest.newBuilder(URI.create(base + "/engine-rest/group/ms-produto/members/bob"))
            .header("Authorization", admin).PUT(HttpRequest.BodyPublishers.noBody()).build(), 204);

        System.out.printf(Locale.ROOT, "machine: %d cores, load average before: %s; app pid %d%n",
            Runtime.getRuntime().availableProcessors(), loadAverage(), app.pid());
        System.out.printf(Locale.ROOT, "| %8s | %9s | %8s | %14s | %s%n", "releases", "elapsed s", "RSS MB",
            "heap after GC", "end states so far");
        sample(app, 0, 0, Map.of());
        Instant began = Instant.now();
        Map<String, Integer> states = new TreeMap<>();
        for (int done = 0; done < releases; ) {
          int size = Math.min(batch, releases - done);
          List<String> ids = new ArrayList<>();
          for (int i = 0; i < size; i++) {
            HttpResponse<String> started = send(post(base + "/api/releases", admin,
                PortalProduct.contexto("soak-" + (done + i), sha)), 202);
            ids.add(JSON.readTree(started.body()).path("id").asText());
          }
          for (int i = 0; i < size; i++) {
            String id = ids.get(i);
            awaitState(base, admin, id, List.of("awaiting_approval"), app);
            boolean approve = (done + i) % 20 == 0;
            send(post(base + "/api/releases/" + id + "/approval", bob, approve
                ? "{\"aprovado\": true, \"comentario\": \"soak\"}"
                : "{\"aprovado\": false, \"comentario\": \"soak: rejected to keep the target small\"}"), 200);
          }
          for (String id : ids) {
            states.merge(awaitState(base, admin, id, END_STATES, app), 1, Integer::sum);
          }
          done += size;
          sample(app, done, Duration.between(began, Instant.now()).toSeconds(), states);
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
      } finally {
        app.destroy();
        app.waitFor();
      }
    }
    System.exit(0);
  }

  private static Process launch(Path work, int port, Map<String, String> properties) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), PrometheusPipelineApplication.class.getName(),
        "--server.port=" + port));
    properties.forEach((key, value) -> command.add("--" + key + "=" + value));
    return new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(work.resolve("app.log").toFile()).start();
  }

  /** RSS from /proc, and the heap used after a full collection from jcmd: GC.run, then GC.heap_info. */
  private static void sample(Process app, int releases, long seconds, Map<String, Integer> states) throws Exception {
    long rss = Files.readAllLines(Path.of("/proc", String.valueOf(app.pid()), "status")).stream()
        .filter(line -> line.startsWith("VmRSS:")).map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
        .findFirst().orElse(-1L);
    jcmd(app, "GC.run");
    String heap = jcmd(app, "GC.heap_info");
    // G1 prints " garbage-first heap   total 262144K, used 61440K [...]": the whole heap's use comes first.
    Matcher used = Pattern.compile("used (\\d+)K").matcher(heap);
    long usedKb = used.find() ? Long.parseLong(used.group(1)) : -1;
    System.out.printf(Locale.ROOT, "| %8d | %9d | %8d | %11d MB | %s%n", releases, seconds, rss, usedKb / 1024,
        states);
  }

  private static String jcmd(Process app, String command) throws Exception {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        String.valueOf(app.pid()), command).redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    jcmd.waitFor();
    return out;
  }

  private static String awaitState(String base, String admin, String id, List<String> wanted, Process app)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (Instant.now().isBefore(deadline)) {
      if (!app.isAlive()) {
        throw new IllegalStateException("the application exited with " + app.exitValue());
      }
      JsonNode release = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "/api/releases/" + id))
          .header("Authorization", admin).GET().build(), 200).body());
      String state = release.path("state").asText();
      if (wanted.contains(state)) {
        return state;
      }
      if (END_STATES.contains(state)) {
        throw new IllegalStateException("release " + id + " ended " + state + " before " + wanted + ": " + release);
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("release " + id + " did not reach " + wanted + " within 10 minutes");
  }

  private static void awaitHealthy(String base, Process app) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    while (Instant.now().isBefore(deadline)) {
      if (!app.isAlive()) {
        throw new IllegalStateException("the application exited with " + app.exitValue() + " while starting");
      }
      try {
        if (HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // connection refused until the web server is up
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the application was not healthy within 5 minutes");
  }

  private static HttpResponse<String> send(HttpRequest request, int expected) throws Exception {
    HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != expected) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + answer.statusCode()
          + ", not " + expected + ": " + answer.body());
    }
    return answer;
  }

  private static HttpRequest post(String url, String auth, String json) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Authorization", auth)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" (?=\\d+/)")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
