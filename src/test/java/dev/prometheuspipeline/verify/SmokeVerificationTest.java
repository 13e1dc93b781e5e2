package dev.prometheuspipeline.verify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.deploy.CamundaTarget;
import dev.prometheuspipeline.deploy.DeployOutcome;
import dev.prometheuspipeline.deploy.Deployer;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.TargetDeployment;
import dev.prometheuspipeline.testing.TestFile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import targetengine.Artifacts;
import targetengine.Models;
import targetengine.TargetEngine;
import targetengine.TargetEngineTest;

/** Smoke runs in verification: after the definition and drift checks, before the incident watch. */
@TargetEngineTest
class SmokeVerificationTest {
  @LocalServerPort
  int port;

  private CamundaTarget target;
  private String processKey;
  private List<FetchedArtifact> release;
  private List<TargetDeployment> deployed;

  @BeforeEach
  void aDeployedReleaseOfItsOwn() {
    target = TargetEngine.target(port);
    String product = Artifacts.uniqueProduct("Orders");
    processKey = product.replace('-', '_') + "_order";
    release = List.of(Artifacts.fetched(ArtifactType.BPMN, product + "/order.bpmn", Models.bpmn(processKey, "Order")));
    DeployOutcome outcome = new Deployer(TargetEngine.clients()).deploy(target, release);
    deployed = outcome.products().stream().map(p -> new TargetDeployment("producao", p.product(), p.deploymentId(),
        p.deploymentName(), p.created(), target.restUrl().toString(), Instant.now())).toList();
  }

  private VerifyOutcome verify(List<TestFile> smokeFiles) {
    return new ReleaseVerification(new DeploymentVerifier(TargetEngine.clients()), TargetEngine.clients(),
        new VerifyProperties(Duration.ofSeconds(20), Duration.ZERO)).verify(target, release, deployed, "r-7", smokeFiles);
  }

  @Test
  void eachSmokeFileIsACheckBetweenDriftAndTheIncidentWatch() {
    TestFile smoke = new TestFile("tests/Orders/smoke/order.json", """
        { "testCases": [ { "name": "An order is reviewed", "instructions": [
          { "type": "CREATE_PROCESS_INSTANCE", "processDefinitionSelector": { "processDefinitionId": "%1$s" } },
          { "type": "COMPLETE_USER_TASK", "userTaskSelector": { "elementId": "Task_Review" } },
          { "type": "ASSERT_PROCESS_INSTANCE", "processInstanceSelector": { "processDefinitionId": "%1$s" },
            "state": "IS_COMPLETED" } ] } ] }
        """.formatted(processKey).getBytes(UTF_8));

    VerifyOutcome outcome = verify(List.of(smoke));

    assertThat(outcome.allPassed()).as("%s", outcome.failures()).isTrue();
    List<String> names = outcome.checks().stream().map(Check::name).toList();
    assertThat(names).containsSubsequence("definition:" + release.get(0).path(), "drift:" + processKey,
        "smoke:tests/Orders/smoke/order.json", "incident-watch");
  }

  @Test
  void aReleaseWithoutSmokeFilesSaysSoInASkippedCheck() {
    VerifyOutcome outcome = verify(List.of());

    Check smoke = outcome.checks().stream().filter(c -> c.name().equals("smoke:*")).findFirst().orElseThrow();
    assertThat(smoke.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(smoke.detail()).contains("no smoke files");
  }

  @Test
  void aFailedSmokeRunFailsVerificationAndSkipsTheWatch() {
    TestFile smoke = new TestFile("tests/Orders/smoke/stuck.json", """
        { "testCases": [ { "name": "An order nobody reviews", "instructions": [
          { "type": "CREATE_PROCESS_INSTANCE", "processDefinitionSelector": { "processDefinitionId": "%1$s" } },
          { "type": "ASSERT_PROCESS_INSTANCE", "processInstanceSelector": { "processDefinitionId": "%1$s" },
            "state": "IS_COMPLETED" } ] } ] }
        """.formatted(processKey).getBytes(UTF_8));
    VerifyOutcome outcome = new ReleaseVerification(new DeploymentVerifier(TargetEngine.clients()),
        TargetEngine.clients(), new VerifyProperties(Duration.ofSeconds(1), Duration.ofMinutes(2)))
        .verify(target, release, deployed, "r-7", List.of(smoke));

    assertThat(outcome.failures()).extracting(Check::name).containsExactly("smoke:tests/Orders/smoke/stuck.json");
    assertThat(outcome.failures().get(0).detail()).contains("\"Review\" (Task_Review)");
    Check watch = outcome.checks().stream().filter(c -> c.name().equals("incident-watch")).findFirst().orElseThrow();
    assertThat(watch.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(watch.detail()).contains("a smoke run failed");
  }
}
