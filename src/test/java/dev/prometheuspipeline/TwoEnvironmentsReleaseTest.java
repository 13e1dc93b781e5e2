package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.crash.EngineProcess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import dev.prometheuspipeline.supplychain.SigningProperties;
import dev.prometheuspipeline.system.WorkerCredentials;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A release through two environments on two real engines: {@code homologacao} is this application in a
 * process of its own (own port, own database), reached over HTTP with its administrator's credentials;
 * {@code producao} is this application's own engine. Each is deployed, then verified, in that order.
 */
class TwoEnvironmentsReleaseTest extends PipelineApplicationTest {
  private static final String HOMOLOGACAO_PASSWORD = "homologacao-admin-password-for-tests";
  private static final EngineProcess homologacao = EngineProcess.start("homologacao", homologacaoProperties());

  @Autowired private WorkerCredentials workerCredentials;
  @Autowired private SigningProperties signing;
  @Autowired private DataSource dataSource;
  private SecretScan secrets;

  private static Map<String, String> homologacaoProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", "jdbc:h2:mem:homologacao;DB_CLOSE_DELAY=-1");
    properties.put("spring.datasource.username", "sa");
    properties.put("spring.datasource.password", "");
    properties.put("pipeline.admin.password", HOMOLOGACAO_PASSWORD);
    properties.put("pipeline.source.repository", git.uri());
    return properties;
  }

  @DynamicPropertySource
  static void environments(DynamicPropertyRegistry registry) {
    registry.add("pipeline.environments[0].name", () -> "homologacao");
    registry.add("pipeline.environments[0].url", () -> "http://localhost:" + homologacao.port() + "/engine-rest");
    registry.add("pipeline.environments[0].username", () -> ADMIN);
    registry.add("pipeline.environments[0].password", () -> HOMOLOGACAO_PASSWORD);
    // No url: this application's own engine, as the pipeline's service user.
    registry.add("pipeline.environments[1].name", () -> "producao");
  }

  @AfterAll
  static void stopHomologacao() {
    homologacao.close();
  }

  /** Every log line of each test is checked for the secrets as it is written. */
  @BeforeEach
  void listenForSecrets() throws Exception {
    String signingKey = Files.readString(signing.generatedKeyFile()).lines()
        .filter(line -> !line.startsWith("-----")).collect(java.util.stream.Collectors.joining());
    secrets = new SecretScan(Map.of(
        "the administrator's password", ADMIN_PASSWORD,
        "a user's password", PASSWORD,
        "the webhook secret", WEBHOOK_SECRET,
        "the backlog service account's secret", BACKLOG_SECRET,
        "homologacao's credentials", HOMOLOGACAO_PASSWORD,
        "the workers' password", workerCredentials.password(),
        "the signing key", signingKey)).listenToLogs();
  }

  @AfterEach
  void noSecretWasLogged() {
    secrets.stopListening();
    assertThat(secrets.logEventsSeen()).isPositive();
    assertThat(secrets.findings()).as("secrets in the logs").isEmpty();
  }

  @Test
  void aReleaseIsDeployedAndVerifiedOnHomologacaoBeforeProducao() {
    String ref = uniqueRef("two");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));
    awaitState(id, "awaiting_approval");
    assertThat(decide("bob", approvalTaskId("bob", ref), true, "ok").status()).isEqualTo(204);

    JsonNode done = awaitState(id, "succeeded");

    JsonNode implantar = done.path("implantar");
    assertThat(implantar.path("status").asText()).as(implantar.toPrettyString()).isEqualTo("sucesso");
    JsonNode ambientes = implantar.at("/etapas/deploy/ambientes");
    assertThat(ambientes).extracting(a -> a.path("ambiente").asText()).containsExactly("homologacao", "producao");
    String homologacaoIds = ambientes.get(0).path("deployment_id").asText();
    String producaoIds = ambientes.get(1).path("deployment_id").asText();
    assertThat(homologacaoIds).isNotBlank().isNotEqualTo(producaoIds);

    // Each engine holds its own deployments of the release, under the products' stable names.
    Api hml = homologacao.as(ADMIN, HOMOLOGACAO_PASSWORD);
    for (String deploymentId : homologacaoIds.split(",")) {
      JsonNode deployment = hml.get("/engine-rest/deployment/" + deploymentId).json();
      assertThat(deployment.path("source").asText()).isEqualTo("prometheus-pipeline");
      assertThat(as(ADMIN).get("/engine-rest/deployment/" + deploymentId).status())
          .as("homologacao's deployment is not on producao's engine").isEqualTo(404);
    }
    for (String deploymentId : producaoIds.split(",")) {
      assertThat(as(ADMIN).get("/engine-rest/deployment/" + deploymentId).status()).isEqualTo(200);
    }
    assertThat(hml.get("/engine-rest/process-definition?key=pedido&latestVersion=true").json()).hasSize(1);

    // Every check ran on both environments and passed, homologacao's before producao's.
    List<String> order = new ArrayList<>();
    for (JsonNode check : implantar.at("/etapas/verify/checks")) {
      // The sample products have no smoke files; nothing new to watch when producao already had these bytes.
      boolean notApplicable = check.path("name").asText().equals("smoke:*")
          || check.path("name").asText().equals("incident-watch")
          && check.path("detail").asText().contains("created no process definition");
      assertThat(check.path("status").asText()).as(check.toString()).isEqualTo(notApplicable ? "skipped" : "passed");
      if (order.isEmpty() || !order.get(order.size() - 1).equals(check.path("ambiente").asText())) {
        order.add(check.path("ambiente").asText());
      }
    }
    assertThat(order).containsExactly("homologacao", "producao");
    JsonNode hmlHealth = StreamSupport.stream(implantar.at("/etapas/verify/checks").spliterator(), false)
        .filter(c -> c.path("ambiente").asText().equals("homologacao") && c.path("name").asText().equals("target-health"))
        .findFirst().orElseThrow();
    assertThat(hmlHealth.path("detail").asText()).contains("'" + ADMIN + "' authenticated at http://localhost:"
        + homologacao.port());
    assertThat(done.toString()).doesNotContain(HOMOLOGACAO_PASSWORD);
  }

  /**
   * After a deployed release, a rejected one, a refused webhook and a failed login: no secret in the process
   * variables, their history, the run store's reports, the backlog, the notifications or any answer.
   */
  @Test
  void noSecretIsInVariablesHistoryReportsLogsOrAnswers() throws Exception {
    String deployedRef = uniqueRef("secrets");
    String deployed = startValidar("alice", deployedRef, sampleArtifacts(git.head()));
    awaitState(deployed, "awaiting_approval");
    assertThat(decide("bob", approvalTaskId("bob", deployedRef), true, "ok").status()).isEqualTo(204);
    awaitState(deployed, "succeeded", java.time.Duration.ofMinutes(5));
    String rejectedRef = uniqueRef("secrets");
    String rejected = startValidar("alice", rejectedRef, sampleArtifacts(git.head()));
    awaitState(rejected, "awaiting_approval");
    assertThat(decide("bob", approvalTaskId("bob", rejectedRef), false, "no").status()).isEqualTo(204);
    awaitState(rejected, "failed");

    Map<String, Api.Response> answers = new LinkedHashMap<>();
    for (String id : List.of(deployed, rejected)) {
      for (String path : List.of("", "/notes", "/attestations", "/sbom", "/sbom?format=spdx")) {
        answers.put("/api/releases/" + id + path, as(ADMIN).get("/api/releases/" + id + path));
      }
    }
    answers.put("/api/releases", as(ADMIN).get("/api/releases?limit=200"));
    answers.put("/api/signing/public-key", as(ADMIN).get("/api/signing/public-key"));
    answers.put("history variables", as(ADMIN).get("/engine-rest/history/variable-instance?deserializeValues=false"));
    answers.put("history details", as(ADMIN).get("/engine-rest/history/detail?deserializeValues=false"));
    answers.put("incidents", as(ADMIN).get("/engine-rest/history/incident"));
    answers.put("external tasks", as(ADMIN).get("/engine-rest/history/external-task-log"));
    answers.put("a forged webhook", anonymous().post("/webhooks/git", "{\"branch\":\"main\"}",
        Map.of("X-Timestamp", Long.toString(System.currentTimeMillis()), "X-Signature", "sha256=00")));
    answers.put("a wrong password", Api.as(port, ADMIN, ADMIN_PASSWORD + "-wrong").get("/api/releases"));
    answers.put("/actuator/health", anonymous().get("/actuator/health"));
    answers.forEach((where, answer) -> {
      assertThat(answer.status()).as(where).isLessThan(500);
      secrets.check("the answer of " + where, answer.body());
    });
    notifications.bodies().forEach(body -> secrets.check("a notification", body));

    assertThat(secrets.scanDatabase(dataSource)).as("values read from the database").isGreaterThan(1000);
    assertThat(secrets.findings()).isEmpty();
  }
}
