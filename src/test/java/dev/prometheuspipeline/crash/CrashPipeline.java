package dev.prometheuspipeline.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.Api;
import dev.prometheuspipeline.GitFixture;
import dev.prometheuspipeline.deploy.Deployer;
import dev.prometheuspipeline.deploy.EngineDeployment;
import dev.prometheuspipeline.deploy.TargetEngineClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * What the crash tests share: the pipeline's properties for a process of its own on an embedded PostgreSQL,
 * deploying to one target; its approver; and releases of the sample products whose processes carry the
 * release's label, so the target shows which release deployed them.
 */
final class CrashPipeline {
  static final String APPROVER = "bob";
  static final List<String> PRODUCTS = List.of("Genesis", "Prometheus");

  private CrashPipeline() {}

  /** {@code targetRest} is the target engine's REST root as the pipeline reaches it (directly or by a proxy). */
  static Map<String, String> properties(EmbeddedPostgres postgres, GitFixture git, String targetRest,
      String adminPassword) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.profiles.active", "postgres");
    properties.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
    properties.put("spring.datasource.username", "postgres");
    properties.put("spring.datasource.password", "postgres");
    properties.put("pipeline.admin.password", adminPassword);
    properties.put("pipeline.source.repository", git.uri());
    try {
      properties.put("pipeline.source.cache-dir", Files.createTempDirectory("crash-git-cache").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    properties.put("pipeline.environments[0].name", "producao");
    properties.put("pipeline.environments[0].url", targetRest);
    properties.put("pipeline.environments[0].username", targetengine.TargetEngine.USER);
    properties.put("pipeline.environments[0].password", targetengine.TargetEngine.PASSWORD);
    properties.put("pipeline.stages.retry-backoff", "1s");
    // A killed node's task is fetched again when its lock expires; the heartbeat keeps a live stage's.
    properties.put("camunda.bpm.client.lock-duration", "6000");
    // The engine does not answer a waiting fetch when a lock or a retry's backoff ends: poll more often.
    properties.put("camunda.bpm.client.async-response-timeout", "1000");
    properties.put("pipeline.backlog.poll-interval", "1s");
    // Verification watches the new definitions for incidents this long; the default two minutes would make
    // each release here take that long.
    properties.put("pipeline.verify.incident-watch", "PT2S");
    return properties;
  }

  /** A member of {@code ms-produto} who is not the requester (the admin starts the releases). */
  static void createApprover(Api admin, String password) {
    Api.Response created = admin.post("/engine-rest/user/create", "{\"profile\":{\"id\":\"" + APPROVER
        + "\",\"firstName\":\"Bob\",\"lastName\":\"Aprovador\",\"email\":\"bob@zarah.example\"},"
        + "\"credentials\":{\"password\":\"" + password + "\"}}");
    assertThat(created.status()).as(created.body()).isEqualTo(204);
    Api.Response member = admin.put("/engine-rest/group/ms-produto/members/" + APPROVER, "");
    assertThat(member.status()).as(member.body()).isEqualTo(204);
  }

  /** The body of {@code POST /api/releases} for the sample products at {@code sha}. */
  static String releaseRequest(String ref, String sha) {
    String artefatos = GitFixture.SAMPLE_FILES.stream()
        .map(path -> "{\"tipo\":\"" + path.substring(path.lastIndexOf('.') + 1) + "\",\"arquivo\":\""
            + path.substring(path.lastIndexOf('/') + 1) + "\",\"path\":\"" + path + "\",\"sha\":\"" + sha + "\"}")
        .collect(Collectors.joining(","));
    return "{\"contexto\":{\"modo\":\"validar\",\"release_ref\":\"" + ref
        + "\",\"sprint_origem\":\"S028\",\"artefatos\":[" + artefatos + "]}}";
  }

  /** The approver's decision on an approval task, as Tasklist's form submits it. */
  static Api.Response decide(Api approver, String taskId, boolean approve, String comment) {
    return approver.post("/engine-rest/task/" + taskId + "/submit-form",
        "{\"variables\":{\"aprovado\":{\"value\":" + approve + ",\"type\":\"Boolean\"},"
            + "\"comentario\":{\"value\":\"" + comment + "\",\"type\":\"String\"}}}");
  }

  static String pedido(String label) {
    return GitFixture.resource("fixtures/Genesis/bpmn/pedido.bpmn")
        .replace("name=\"Pedido\"", "name=\"Pedido " + label + "\"");
  }

  static String triagem(String label) {
    return GitFixture.resource("fixtures/Prometheus/bpmn/triagem.bpmn")
        .replace("name=\"Triagem\"", "name=\"Triagem " + label + "\"");
  }

  /** The ids of the pipeline's deployments on the target, by product (deployment name). */
  static Map<String, List<String>> pipelineDeployments(TargetEngineClient target) {
    Map<String, List<String>> byProduct = new LinkedHashMap<>();
    PRODUCTS.forEach(product -> byProduct.put(product, target.deployments(product, Deployer.SOURCE).stream()
        .map(EngineDeployment::id).toList()));
    return byProduct;
  }

  /** The deployments a release says it created on the target. */
  static List<String> createdDeploymentIds(JsonNode release) {
    return StreamSupport.stream(release.path("deployments").spliterator(), false)
        .filter(d -> d.path("created").asBoolean())
        .map(d -> d.path("deployment_id").asText())
        .toList();
  }

  /** Closes what was started, the pipeline before what it uses; skips what never started. */
  static void closeInOrder(AutoCloseable... parts) throws Exception {
    for (AutoCloseable part : parts) {
      if (part != null) {
        part.close();
      }
    }
  }

  /** The release as {@code GET /api/releases/{id}} shows it. */
  static JsonNode release(Api admin, String id) {
    Api.Response response = admin.get("/api/releases/" + id);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  /** The kinds of the release's history entries, in order. */
  static List<String> historyKinds(JsonNode release) {
    return StreamSupport.stream(release.path("history").spliterator(), false)
        .map(e -> e.path("kind").asText()).toList();
  }
}
