package dev.prometheuspipeline.verify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.deploy.CamundaTarget;
import dev.prometheuspipeline.deploy.DeployOutcome;
import dev.prometheuspipeline.deploy.Deployer;
import dev.prometheuspipeline.deploy.DeploymentResource;
import dev.prometheuspipeline.deploy.TargetEngineClient;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.TargetDeployment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import targetengine.Artifacts;
import targetengine.Models;
import targetengine.TargetEngine;
import targetengine.TargetEngineTest;

/** Verification after the checksums: what the target starts by key, and what breaks on it right after. */
@TargetEngineTest
class ReleaseVerificationTest {
  @LocalServerPort
  int port;

  private final Deployer deployer = new Deployer(TargetEngine.clients());
  private CamundaTarget target;
  private TargetEngineClient engine;
  private String product;
  private String processKey;

  @BeforeEach
  void eachTestHasAProductOfItsOwn() {
    target = TargetEngine.target(port);
    engine = TargetEngine.client(target);
    product = Artifacts.uniqueProduct("Orders");
    processKey = product.replace('-', '_') + "_order";
  }

  private static ReleaseVerification verification(Duration incidentWatch) {
    return new ReleaseVerification(new DeploymentVerifier(TargetEngine.clients()), TargetEngine.clients(),
        new VerifyProperties(Duration.ofSeconds(20), incidentWatch));
  }

  private List<FetchedArtifact> release(String bpmn) {
    return List.of(Artifacts.fetched(ArtifactType.BPMN, product + "/order.bpmn", bpmn),
        Artifacts.fetched(ArtifactType.DMN, product + "/limits.dmn", Models.dmn(product.replace('-', '_') + "_limits",
            "Limits")));
  }

  /** What the deploy stage records: the deployments, and when they were made. */
  private List<TargetDeployment> deploy(List<FetchedArtifact> release, Instant deployedAt) {
    DeployOutcome outcome = deployer.deploy(target, release);
    return outcome.products().stream().map(p -> new TargetDeployment("producao", p.product(), p.deploymentId(),
        p.deploymentName(), p.created(), target.restUrl().toString(), deployedAt)).toList();
  }

  private static Check named(VerifyOutcome outcome, String name) {
    return outcome.checks().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + outcome.checks()));
  }

  @Test
  void aReleaseTheTargetStartsByKeyAndThatBreaksNothingPassesDriftAndTheWatch() {
    List<FetchedArtifact> release = release(Models.bpmn(processKey, "Order"));
    List<TargetDeployment> deployed = deploy(release, Instant.now());

    VerifyOutcome outcome = verification(Duration.ofSeconds(1)).verify(target, release, deployed);

    assertThat(outcome.allPassed()).as("%s", outcome.failures()).isTrue();
    assertThat(named(outcome, "drift:" + processKey).detail())
        .contains("process " + processKey + ":1 from deployment " + deployed.get(0).deploymentId(),
            "holds the validated " + product + "/order.bpmn");
    assertThat(named(outcome, "drift:" + product.replace('-', '_') + "_limits").status()).isEqualTo(CheckStatus.PASSED);
    Check watch = named(outcome, "incident-watch");
    assertThat(watch.status()).isEqualTo(CheckStatus.PASSED);
    assertThat(watch.detail()).contains("no incident or failed job on " + processKey + ":1 for PT1S");
  }

  @Test
  void aNewerVersionDeployedBesideThePipelineIsDriftNamedWithItsDeploymentAndWhoDeployedIt() {
    List<FetchedArtifact> release = release(Models.bpmn(processKey, "Order"));
    List<TargetDeployment> deployed = deploy(release, Instant.now());
    // What the seed's deploy-camunda.sh does: the same key, newer content, its own deployment name.
    String seedDeployment = engine.createDeployment("deploy-camunda", "deploy-camunda.sh",
        List.of(new DeploymentResource("order.bpmn", Models.bpmn(processKey, "Hand-made").getBytes(UTF_8)))).id();

    VerifyOutcome outcome = verification(Duration.ofSeconds(30)).verify(target, release, deployed);

    Check drift = named(outcome, "drift:" + processKey);
    assertThat(drift.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(drift.detail()).contains("starting " + processKey + " by key runs process " + processKey + ":2",
        "from deployment " + seedDeployment + " ('deploy-camunda', source 'deploy-camunda.sh'",
        "by " + TargetEngine.USER, "not the validated " + product + "/order.bpmn", "deploy the release again");
    assertThat(named(outcome, "checksum:" + product + "/order.bpmn").status())
        .as("the release's own deployment is intact: only drift sees the problem").isEqualTo(CheckStatus.PASSED);
    assertThat(named(outcome, "incident-watch").status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(outcome.allPassed()).isFalse();
  }

  @Test
  void anIncidentOnTheNewDefinitionsFailsTheWatchWithTheEnginesMessage() {
    String topic = "charge-" + product;
    String withExternalTask = Models.bpmn(processKey, "Order").replace(
        "<bpmn:userTask id=\"Task_Review\" name=\"Review\" />",
        "<bpmn:serviceTask id=\"Task_Review\" name=\"Charge\" camunda:type=\"external\" camunda:topic=\"" + topic
            + "\" />");
    List<FetchedArtifact> release = release(withExternalTask);
    List<TargetDeployment> deployed = deploy(release, Instant.now());
    // First traffic on the new version: a worker fails the task for good, so the engine raises an incident.
    engine.post("/process-definition/key/{key}/start", Map.of("key", processKey), Map.of(), Map.class);
    List<?> locked = engine.post("/external-task/fetchAndLock", Map.of(), Map.of("workerId", "smoke-worker",
        "maxTasks", 1, "topics", List.of(Map.of("topicName", topic, "lockDuration", 60_000))), List.class);
    String taskId = (String) ((Map<?, ?>) locked.get(0)).get("id");
    engine.post("/external-task/{id}/failure", Map.of("id", taskId), Map.of("workerId", "smoke-worker",
        "errorMessage", "card processor refused the charge", "retries", 0, "retryTimeout", 0), Void.class);

    VerifyOutcome outcome = verification(Duration.ofMinutes(2)).verify(target, release, deployed);

    Check watch = named(outcome, "incident-watch");
    assertThat(watch.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(watch.detail()).contains(processKey + ":1: incident failedExternalTask at Task_Review",
        "card processor refused the charge");
    assertThat(watch.durationMs()).as("fails as soon as it sees the incident").isLessThan(60_000);
  }

  @Test
  void aWatchOfZeroIsSkippedAndAnEarlierFailureSkipsDriftAndTheWatch() {
    List<FetchedArtifact> release = release(Models.bpmn(processKey, "Order"));
    List<TargetDeployment> deployed = deploy(release, Instant.now());

    VerifyOutcome unwatched = verification(Duration.ZERO).verify(target, release, deployed);
    assertThat(named(unwatched, "incident-watch").status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(named(unwatched, "incident-watch").detail()).contains("PT0S");
    assertThat(unwatched.allPassed()).isTrue();

    List<FetchedArtifact> otherBytes = release(Models.bpmn(processKey, "Not what was deployed"));
    VerifyOutcome failed = verification(Duration.ofMinutes(2)).verify(target, otherBytes, deployed);
    assertThat(named(failed, "checksum:" + product + "/order.bpmn").status()).isEqualTo(CheckStatus.FAILED);
    assertThat(named(failed, "drift:*").status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(named(failed, "incident-watch").detail()).startsWith("not checked: 1 earlier check(s) failed");
  }
}
