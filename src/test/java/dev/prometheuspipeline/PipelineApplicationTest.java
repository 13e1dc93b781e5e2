package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a real port, with its in-app workers polling its own REST API, a real Git
 * repository as the artifact source and its own engine as the deploy target. Subclasses share one
 * Spring context (same configuration), so the engine starts once for all of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class PipelineApplicationTest {
  protected static final String ADMIN = "admin";
  protected static final String ADMIN_PASSWORD = "admin-password-for-tests";
  protected static final String WEBHOOK_SECRET = "webhook-secret-for-tests";
  protected static final String PASSWORD = "password-for-tests";
  /** The backlog's service account of the tests, an approver (ms-produto), and the secret it signs rows with. */
  protected static final String BACKLOG_ACCOUNT = "ms-produto-backlog";
  protected static final String BACKLOG_SECRET = "backlog-secret-for-tests-0123456789abcdef";
  protected static final GitFixture git = GitFixture.withSampleProducts();
  protected static final CapturedNotifications notifications = CapturedNotifications.start();
  protected static final int port = freePort();
  /**
   * The database of this JVM's context: H2 in memory unless a subclass's static initializer sets
   * another before the context starts (each test class runs in a JVM of its own).
   */
  protected static volatile TestDatabase database =
      new TestDatabase("jdbc:h2:mem:pipeline-it;DB_CLOSE_DELAY=-1", "sa", "");

  @Autowired protected ProcessEngine engine;
  @Autowired protected JdbcClient db;

  @DynamicPropertySource
  static void pipeline(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> port);
    registry.add("spring.datasource.url", () -> database.url());
    registry.add("spring.datasource.username", () -> database.username());
    registry.add("spring.datasource.password", () -> database.password());
    registry.add("pipeline.admin.password", () -> ADMIN_PASSWORD);
    registry.add("pipeline.source.repository", git::uri);
    registry.add("pipeline.source.cache-dir", () -> tempDirectory("pipeline-cache"));
    // Unless a subclass gives one, never created: fetching a worker artifact is a technical failure
    // (retries, then an incident).
    registry.add("pipeline.source.workers-repository", () -> workersRepository != null ? workersRepository
        : java.nio.file.Path.of(tempDirectory("pipeline-gone"), "workers").toUri().toString());
    registry.add("pipeline.webhook.secret", () -> WEBHOOK_SECRET);
    registry.add("pipeline.backlog.poll-interval", () -> "200ms");
    registry.add("pipeline.backlog.service-accounts." + BACKLOG_ACCOUNT + ".secret", () -> BACKLOG_SECRET);
    registry.add("pipeline.backlog.service-accounts." + BACKLOG_ACCOUNT + ".groups[0]", () -> "ms-produto");
    registry.add("pipeline.notify.url", notifications::url);
    registry.add("pipeline.stages.retry-backoff", () -> "1s");
    // Long enough to see an incident the smoke runs cause, short enough for many releases per test.
    registry.add("pipeline.verify.incident-watch", () -> "PT2S");
    registry.add("pipeline.verify.smoke-timeout", () -> "PT20S");
    registry.add("pipeline.signing.generated-key-file",
        () -> java.nio.file.Path.of(tempDirectory("pipeline-signing"), "signing-key.pem").toString());
    // Offline: the advisories come from an OSV folder in the repository (the registry here refuses npm's
    // bulk advisory POST); NpmAdvisoryClientTest covers the npm source against a loopback registry.
    registry.add("pipeline.vulnerabilities.npm-registry", () -> "");
    registry.add("pipeline.vulnerabilities.osv-directory", () -> "src/test/resources/supplychain/osv");
  }

  /** The workers repository of this JVM's context; a subclass's static initializer may set one. */
  protected static volatile String workersRepository;

  public record TestDatabase(String url, String username, String password) {}

  /**
   * alice requests releases and is also an approver (for the four-eyes rule); bob approves; carol only
   * reads; dave only ever fails to log in; rita waives failed gate criteria (release-admin).
   */
  @BeforeEach
  void people() {
    IdentityService identity = engine.getIdentityService();
    ensureUser(identity, "alice", "ms-produto");
    ensureUser(identity, "bob", "ms-produto");
    ensureUser(identity, "carol", null);
    ensureUser(identity, "dave", null);
    ensureUser(identity, "rita", "release-admin");
  }

  /** A user {@code id} with the test password and the mail address {@code id@zarah.example}, in {@code group}. */
  protected static void ensureUser(IdentityService identity, String id, String group) {
    if (identity.createUserQuery().userId(id).count() == 0) {
      User user = identity.newUser(id);
      user.setPassword(PASSWORD);
      user.setEmail(id + "@zarah.example");
      identity.saveUser(user);
      if (group != null) {
        identity.createMembership(id, group);
      }
    }
  }

  protected Api as(String user) {
    return Api.as(port, user, ADMIN.equals(user) ? ADMIN_PASSWORD : PASSWORD);
  }

  protected Api anonymous() {
    return Api.anonymous(port);
  }

  protected static String uniqueRef(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The contract's body for the given artifacts, each {@code tipo:path@sha}. */
  protected static String contexto(String modo, String releaseRef, String... artefatos) {
    String list = Arrays.stream(artefatos).map(a -> {
      String tipo = a.substring(0, a.indexOf(':'));
      String path = a.substring(a.indexOf(':') + 1, a.lastIndexOf('@'));
      String sha = a.substring(a.lastIndexOf('@') + 1);
      return "{\"tipo\":\"" + tipo + "\",\"arquivo\":\"" + path.substring(path.lastIndexOf('/') + 1)
          + "\",\"path\":\"" + path + "\",\"sha\":\"" + sha + "\"}";
    }).collect(Collectors.joining(","));
    return "{\"contexto\":{\"modo\":\"" + modo + "\",\"release_ref\":\"" + releaseRef
        + "\",\"sprint_origem\":\"S028\",\"artefatos\":[" + list + "]}}";
  }

  /** Every sample file at the given commit. */
  protected static String[] sampleArtifacts(String sha) {
    return GitFixture.SAMPLE_FILES.stream()
        .map(path -> path.substring(path.lastIndexOf('.') + 1) + ":" + path + "@" + sha)
        .toArray(String[]::new);
  }

  protected String startValidar(String user, String releaseRef, String... artefatos) {
    Api.Response response = as(user).post("/api/releases", contexto("validar", releaseRef, artefatos));
    assertThat(response.status()).as(response.body()).isEqualTo(202);
    return response.json().path("id").asText();
  }

  protected JsonNode release(String id) {
    Api.Response response = as(ADMIN).get("/api/releases/" + id);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  protected JsonNode awaitState(String id, String state) {
    return awaitState(id, state, Duration.ofSeconds(90));
  }

  /** For a whole release (validar, approval, implantar) on a machine that may be busy. */
  protected JsonNode awaitState(String id, String state, Duration atMost) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(release(id).path("state").asText())
            .as(() -> release(id).toPrettyString()).isEqualTo(state));
    return release(id);
  }

  /** The approval task as Tasklist lists it, through the REST API. */
  protected String approvalTaskId(String user, String releaseRef) {
    Api.Response tasks = as(user).get("/engine-rest/task?processInstanceBusinessKey=" + releaseRef
        + "&taskDefinitionKey=Task_ApproveRelease");
    assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
    assertThat(tasks.json()).as("approval task visible to " + user).hasSize(1);
    return tasks.json().get(0).path("id").asText();
  }

  /** Submits the approval form as Tasklist does. */
  /**
   * A release by alice, approved by bob, of a commit of its own with one new form, so that its deploy creates a
   * deployment (and the release can be rolled back).
   */
  protected String deployedWithANewForm(String ref) {
    String form = "nota" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String sha = git.commit("Add form " + form, Map.of("Genesis/forms/" + form + ".form",
        "{\"id\":\"" + form + "\",\"type\":\"default\",\"schemaVersion\":16,\"components\":["
            + "{\"id\":\"Field_Nota\",\"key\":\"nota\",\"label\":\"Nota\",\"type\":\"textfield\"}]}"));
    String[] artifacts = Stream.concat(Arrays.stream(sampleArtifacts(sha)),
        Stream.of("form:Genesis/forms/" + form + ".form@" + sha)).toArray(String[]::new);
    String id = startValidar("alice", ref, artifacts);
    awaitState(id, "awaiting_approval");
    assertThat(decide("bob", approvalTaskId("bob", ref), true, "ok").status()).isEqualTo(204);
    JsonNode done = awaitState(id, "succeeded");
    assertThat(done.path("deployments")).anySatisfy(d -> assertThat(d.path("created").asBoolean()).isTrue());
    return id;
  }

  protected Api.Response decide(String user, String taskId, boolean aprovado, String comentario) {
    String variables = "{\"variables\":{\"aprovado\":{\"value\":" + aprovado + ",\"type\":\"Boolean\"}"
        + (comentario == null ? "" : ",\"comentario\":{\"value\":\"" + comentario + "\",\"type\":\"String\"}")
        + "}}";
    return as(user).post("/engine-rest/task/" + taskId + "/submit-form", variables);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tempDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
