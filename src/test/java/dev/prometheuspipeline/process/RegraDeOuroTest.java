package dev.prometheuspipeline.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.Text;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Regra de Ouro, one rule per test, evaluated by the engine's DMN engine (FEEL) on the real file. */
@Deployment(resources = "dmn/regra-de-ouro.dmn")
class RegraDeOuroTest {
  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-models.cfg.xml").build();

  /** A clean release: every input present, nothing wrong. Tests change one thing at a time. */
  private static VariableMap clean() {
    return Variables.createVariables()
        .putValue("validationErrors", 0)
        .putValue("testsFailed", 0)
        .putValue("testsPassed", 12)
        .putValue("coverage", 91.0)
        .putValue("artifactCount", 3)
        .putValue("coverableModels", 2)
        .putValue("vulnerabilitiesBlocking", 0)
        .putValue("vulnerabilitySourcesFailed", 0)
        .putValue("sbomPresent", true)
        .putValue("unsignedArtifacts", 0)
        .putValue("breakingChanges", 0)
        .putValue("breakingSummary", "")
        .putValue("semverMajorBumped", null);
  }

  private List<Map<String, Object>> fired(VariableMap inputs) {
    DmnDecisionResult result = engine.getDecisionService().evaluateDecisionByKey("regraDeOuro")
        .variables(inputs).evaluate();
    return result.getResultList();
  }

  @Test
  void approvesACleanReleaseWithMeasuredCoverageForTwoReasons() {
    assertThat(fired(clean())).extracting(row -> row.get("verdict"), row -> row.get("reason")).containsExactly(
        tuple("aprovado", "Coverage 91.0% meets the 80% minimum."),
        tuple("aprovado", "No validation errors; all 12 test(s) passed."));
  }

  @Test
  void rejectsAReleaseWithValidationErrors() {
    assertThat(fired(clean().putValue("validationErrors", 3)))
        .contains(Map.of("verdict", "reprovado",
            "reason", "Validation found 3 error(s); fix them and run validar again."))
        .noneMatch(row -> String.valueOf(row.get("reason")).startsWith("No validation errors"));
  }

  @Test
  void rejectsAReleaseWithFailedTests() {
    assertThat(fired(clean().putValue("testsFailed", 2)))
        .contains(Map.of("verdict", "reprovado", "reason", "2 test(s) failed; every test must pass."));
  }

  @Test
  void rejectsAReleaseWithoutArtifacts() {
    assertThat(fired(clean().putValue("artifactCount", 0)))
        .contains(Map.of("verdict", "reprovado",
            "reason", "The release has no artifacts; list at least one in artefatos."));
  }

  @Test
  void rejectsAReleaseWhoseArtifactCountIsMissing() {
    assertThat(fired(clean().putValue("artifactCount", null)))
        .extracting(row -> row.get("verdict"), row -> row.get("reason"))
        .contains(tuple("reprovado", "The release has no artifacts; list at least one in artefatos."));
  }

  @Test
  void rejectsMeasuredCoverageBelowEightyPercent() {
    assertThat(fired(clean().putValue("coverage", 42.0)))
        .contains(Map.of("verdict", "reprovado", "reason", "Coverage 42.0% is below the 80% minimum."));
  }

  @Test
  void approvesCoverageOfExactlyEightyPercent() {
    assertThat(fired(clean().putValue("coverage", 80.0)))
        .contains(Map.of("verdict", "aprovado", "reason", "Coverage 80.0% meets the 80% minimum."))
        .noneMatch(row -> "reprovado".equals(row.get("verdict")));
  }

  @Test
  void rejectsModelsThatNoDeclaredTestCovers() {
    List<Map<String, Object>> rows = fired(clean().putValue("coverage", null).putValue("coverableModels", 3));

    assertThat(rows).contains(Map.of("verdict", "reprovado", "reason",
        "The release has 3 process or decision model(s) and no test measured their coverage;"
            + " add test cases under tests/<product>/ to reach the 80% minimum."));
  }

  @Test
  void approvesAReleaseWithNothingToCoverAndSaysWhy() {
    List<Map<String, Object>> rows = fired(clean().putValue("coverage", null).putValue("coverableModels", 0));

    assertThat(rows).contains(Map.of("verdict", "aprovado", "reason",
        "The release has no process or decision models, so the 80% coverage minimum does not apply."));
    // null is not "below 80": coverage that does not apply must not fire the coverage rejection
    assertThat(rows).noneMatch(row -> "reprovado".equals(row.get("verdict")));
  }

  @Test
  void approvesNoValidationErrorsAndNoFailedTestsNamingThePassedTests() {
    assertThat(fired(clean().putValue("testsPassed", 7)))
        .contains(Map.of("verdict", "aprovado", "reason", "No validation errors; all 7 test(s) passed."));
  }

  @Test
  void approvesNoValidationErrorsAndNoFailedTestsWhenNoTestRan() {
    assertThat(fired(clean().putValue("testsPassed", 0)))
        .contains(Map.of("verdict", "aprovado", "reason", "No validation errors and no failed tests; no test ran."));
  }

  /** What the release holds when validar skipped its tests: the test stage's figures were never set. */
  private static VariableMap testsSkipped(int validationErrors) {
    return clean().putValue("validationErrors", validationErrors).putValue("testsFailed", null)
        .putValue("testsPassed", null).putValue("coverage", null).putValue("coverableModels", null);
  }

  @Test
  void rejectsValidationErrorsAndSaysTheTestsDidNotRunWhenValidarSkippedThem() {
    assertThat(fired(testsSkipped(2))).extracting(row -> row.get("verdict"), row -> row.get("reason")).containsExactly(
        tuple("reprovado", "Validation found 2 error(s); fix them and run validar again."),
        tuple("reprovado", "The tests did not run: models with validation errors are not tested."));
  }

  @Test
  void doesNotClaimThereIsNothingToCoverWhenTheTestsDidNotCount() {
    assertThat(fired(testsSkipped(1)))
        .noneMatch(row -> "aprovado".equals(row.get("verdict")))
        .noneMatch(row -> String.valueOf(row.get("reason")).contains("coverage minimum does not apply"));
  }

  @Test
  void rejectsFailedTestsAlongsideEveryOtherFigure() {
    assertThat(fired(clean().putValue("testsFailed", 3).putValue("testsPassed", 9)))
        .extracting(row -> row.get("verdict"), row -> row.get("reason")).containsExactly(
            tuple("reprovado", "3 test(s) failed; every test must pass."),
            tuple("aprovado", "Coverage 91.0% meets the 80% minimum."));
  }

  @Test
  void theCoverageMinimumIsEightyPercent() {
    Object minimum = engine.getDecisionService().evaluateDecisionByKey("coverageMinimum").evaluate()
        .getSingleResult().getSingleEntry();

    assertThat(minimum).isInstanceOf(Number.class);
    assertThat(((Number) minimum).doubleValue()).isEqualTo(80.0);
  }

  @Test
  void rejectsCoverageJustBelowTheMinimum() {
    assertThat(fired(clean().putValue("coverage", 79.9)))
        .contains(Map.of("verdict", "reprovado", "reason", "Coverage 79.9% is below the 80% minimum."))
        .noneMatch(row -> String.valueOf(row.get("reason")).contains("meets"));
  }

  @Test
  void writesTheCoverageMinimumOnceAndEveryCoverageRuleFollowsIt() {
    DmnModelInstance model = Dmn.readModelFromFile(Path.of("dmn/regra-de-ouro.dmn").toFile());
    Decision gate = model.getModelElementById("regraDeOuro");
    assertThat(gate.getModelInstance().getModelElementsByType(Text.class))
        .filteredOn(text -> gate.equals(decisionOf(text)))
        .isNotEmpty()
        .noneMatch(text -> text.getTextContent().contains("80"));

    LiteralExpression minimum = model.getModelElementById("LiteralExpression_CoverageMinimum");
    minimum.getText().setTextContent("72.5");
    String deployment = engine.getRepositoryService().createDeployment()
        .addModelInstance("regra-de-ouro-72.5.dmn", model).deploy().getId();
    try {
      assertThat(fired(clean().putValue("coverage", 75.0)))
          .contains(Map.of("verdict", "aprovado", "reason", "Coverage 75.0% meets the 72.5% minimum."));
      assertThat(fired(clean().putValue("coverage", 72.4)))
          .contains(Map.of("verdict", "reprovado", "reason", "Coverage 72.4% is below the 72.5% minimum."));
      assertThat(fired(clean().putValue("coverage", null).putValue("coverableModels", 1)))
          .extracting(row -> String.valueOf(row.get("reason"))).anyMatch(reason -> reason.endsWith("reach the 72.5% minimum."));
      assertThat(fired(clean().putValue("coverage", null).putValue("coverableModels", 0)))
          .extracting(row -> String.valueOf(row.get("reason")))
          .anyMatch(reason -> reason.contains("so the 72.5% coverage minimum does not apply."));
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment, true);
    }
  }

  private static Decision decisionOf(ModelElementInstance element) {
    ModelElementInstance parent = element.getParentElement();
    while (parent != null && !(parent instanceof Decision)) {
      parent = parent.getParentElement();
    }
    return (Decision) parent;
  }

  @Test
  void firesEveryRejectionThatApplies() {
    VariableMap bad = clean().putValue("validationErrors", 1).putValue("testsFailed", 1).putValue("coverage", 10.0);

    assertThat(fired(bad)).filteredOn(row -> "reprovado".equals(row.get("verdict"))).hasSize(3);
  }

  @Test
  void rejectsAReleaseWithUnsuppressedHighOrCriticalVulnerabilities() {
    assertThat(fired(clean().putValue("vulnerabilitiesBlocking", 2))).contains(Map.of("verdict", "reprovado",
        "reason", "2 HIGH or CRITICAL vulnerability(ies) affect the workers' dependencies; upgrade the packages, or"
            + " suppress each in .prometheus/suppressions.yaml with a reason, an owner and an expiry."));
  }

  @Test
  void rejectsAReleaseWhoseVulnerabilityScanCouldNotAskEverySource() {
    assertThat(fired(clean().putValue("vulnerabilitySourcesFailed", 1))).contains(Map.of("verdict", "reprovado",
        "reason", "The vulnerability scan is incomplete: 1 advisory source(s) could not be asked (see"
            + " etapas.vulnerabilidades.problemas); run validar again when they answer."));
  }

  @Test
  void rejectsAReleaseWithoutAnSbomAndOneThatReachedTheGateWithoutSayingSo() {
    Map<String, Object> noSbom = Map.of("verdict", "reprovado", "reason", "The release has no SBOM; run validar again.");

    assertThat(fired(clean().putValue("sbomPresent", false))).contains(noSbom);
    assertThat(fired(clean().putValue("sbomPresent", null))).contains(noSbom);
  }

  @Test
  void rejectsAReleaseWithUnsignedArtifacts() {
    assertThat(fired(clean().putValue("unsignedArtifacts", 3))).contains(Map.of("verdict", "reprovado",
        "reason", "3 artifact(s) are not signed; run validar again."));
  }

  private static VariableMap breaking(Boolean majorBumped) {
    return clean().putValue("breakingChanges", 1).putValue("semverMajorBumped", majorBumped)
        .putValue("breakingSummary", "Genesis/bpmn/pedido.bpmn: message Msg_Pago removed; senders correlating it reach nothing");
  }

  @Test
  void rejectsBreakingChangesUnderASemanticVersionThatKeepsItsMajor() {
    assertThat(fired(breaking(false))).contains(Map.of("verdict", "reprovado", "reason", "1 breaking change(s) since"
        + " the release the target runs, but release_ref keeps its major version: Genesis/bpmn/pedido.bpmn: message"
        + " Msg_Pago removed; senders correlating it reach nothing; release them as the next major version."));
  }

  @Test
  void passesBreakingChangesAnnouncedByAMajorVersionSayingWhatBreaks() {
    assertThat(fired(breaking(true))).noneMatch(row -> "reprovado".equals(row.get("verdict")))
        .anyMatch(row -> String.valueOf(row.get("reason")).startsWith("1 breaking change(s), announced by the new"
            + " major version: Genesis/bpmn/pedido.bpmn"));
  }

  @Test
  void passesBreakingChangesUnderARefThatIsNoSemanticVersionSayingWhatBreaks() {
    assertThat(fired(breaking(null))).noneMatch(row -> "reprovado".equals(row.get("verdict")))
        .anyMatch(row -> String.valueOf(row.get("reason")).startsWith("1 breaking change(s); release_ref is no"
            + " semantic version"));
  }
}
