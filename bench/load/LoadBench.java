import dev.prometheuspipeline.GitFixture;
import dev.prometheuspipeline.PrometheusPipelineApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The API under concurrent clients, beside the engine's own REST API as the baseline, in one run on one real
 * PostgreSQL. For each number of clients, the endpoints take turns (interleaved), ROUNDS times, each turn a
 * WINDOW during which every client sends its next request as soon as the previous one is answered (a closed
 * loop: the figure is what the server sustains, not what a schedule asks).
 *
 * <pre>
 * LoadBench [CLIENTS,...] [ROUNDS] [WINDOW_SECONDS]   defaults 100,200  3  5
 * </pre>
 *
 * <p>Endpoints: {@code GET /api/releases/{id}}, {@code GET /api/releases}, {@code POST /api/releases} (each a
 * new release_ref, so each starts a run), the signed webhook (one commit: after the first, each delivery is
 * verified, resolved and answered with the run already going), Tasklist's task query as an approver
 * ({@code GET /engine-rest/task?candidateGroup=ms-produto}), and the baseline
 * {@code GET /engine-rest/process-definition}. The in-app workers work only on {@code pipeline.notify}, so the
 * releases started here wait at their first stage instead of loading the machine while it is measured.
 */
public final class LoadBench {
  /** The untimed turn each endpoint gets before the measured rounds. */
  private static final Duration WARM_UP = Duration.ofSeconds(10);

  private static final String ADMIN_PASSWORD = "bench-admin-password";
  private static final String USER_PASSWORD = "bench-user-password";
  private static final String WEBHOOK_SECRET = "bench-webhook-secret";
  private static ProcessHandle database;

  public static void main(String[] args) throws Exception {
    List<Integer> levels = (args.length > 0 ? List.of(args[0].split(",")) : List.of("100", "200")).stream()
        .map(Integer::parseInt).toList();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Duration window = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 5);
    // The endpoints to measure beside the baseline, by a pattern on their names; the baseline always runs.
    Pattern only = Pattern.compile(args.length > 3 ? args[3] : ".*");
    GitFixture git = GitFixture.withSampleProducts();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PrometheusPipelineApplication.class)
            .profiles("postgres")
            .run("--server.port=0", "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--pipeline.admin.password=" + ADMIN_PASSWORD, "--pipeline.source.repository=" + git.uri(),
                "--pipeline.source.cache-dir=" + Files.createTempDirectory("load-bench-cache"),
                "--pipeline.webhook.secret=" + WEBHOOK_SECRET, "--pipeline.vulnerabilities.npm-registry=",
                "--pipeline.worker.topics=pipeline.notify",
                // -Dload.threads=N: fewer of Tomcat's threads, to compare with the application's own admission.
                "--server.tomcat.threads.max=" + System.getProperty("load.threads",
                    String.valueOf(levels.stream().max(Integer::compare).orElse(200) + 20)),
                "--pipeline.signing.generated-key-file="
                    + Files.createTempDirectory("load-bench-key").resolve("key.pem"))) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      database = postmaster(postgres.getPort());
      users(app.getBean(IdentityService.class));
      String base = "http://localhost:" + port;
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
          .executor(Executors.newFixedThreadPool(8)).build();
      String admin = basic("admin", ADMIN_PASSWORD);
      String alice = basic("alice", USER_PASSWORD);
      String maria = basic("maria", USER_PASSWORD);
      String sha = git.head();
      String id = firstRelease(http, base, alice, sha);

      Map<String, Supplier<HttpRequest>> endpoints = new LinkedHashMap<>();
      endpoints.put("baseline GET /engine-rest/process-definition",
          () -> get(base + "/engine-rest/process-definition", admin));
      endpoints.put("GET /api/releases/{id}", () -> get(base + "/api/releases/" + id, alice));
      endpoints.put("GET /api/releases", () -> get(base + "/api/releases", alice));
      endpoints.put("Tasklist task query", () -> get(base + "/engine-rest/task?candidateGroup=ms-produto", maria));
      endpoints.put("POST /webhooks/git", () -> webhook(base, sha));
      endpoints.put("POST /api/releases", () -> post(base + "/api/releases", alice,
          contexto("load-" + UUID.randomUUID().toString().substring(0, 13), sha)));

      endpoints.keySet().removeIf(name -> !name.startsWith("baseline") && !only.matcher(name).find());

      System.out.printf(Locale.ROOT, "machine: %d cores, load average before (1 5 15 min): %s%n",
          Runtime.getRuntime().availableProcessors(), loadAverage());
      // Turns not counted, until the JIT, the connection pools and Tomcat's threads are warm: 10 s each, since with
      // 2 s the first level's tables still carried the JIT's warm-up (every endpoint spent more server CPU per
      // request at 100 clients than afterwards at 200, and req/s moved by half between runs).
      for (Supplier<HttpRequest> request : endpoints.values()) {
        measure(http, request, levels.get(0), WARM_UP);
      }
      for (int clients : levels) {
        Map<String, Result> results = new LinkedHashMap<>();
        endpoints.keySet().forEach(name -> results.put(name, new Result()));
        for (int round = 0; round < rounds; round++) {
          for (Map.Entry<String, Supplier<HttpRequest>> endpoint : endpoints.entrySet()) {
            results.get(endpoint.getKey()).add(measure(http, endpoint.getValue(), clients, window));
          }
        }
        report(clients, rounds, window, results);
      }
      System.out.printf(Locale.ROOT, "load average after (1 5 15 min): %s%n", loadAverage());
    }
    System.exit(0);
  }

  /** Requests sent by {@code clients} closed-loop clients during {@code window}: latencies in µs, errors. */
  private static Result measure(HttpClient http, Supplier<HttpRequest> request, int clients, Duration window)
      throws InterruptedException {
    Result result = new Result();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(clients);
    AtomicLong end = new AtomicLong();
    for (int c = 0; c < clients; c++) {
      pool.execute(() -> {
        List<Long> latencies = new ArrayList<>();
        long errors = 0;
        String firstError = null;
        try {
          start.await();
          while (System.nanoTime() < end.get()) {
            long sent = System.nanoTime();
            try {
              HttpResponse<String> answer = http.send(request.get(), HttpResponse.BodyHandlers.ofString());
              if (answer.statusCode() >= 400) {
                errors++;
                firstError = firstError != null ? firstError : answer.statusCode() + " " + answer.body();
              }
            } catch (java.io.IOException e) {
              errors++;
              firstError = firstError != null ? firstError : e.toString();
            }
            latencies.add((System.nanoTime() - sent) / 1_000);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          result.merge(latencies, errors, firstError);
          done.countDown();
        }
      });
    }
    end.set(System.nanoTime() + window.toNanos());
    long cpuBefore = serverCpuNanos();
    long databaseBefore = databaseCpuNanos();
    long began = System.nanoTime();
    start.countDown();
    done.await();
    result.seconds += (System.nanoTime() - began) / 1e9;
    result.serverCpuNanos += serverCpuNanos() - cpuBefore;
    result.databaseCpuNanos += databaseCpuNanos() - databaseBefore;
    pool.shutdown();
    return result;
  }

  /**
   * CPU time of Tomcat's request threads, where each request is served from its filters to its last byte: the
   * clients share this JVM and the cores, so a latency alone mixes the server's work with the wait for a core.
   */
  private static long serverCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("http-nio-")) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }

  /** The embedded PostgreSQL's server process, by its port: its backends are its children. */
  private static ProcessHandle postmaster(int port) {
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().commandLine().filter(c -> c.contains("postgres") && c.contains("-p " + port)).isPresent())
        .findFirst().orElseGet(() -> ProcessHandle.allProcesses()
            .filter(p -> p.info().commandLine().filter(c -> c.contains("postgres") && c.contains("-p " + port))
                .isPresent())
            .findFirst().orElseThrow(() -> new IllegalStateException("no postgres process on port " + port)));
  }

  /**
   * CPU time of PostgreSQL's processes: it shares the 2 cores with the server, so each statement a request
   * sends costs the server's throughput there too, out of sight of {@link #serverCpuNanos()}.
   */
  private static long databaseCpuNanos() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(database), database.descendants())
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
  }

  private static void report(int clients, int rounds, Duration window, Map<String, Result> results) {
    System.out.printf(Locale.ROOT, "%n%d clients, %d interleaved rounds of %d s per endpoint, load average %s%n",
        clients, rounds, window.toSeconds(), loadAverage());
    System.out.printf(Locale.ROOT, "| %-46s | %8s | %8s | %8s | %8s | %8s | %6s | %14s | %13s |%n", "endpoint",
        "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "app CPU ms/req", "db CPU ms/req");
    double baseline = results.values().iterator().next().perSecond();
    results.forEach((name, r) -> {
      List<Long> sorted = new ArrayList<>(r.latencies);
      sorted.sort(Long::compare);
      System.out.printf(Locale.ROOT, "| %-46s | %8d | %8.1f | %8.1f | %8.1f | %8.1f | %6d | %14.2f | %13.2f |%s%n",
          name, sorted.size(), r.perSecond(), ms(percentile(sorted, 50)), ms(percentile(sorted, 95)),
          ms(percentile(sorted, 99)), r.errors, r.serverCpuNanos / 1e6 / Math.max(1, sorted.size()),
          r.databaseCpuNanos / 1e6 / Math.max(1, sorted.size()),
          String.format(Locale.ROOT, " %.2f× baseline req/s", r.perSecond() / baseline));
      if (r.firstError != null) {
        System.out.println("    first error: " + r.firstError.substring(0, Math.min(300, r.firstError.length())));
      }
    });
  }

  private static final class Result {
    final List<Long> latencies = new ArrayList<>();
    long errors;
    double seconds;
    long serverCpuNanos;
    long databaseCpuNanos;
    String firstError;

    synchronized void merge(List<Long> more, long moreErrors, String error) {
      latencies.addAll(more);
      errors += moreErrors;
      firstError = firstError != null ? firstError : error;
    }

    synchronized void add(Result other) {
      merge(other.latencies, other.errors, other.firstError);
      seconds += other.seconds;
      serverCpuNanos += other.serverCpuNanos;
      databaseCpuNanos += other.databaseCpuNanos;
    }

    double perSecond() {
      return latencies.size() / seconds;
    }
  }

  private static String firstRelease(HttpClient http, String base, String alice, String sha) throws Exception {
    HttpResponse<String> answer = http.send(post(base + "/api/releases", alice, contexto("load-first", sha)),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 202) {
      throw new IllegalStateException("the first release was not accepted: " + answer.statusCode() + " " + answer.body());
    }
    String body = answer.body();
    int at = body.indexOf("\"id\":\"") + 6;
    return body.substring(at, body.indexOf('"', at));
  }

  private static void users(IdentityService identity) {
    for (String[] user : new String[][] {{"alice", null}, {"maria", "ms-produto"}}) {
      User created = identity.newUser(user[0]);
      created.setPassword(USER_PASSWORD);
      created.setEmail(user[0] + "@bench.example");
      identity.saveUser(created);
      if (user[1] != null) {
        identity.createMembership(user[0], user[1]);
      }
    }
  }

  private static String contexto(String ref, String sha) {
    return "{\"contexto\":{\"modo\":\"validar\",\"release_ref\":\"" + ref + "\",\"sprint_origem\":\"S1\","
        + "\"artefatos\":[{\"tipo\":\"bpmn\",\"path\":\"" + GitFixture.SAMPLE_FILES.get(0) + "\",\"sha\":\"" + sha
        + "\"}]}}";
  }

  private static HttpRequest get(String url, String auth) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", auth)
        .GET().build();
  }

  private static HttpRequest post(String url, String auth, String json) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", auth)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  /** Signed as the seed's workflow signs: each delivery a fresh timestamp, so none is a replay. */
  private static HttpRequest webhook(String base, String sha) {
    String body = "{\"branch\":\"main\",\"commit\":\"" + sha + "\",\"nonce\":\"" + UUID.randomUUID() + "\"}";
    String timestamp = Long.toString(System.currentTimeMillis());
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String signature = "sha256=" + HexFormat.of().formatHex(
          mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
      return HttpRequest.newBuilder(URI.create(base + "/webhooks/git")).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json").header("X-Timestamp", timestamp)
          .header("X-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static long percentile(List<Long> sorted, int p) {
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
