package dev.prometheuspipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.validate.Finding;
import dev.prometheuspipeline.validate.Report;
import dev.prometheuspipeline.validate.Validator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DMN TCK models as published carry no {@code historyTimeToLive}: the target refuses to deploy them, yet their
 * behaviour is testable. The test stage runs their cases and leaves the refusal to the validate stage, which
 * reports it once; the Regra de Ouro then refuses the release for it.
 */
class DeploymentOnlyRefusalTest {
  private static final String TCK = "testing/tck/compliance-level-2/";
  private static final List<FetchedArtifact> MODELS = List.of(
      Models.at("Loja/0001-approval-unique.dmn", TCK + "0001-approval-unique/0001-approval-unique.dmn"),
      Models.at("Loja/0002-shipping-multi-output.dmn", TCK + "0002-shipping-multi-output/0002-shipping-multi-output.dmn"));
  private static final List<TestFile> CASES = List.of(
      new TestFile("Loja/tests/0001-approval-unique-test-01.xml",
          Models.read(TCK + "0001-approval-unique/0001-approval-unique-test-01.xml")),
      new TestFile("Loja/tests/0002-shipping-multi-output-test-01.xml",
          Models.read(TCK + "0002-shipping-multi-output/0002-shipping-multi-output-test-01.xml")));

  private static ReleaseTestOutcome outcome;

  @BeforeAll
  static void testTheRelease() {
    outcome = new ReleaseTester(new SandboxTester(), new ModelTests(1, Duration.ofSeconds(60)), new WorkerTests(true),
        Duration.ofMinutes(1)).test(MODELS, CASES, Map.of());
  }

  @Test
  void theSandboxStillNamesWhatTheTargetRefusesButAsADeploymentOnlyRefusal() {
    assertThat(outcome.deployment().failures()).extracting(TestFailure::file)
        .containsExactly("Loja/0001-approval-unique.dmn", "Loja/0002-shipping-multi-output.dmn");
    assertThat(outcome.deployment().deploymentOnly()).isEqualTo(outcome.deployment().failures());
    assertThat(outcome.deployment().deploymentOnly())
        .allSatisfy(refusal -> assertThat(refusal.message()).contains("History Time To Live"));
    assertThat(outcome.deployment().hasBehaviourFailures()).isFalse();
  }

  @Test
  void everyTckCaseRunsAndIsCountedOnItsOwn() {
    assertThat(outcome.status()).isEqualTo(StageStatus.SUCCESS);
    assertThat(outcome.passed()).isEqualTo(6);
    assertThat(outcome.failed()).isZero();
    assertThat(outcome.run().results()).extracting(TestResult::name)
        .containsExactly("test case 001", "test case 002", "test case 003", "001: A light parcel goes by post",
            "002: A light express parcel goes by courier", "003: A heavy parcel goes by freight, express or not");
  }

  @Test
  void theEtapaCountsTheRefusalNowhereSinceTheValidateStageReportsIt() {
    var etapa = TestEtapas.of(outcome, "j", "h", "x");

    assertThat(etapa.passou()).isEqualTo(6);
    assertThat(etapa.falhou()).isZero();
    assertThat(etapa.porTipo().get("implantacao_sandbox").falhou()).isZero();
    assertThat(etapa.falhas()).isEmpty();
  }

  @Test
  void theValidateStageReportsTheMissingTimeToLiveOncePerDecisionAndTheGateRefusesTheRelease() throws Exception {
    Report validation = new Validator(10L * 1024 * 1024).validate(MODELS);

    // Other rules may find more in these files; the time to live is found once per decision, as an error.
    assertThat(validation.errors()).filteredOn(finding -> finding.rule().equals("dmn-history-time-to-live"))
        .extracting(Finding::file, Finding::elementId).containsExactly(
            tuple("Loja/0001-approval-unique.dmn", "d_ApprovalStatus"),
            tuple("Loja/0002-shipping-multi-output.dmn", "d_Shipping"));

    DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    DmnDecision gate;
    try (InputStream in = Files.newInputStream(Path.of("dmn/regra-de-ouro.dmn"))) {
      gate = dmn.parseDecision("regraDeOuro", in);
    }
    List<Map<String, Object>> verdicts = dmn.evaluateDecision(gate, Variables.createVariables()
        .putValue("validationErrors", validation.errorCount())
        .putValue("testsFailed", (int) outcome.failed())
        .putValue("testsPassed", (int) outcome.passed())
        .putValue("coverage", outcome.coveragePercent().orElseThrow())
        .putValue("artifactCount", MODELS.size())
        .putValue("coverableModels", outcome.coverableModels())).getResultList();
    // A blocking criterion that fails makes the scored gate reprovado, whatever the score; it cannot be waived.
    assertThat(verdicts).filteredOn(row -> "validation".equals(row.get("criterion"))).singleElement()
        .satisfies(row -> assertThat(row).containsEntry("status", "fail").containsEntry("blocking", true)
            .containsEntry("waivable", false).containsEntry("reason",
                "Validation found " + validation.errorCount() + " error(s); fix them and run validar again."));
  }
}
