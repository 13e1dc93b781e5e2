package dev.prometheuspipeline.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

/**
 * The Regra de Ouro's checklist, one rule per test, evaluated by the engine's DMN engine (FEEL) on the real file.
 * Every row scores one criterion: {@code criterion, status, weight, blocking, waivable, reason}.
 */
@Deployment(resources = "dmn/regra-de-ouro.dmn")
class RegraDeOuroTest {
  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-models.cfg.xml").build();

  private static final List<String> CRITERIA = List.of("validation", "artifacts", "tests", "coverage",
      "vulnerabilities", "sbom", "signatures", "semver", "documentation", "changelog", "migration", "rollback");

  /** A clean, documented release: every input present, nothing wrong. Tests change one thing at a time. */
  static VariableMap clean() {
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
        .putValue("semverMajorBumped", null)
        .putValue("readmePresent", true)
        .putValue("changelogEntry", true)
        .putValue("migrationGuidePresent", false)
        .putValue("rollbackPlanPresent", true)
        .putValue("documentationSummary", "every product folder has a README.md");
  }

  private List<Map<String, Object>> fired(VariableMap inputs) {
    return engine.getDecisionService().evaluateDecisionByKey("regraDeOuro").variables(inputs).evaluate()
        .getResultList();
  }

  /** The rows of one criterion. */
  private List<Map<String, Object>> criterion(VariableMap inputs, String criterion) {
    return fired(inputs).stream().filter(row -> criterion.equals(row.get("criterion"))).toList();
  }

  /** The one row of {@code criterion}: status, blocking, waivable and reason. */
  private void assertRow(VariableMap inputs, String criterion, String status, boolean blocking, boolean waivable,
      String reason) {
    assertThat(criterion(inputs, criterion))
        .extracting(r -> r.get("status"), r -> r.get("blocking"), r -> r.get("waivable"), r -> r.get("reason"))
        .containsExactly(tuple(status, blocking, waivable, reason));
  }

  @Test
  void aCleanDocumentedReleasePassesEveryCriterionOnceWithWeightsSummingToAHundred() {
    List<Map<String, Object>> rows = fired(clean());

    assertThat(rows).extracting(row -> row.get("criterion")).containsExactlyElementsOf(CRITERIA);
    assertThat(rows).allSatisfy(row -> assertThat(row.get("status")).as("%s", row).isEqualTo("pass"));
    assertThat(rows.stream().mapToInt(row -> ((Number) row.get("weight")).intValue()).sum()).isEqualTo(100);
  }

  @Test
  void failsValidationErrorsBlockingAndNotWaivable() {
    assertRow(clean().putValue("validationErrors", 3), "validation", "fail", true, false,
        "Validation found 3 error(s); fix them and run validar again.");
  }

  @Test
  void passesNoValidationErrors() {
    assertRow(clean(), "validation", "pass", false, false, "No validation errors.");
  }

  @Test
  void failsMissingValidationFigures() {
    assertRow(clean().putValue("validationErrors", null), "validation", "fail", true, false,
        "Validation reported no figures; run validar again.");
  }

  @Test
  void failsAReleaseWithoutArtifactsOrWhoseCountIsMissing() {
    for (Object count : new Object[] {0, null}) {
      assertRow(clean().putValue("artifactCount", count), "artifacts", "fail", true, false,
          "The release has no artifacts; list at least one in artefatos.");
    }
  }

  @Test
  void failsFailedTestsBlockingButWaivable() {
    assertRow(clean().putValue("testsFailed", 2), "tests", "fail", true, true, "2 test(s) failed; every test must pass.");
  }

  @Test
  void passesWhenEveryTestPassedNamingThem() {
    assertRow(clean().putValue("testsPassed", 7), "tests", "pass", false, true, "All 7 test(s) passed.");
  }

  /** A worker-only release without tests: no failed test, no test at all. It must not pass silently. */
  @Test
  void failsWithoutBlockingWhenNoTestRan() {
    VariableMap workerOnly = clean().putValue("testsPassed", 0).putValue("coverage", null)
        .putValue("coverableModels", 0);

    assertRow(workerOnly, "tests", "fail", false, true, "No test ran: the release declares no process, decision or"
        + " worker test, so nothing shows it works; add tests under tests/<product>/ or in the worker repository.");
  }

  /** What the release holds when validar skipped its tests: the test stage's figures were never set. */
  private static VariableMap testsSkipped(int validationErrors) {
    return clean().putValue("validationErrors", validationErrors).putValue("testsFailed", null)
        .putValue("testsPassed", null).putValue("coverage", null).putValue("coverableModels", null);
  }

  @Test
  void failsTheTestsWhenValidarSkippedThem() {
    assertRow(testsSkipped(2), "tests", "fail", true, true,
        "The tests did not run: models with validation errors are not tested.");
  }

  @Test
  void failsCoverageNotMeasuredWhenValidarSkippedTheTests() {
    assertRow(testsSkipped(2), "coverage", "fail", true, true, "Coverage was not measured: the tests did not run.");
  }

  @Test
  void failsMeasuredCoverageBelowEightyPercent() {
    assertRow(clean().putValue("coverage", 79.9), "coverage", "fail", true, true,
        "Coverage 79.9% is below the 80% minimum.");
  }

  @Test
  void passesCoverageOfExactlyEightyPercent() {
    assertRow(clean().putValue("coverage", 80.0), "coverage", "pass", false, true,
        "Coverage 80.0% meets the 80% minimum.");
  }

  @Test
  void failsModelsThatNoDeclaredTestCovers() {
    assertRow(clean().putValue("coverage", null).putValue("coverableModels", 3), "coverage", "fail", true, true,
        "The release has 3 process or decision model(s) and no test measured their coverage;"
            + " add test cases under tests/<product>/ to reach the 80% minimum.");
  }

  @Test
  void passesAReleaseWithNothingToCoverAndSaysWhy() {
    assertRow(clean().putValue("coverage", null).putValue("coverableModels", 0), "coverage", "pass", false, true,
        "The release has no process or decision models, so the 80% coverage minimum does not apply.");
  }

  @Test
  void failsUnsuppressedHighOrCriticalVulnerabilities() {
    assertRow(clean().putValue("vulnerabilitiesBlocking", 2), "vulnerabilities", "fail", true, true,
        "2 HIGH or CRITICAL vulnerability(ies) affect the workers' dependencies; upgrade the packages, or"
            + " suppress each in .prometheus/suppressions.yaml with a reason, an owner and an expiry.");
  }

  @Test
  void failsAVulnerabilityScanThatCouldNotAskEverySource() {
    assertRow(clean().putValue("vulnerabilitySourcesFailed", 1), "vulnerabilities", "fail", true, true,
        "The vulnerability scan is incomplete: 1 advisory source(s) could not be asked (see"
            + " etapas.vulnerabilidades.problemas); run validar again when they answer.");
  }

  @Test
  void failsAReleaseThatReachedTheGateWithoutAScan() {
    assertRow(clean().putValue("vulnerabilitiesBlocking", null), "vulnerabilities", "fail", true, true,
        "No vulnerability scan reached the gate; run validar again.");
  }

  @Test
  void failsAReleaseWithoutAnSbomNotWaivable() {
    for (Object present : new Object[] {false, null}) {
      assertRow(clean().putValue("sbomPresent", present), "sbom", "fail", true, false,
          "The release has no SBOM; run validar again.");
    }
  }

  @Test
  void failsUnsignedArtifactsNotWaivable() {
    assertRow(clean().putValue("unsignedArtifacts", 3), "signatures", "fail", true, false,
        "3 artifact(s) are not signed; run validar again.");
  }

  @Test
  void failsMissingSigningFiguresNotWaivable() {
    assertRow(clean().putValue("unsignedArtifacts", null), "signatures", "fail", true, false,
        "The signatures were not recorded; run validar again.");
  }

  private static VariableMap breaking(Boolean majorBumped) {
    return clean().putValue("breakingChanges", 1).putValue("semverMajorBumped", majorBumped)
        .putValue("migrationGuidePresent", true)
        .putValue("breakingSummary", "Genesis/bpmn/pedido.bpmn: message Msg_Pago removed; senders correlating it reach nothing");
  }

  @Test
  void failsBreakingChangesUnderASemanticVersionThatKeepsItsMajor() {
    assertRow(breaking(false), "semver", "fail", true, true, "1 breaking change(s) since"
        + " the release the target runs, but release_ref keeps its major version: Genesis/bpmn/pedido.bpmn: message"
        + " Msg_Pago removed; senders correlating it reach nothing; release them as the next major version.");
  }

  @Test
  void passesBreakingChangesAnnouncedByAMajorVersionSayingWhatBreaks() {
    assertThat(criterion(breaking(true), "semver")).singleElement().satisfies(row -> {
      assertThat(row.get("status")).isEqualTo("pass");
      assertThat((String) row.get("reason")).startsWith("1 breaking change(s), announced by the new major version:"
          + " Genesis/bpmn/pedido.bpmn");
    });
  }

  @Test
  void warnsOfBreakingChangesUnderARefThatIsNoSemanticVersion() {
    assertThat(criterion(breaking(null), "semver")).singleElement().satisfies(row -> {
      assertThat(row.get("status")).isEqualTo("warn");
      assertThat((String) row.get("reason")).startsWith("1 breaking change(s); release_ref is no semantic version");
    });
  }

  @Test
  void warnsWhenTheModelsWereNotCompared() {
    assertRow(clean().putValue("breakingChanges", null), "semver", "warn", false, true,
        "The models were not compared with the release the target runs.");
  }

  @Test
  void failsAProductFolderWithoutReadmeWithoutBlocking() {
    assertRow(clean().putValue("readmePresent", false).putValue("documentationSummary", "missing Genesis/README.md"),
        "documentation", "fail", false, true, "A product folder has no README.md: missing Genesis/README.md");
  }

  @Test
  void warnsThatTheDocumentationWasNotCheckedForAReleaseWithoutProductFolder() {
    assertRow(clean().putValue("readmePresent", null), "documentation", "warn", false, true,
        "The documentation was not checked: the release has no product folder.");
  }

  @Test
  void failsWithoutAChangelogEntryForTheRelease() {
    assertRow(clean().putValue("changelogEntry", false), "changelog", "fail", false, true,
        "No CHANGELOG.md entry names this release: add a heading with release_ref to CHANGELOG.md (product folder"
            + " or repository root).");
  }

  @Test
  void warnsThatTheChangelogWasNotChecked() {
    assertRow(clean().putValue("changelogEntry", null), "changelog", "warn", false, true,
        "The CHANGELOG was not checked: the release has no product folder.");
  }

  @Test
  void failsABreakingReleaseWithoutMigrationGuideBlocking() {
    assertRow(breaking(true).putValue("migrationGuidePresent", false), "migration", "fail", true, true,
        "The release breaks callers but has no migration guide: add MIGRATION.md (product folder or repository root)"
            + " or docs/migration*.md.");
  }

  @Test
  void passesABreakingReleaseWithItsMigrationGuide() {
    assertRow(breaking(true), "migration", "pass", false, true, "The breaking changes come with a migration guide.");
  }

  @Test
  void asksNoMigrationGuideWhenNothingBreaks() {
    assertRow(clean(), "migration", "pass", false, true, "No breaking change, so no migration guide is needed.");
  }

  @Test
  void failsWithoutRollbackPlan() {
    assertRow(clean().putValue("rollbackPlanPresent", false), "rollback", "fail", false, true,
        "No rollback plan: add ROLLBACK.md (product folder or repository root) saying how to undo the release.");
  }

  @Test
  void warnsThatTheRollbackPlanWasNotChecked() {
    assertRow(clean().putValue("rollbackPlanPresent", null), "rollback", "warn", false, true,
        "The rollback plan was not checked: the release has no product folder.");
  }

  @Test
  void theThresholdsAreEightyPercentCoverageAndNinetyAndSeventyFivePercentScore() {
    assertThat(single("coverageMinimum")).isEqualTo(80.0);
    assertThat(single("passScore")).isEqualTo(90.0);
    assertThat(single("warningScore")).isEqualTo(75.0);
  }

  private double single(String decision) {
    Object value = engine.getDecisionService().evaluateDecisionByKey(decision).evaluate()
        .getSingleResult().getSingleEntry();
    assertThat(value).isInstanceOf(Number.class);
    return ((Number) value).doubleValue();
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
      assertRow(clean().putValue("coverage", 75.0), "coverage", "pass", false, true,
          "Coverage 75.0% meets the 72.5% minimum.");
      assertRow(clean().putValue("coverage", 72.4), "coverage", "fail", true, true,
          "Coverage 72.4% is below the 72.5% minimum.");
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
}
