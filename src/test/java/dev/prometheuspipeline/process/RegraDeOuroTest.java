package dev.prometheuspipeline.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
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
        .putValue("coverableModels", 2);
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

  @Test
  void firesEveryRejectionThatApplies() {
    VariableMap bad = clean().putValue("validationErrors", 1).putValue("testsFailed", 1).putValue("coverage", 10.0);

    assertThat(fired(bad)).filteredOn(row -> "reprovado".equals(row.get("verdict"))).hasSize(3);
  }
}
