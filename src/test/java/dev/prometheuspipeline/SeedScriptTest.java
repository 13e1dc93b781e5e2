package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's own clients, unchanged, against this application: {@code deploy-camunda.sh} deploys the product
 * folders through {@code /engine-rest}, and the workflow's signed curl on {@code /deploy-camunda} starts a
 * release. Both run as real processes (bash, curl, git, openssl); see {@link SeedScript}.
 */
class SeedScriptTest extends PipelineApplicationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  @TempDir Path scratch;

  @BeforeEach
  void tools() {
    SeedScript.requireTools("bash", "curl", "git", "find", "unshare", "mount");
    SeedScript.requireMountNamespace(home);
  }

  @Test
  void theSeedsDeployScriptPullsThenDeploysEachProductFolderThroughTheEngineRestApi() throws Exception {
    Path clone = home.resolve(SeedScript.REPO_UNDER_HOME);
    Git.cloneRepository().setURI(git.uri()).setDirectory(clone.toFile()).call().close();
    String form = "pulled" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String head = git.commit("Add form " + form, Map.of("Genesis/forms/" + form + ".form", form(form)));
    long before = System.currentTimeMillis() - 1000;

    SeedScript.Run run = SeedScript.deployScript(home, scratch, Map.of(
        "CAMUNDA_URL", "http://localhost:" + port, "CAMUNDA_USER", ADMIN, "CAMUNDA_PASS", ADMIN_PASSWORD));

    assertThat(run.exit()).as(run.output()).isZero();
    List<String> genesisFiles = supportedFiles(clone.resolve("Genesis"));
    List<String> prometheusFiles = supportedFiles(clone.resolve("Prometheus"));
    assertThat(genesisFiles).contains("pedido.bpmn", "desconto.dmn", "conferir-pedido.form", form + ".form");
    assertThat(run.output()).contains("DEPLOY CAMUNDA - Início", "✓ Camunda acessível",
        "Processando: Genesis", "Encontrados " + genesisFiles.size() + " arquivo(s)", "  - " + form + ".form",
        "Processando: Prometheus", "Encontrados " + prometheusFiles.size() + " arquivo(s)",
        "✓ DEPLOY CAMUNDA - Concluído!");
    assertThat(run.output().split("✓ Deploy concluído!", -1)).hasSize(3);
    try (Git pulled = Git.open(clone.toFile())) {
      assertThat(pulled.getRepository().resolve("HEAD").getName()).as("git pull ran").isEqualTo(head);
    }
    RepositoryService repository = engine.getRepositoryService();
    Deployment genesis = latest("Genesis-%", before);
    assertThat(repository.getDeploymentResourceNames(genesis.getId()))
        .containsExactlyInAnyOrderElementsOf(genesisFiles);
    assertThat(resource(genesis, "pedido.bpmn")).isEqualTo(GitFixture.resource("fixtures/Genesis/bpmn/pedido.bpmn"));
    assertThat(resource(genesis, form + ".form")).isEqualTo(form(form));
    assertThat(repository.createProcessDefinitionQuery().deploymentId(genesis.getId()).count()).isEqualTo(1);
    assertThat(repository.createDecisionDefinitionQuery().deploymentId(genesis.getId()).count()).isPositive();
    Deployment prometheus = latest("Prometheus-%", before);
    assertThat(prometheusFiles).containsExactlyInAnyOrder("triagem.bpmn", "chamado.html");
    assertThat(repository.getDeploymentResourceNames(prometheus.getId()))
        .containsExactlyInAnyOrderElementsOf(prometheusFiles);
    assertThat(resource(prometheus, "chamado.html"))
        .isEqualTo(GitFixture.resource("fixtures/Prometheus/forms/chamado.html"));
  }

  @Test
  void theSeedsDeployScriptStopsAtTheFirstRefusedDeployWithExitOne() throws Exception {
    Git.cloneRepository().setURI(git.uri()).setDirectory(home.resolve(SeedScript.REPO_UNDER_HOME).toFile())
        .call().close();
    long deployments = engine.getRepositoryService().createDeploymentQuery().count();
    // dave, not admin: the engine delays a user's next login after a failed one, which would refuse the
    // other tests' correct password for a while.

    SeedScript.Run run = SeedScript.deployScript(home, scratch, Map.of(
        "CAMUNDA_URL", "http://localhost:" + port, "CAMUNDA_USER", "dave", "CAMUNDA_PASS", "not-the-password"));

    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    // Its check passes (Camunda's REST filter leaves GET /engine open, as here); the deploy is refused, and
    // set -e ends the script before the next product.
    assertThat(run.output()).contains("✓ Camunda acessível", "Processando: Genesis", "✗ Falha no deploy (HTTP 401)")
        .doesNotContain("Processando: Prometheus", "Concluído");
    assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
  }

  @Test
  void theSeedsDeployScriptExitsOneWhenTheEngineCannotBeReached() throws Exception {
    Git.cloneRepository().setURI(git.uri()).setDirectory(home.resolve(SeedScript.REPO_UNDER_HOME).toFile())
        .call().close();
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }

    SeedScript.Run run = SeedScript.deployScript(home, scratch, Map.of(
        "CAMUNDA_URL", "http://localhost:" + closed, "CAMUNDA_USER", ADMIN, "CAMUNDA_PASS", ADMIN_PASSWORD));

    assertThat(run.exit()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("✗ Camunda não acessível (HTTP 000)").doesNotContain("Processando");
  }

  @Test
  void theSeedsWorkflowCurlStartsAReleaseOfTheBranchHead() throws Exception {
    SeedScript.requireTools("openssl", "sed", "date");
    String form = "workflow" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String head = git.commit("Add form " + form, Map.of("Genesis/forms/" + form + ".form", form(form)));

    SeedScript.Run run = SeedScript.workflow(scratch, "http://localhost:" + port + "/deploy", WEBHOOK_SECRET);

    assertThat(run.exit()).as(run.output()).isZero();
    JsonNode answer = JSON.readTree(run.output().substring(run.output().indexOf('{')));
    assertThat(answer.path("commit").asText()).as(run.output()).isEqualTo(head);
    JsonNode release = awaitState(answer.path("id").asText(), "awaiting_approval");
    assertThat(release.path("trigger").asText()).isEqualTo("webhook");
    assertThat(release.path("release_ref").asText()).isEqualTo("main@" + head.substring(0, 12));
    assertThat(release.at("/contexto/artefatos").findValuesAsText("path")).contains("Genesis/forms/" + form + ".form");
  }

  @Test
  void theSeedsWorkflowCurlWithAnotherSecretIsRefusedAndStartsNothing() throws Exception {
    SeedScript.requireTools("openssl", "sed", "date");
    long releases = as(ADMIN).get("/api/releases?limit=200").json().size();

    SeedScript.Run run = SeedScript.workflow(scratch, "http://localhost:" + port + "/deploy", "another-secret");

    // The workflow's curl has no --fail: the step succeeds, the answer says why nothing started.
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output()).contains("X-Signature does not match");
    assertThat(as(ADMIN).get("/api/releases?limit=200").json().size()).isEqualTo(releases);
  }

  /** The names the script deploys from a product folder: every .bpmn, .dmn, .form and .html below it. */
  private static List<String> supportedFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString())
          .filter(name -> name.matches(".*\\.(bpmn|dmn|form|html)")).toList();
    }
  }

  private Deployment latest(String nameLike, long notBefore) {
    Deployment deployment = engine.getRepositoryService().createDeploymentQuery().deploymentNameLike(nameLike)
        .orderByDeploymentTime().desc().listPage(0, 1).get(0);
    assertThat(deployment.getDeploymentTime().getTime()).as(nameLike + " deployed by the script")
        .isGreaterThanOrEqualTo(notBefore);
    return deployment;
  }

  private String resource(Deployment deployment, String name) throws Exception {
    try (InputStream in = engine.getRepositoryService().getResourceAsStream(deployment.getId(), name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String form(String id) {
    return "{\"id\":\"" + id + "\",\"type\":\"default\",\"schemaVersion\":16,\"components\":["
        + "{\"id\":\"Field_Nota\",\"key\":\"nota\",\"label\":\"Nota\",\"type\":\"textfield\"}]}";
  }
}
