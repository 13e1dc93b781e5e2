package dev.prometheuspipeline.engines;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.deploy.CamundaTarget;
import dev.prometheuspipeline.deploy.DeployOutcome;
import dev.prometheuspipeline.deploy.Deployer;
import dev.prometheuspipeline.deploy.DeploymentResource;
import dev.prometheuspipeline.deploy.ProductDeployment;
import dev.prometheuspipeline.deploy.Rollback;
import dev.prometheuspipeline.deploy.RollbackOutcome;
import dev.prometheuspipeline.deploy.TargetEngineClient;
import dev.prometheuspipeline.deploy.TaskForm;
import dev.prometheuspipeline.engines.OtherEngine.Distribution;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.TargetDeployment;
import dev.prometheuspipeline.verify.Check;
import dev.prometheuspipeline.verify.CheckStatus;
import dev.prometheuspipeline.verify.DeploymentVerifier;
import dev.prometheuspipeline.verify.ReleaseVerification;
import dev.prometheuspipeline.verify.VerifyOutcome;
import dev.prometheuspipeline.verify.VerifyProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import targetengine.Artifacts;
import targetengine.Models;
import targetengine.TargetEngine;

/**
 * Targets are Camunda 7 API engines of any maintained version and publisher, not only the Camunda 7.24
 * embedded here: deploy, verify (drift and the incident watch included) and roll back against Camunda 7.17 on
 * Spring Boot 2.6 (the oldest supported, javax servlets), 7.20 on Spring Boot 3.1 (jakarta), and the fork
 * Operaton 1.0 on Spring Boot 3.5, each started from Maven Central in a process of its own. Nothing in the
 * pipeline reads a version string or a product name.
 */
class OtherEngineTargetTest {
  private static final Map<String, OtherEngine> engines = new ConcurrentHashMap<>();

  private final Deployer deployer = new Deployer(TargetEngine.clients());
  private CamundaTarget target;
  private TargetEngineClient engine;

  /** Publisher, version and the Spring Boot that version was released for. */
  static Stream<Arguments> engines() {
    return Stream.of(Arguments.of(Distribution.CAMUNDA, "7.17.0", "2.6.4"),
        Arguments.of(Distribution.CAMUNDA, "7.20.0", "3.1.5"),
        Arguments.of(Distribution.OPERATON, "1.0.3", "3.5.10"));
  }

  private void on(Distribution distribution, String version, String springBoot) {
    OtherEngine other = engines.computeIfAbsent(distribution + " " + version, name -> {
      try {
        return OtherEngine.start(distribution, version, springBoot);
      } catch (Exception e) {
        throw new IllegalStateException(name + " could not be started", e);
      }
    });
    target = other.target();
    engine = TargetEngine.client(target);
  }

  @AfterAll
  static void stop() {
    engines.values().forEach(OtherEngine::close);
  }

  private List<TargetDeployment> recorded(DeployOutcome outcome) {
    return outcome.products().stream().map(p -> new TargetDeployment("producao", p.product(), p.deploymentId(),
        p.deploymentName(), p.created(), target.restUrl().toString(), Instant.now())).toList();
  }

  private static ReleaseVerification verification() {
    return new ReleaseVerification(new DeploymentVerifier(TargetEngine.clients()), TargetEngine.clients(),
        new VerifyProperties(Duration.ofSeconds(20), Duration.ofSeconds(1)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("engines")
  void aReleaseIsDeployedChangedOnlyAndPassesEveryCheck(Distribution distribution, String version, String springBoot) {
    on(distribution, version, springBoot);
    String genesis = Artifacts.uniqueProduct("Genesis");
    String prometheus = Artifacts.uniqueProduct("Prometheus");
    List<FetchedArtifact> release = Artifacts.twoProductRelease(genesis, prometheus, "Order");

    DeployOutcome first = deployer.deploy(target, release);
    VerifyOutcome outcome = verification().verify(target, release, recorded(first));
    DeployOutcome again = deployer.deploy(target, release);

    assertThat(engine.get("/version", Map.of(), JsonNode.class).path("version").asText()).startsWith(version.substring(0, 4));
    assertThat(outcome.allPassed()).as("%s", outcome.failures()).isTrue();
    assertThat(outcome.checks()).extracting(Check::name).contains("target-health",
        "checksum:" + genesis + "/forms/approve.form", "definition:" + genesis + "/dmn/limits.dmn",
        "drift:" + genesis + "_order", "drift:" + genesis + "_limits", "incident-watch");
    assertThat(again.products()).as("nothing changed, nothing deployed").noneMatch(ProductDeployment::created);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("engines")
  void driftAndRollbackWork(Distribution distribution, String version, String springBoot) {
    on(distribution, version, springBoot);
    String product = Artifacts.uniqueProduct("Orders");
    String key = product.replace('-', '_') + "_order";
    List<FetchedArtifact> v1 = List.of(Artifacts.fetched(ArtifactType.BPMN, product + "/order.bpmn",
        Models.bpmn(key, "Order v1")));
    List<FetchedArtifact> v2 = List.of(Artifacts.fetched(ArtifactType.BPMN, product + "/order.bpmn",
        Models.bpmn(key, "Order v2")));
    deployer.deploy(target, v1);
    DeployOutcome bad = deployer.deploy(target, v2);
    String beside = engine.createDeployment("deploy-camunda", "deploy-camunda.sh", List.of(
        new DeploymentResource("order.bpmn", Models.bpmn(key, "Hand-made").getBytes(UTF_8)))).id();

    VerifyOutcome drifted = verification().verify(target, v2, recorded(bad));
    Check drift = drifted.checks().stream().filter(c -> c.name().equals("drift:" + key)).findFirst().orElseThrow();
    assertThat(drift.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(drift.detail()).contains(key + ":3 from deployment " + beside);

    engine.delete("/deployment/{id}", Map.of("id", beside, "cascade", "true"));
    RollbackOutcome undone = new Rollback(TargetEngine.clients()).undo(target, bad.products());

    assertThat(undone.failures()).isEmpty();
    JsonNode latest = engine.get("/process-definition/key/{key}", Map.of("key", key), JsonNode.class);
    JsonNode xml = engine.get("/process-definition/{id}/xml", Map.of("id", latest.path("id").asText()), JsonNode.class);
    assertThat(xml.path("bpmn20Xml").asText()).as("the key starts v1 again").contains("Order v1");
  }

  /**
   * A smoke run reads which Camunda Form a user task shows; Camunda answers {@code camundaFormRef}, Operaton
   * {@code operatonFormRef}, and both read the model's {@code camunda:formRef}.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("engines")
  void aUserTasksFormReferenceIsReadUnderEitherName(Distribution distribution, String version, String springBoot) {
    on(distribution, version, springBoot);
    String product = Artifacts.uniqueProduct("Forms");
    String key = product.replace('-', '_') + "_order";
    String withForm = Models.bpmn(key, "Order").replace("<bpmn:userTask id=\"Task_Review\" name=\"Review\" />",
        "<bpmn:userTask id=\"Task_Review\" name=\"Review\" camunda:formRef=\"approve\" camunda:formRefBinding=\"latest\" />");
    deployer.deploy(target, List.of(Artifacts.fetched(ArtifactType.BPMN, product + "/order.bpmn", withForm)));
    String instance = engine.post("/process-definition/key/{key}/start", Map.of("key", key), Map.of(), JsonNode.class)
        .path("id").asText();
    JsonNode tasks = engine.get("/task", Map.of("processInstanceId", instance), JsonNode.class);

    TaskForm form = engine.taskForm(tasks.path(0).path("id").asText());

    assertThat(form.reference()).hasValue(new TaskForm.FormRef("approve", "latest", null));
  }
}
