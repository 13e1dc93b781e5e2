package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.ReleaseCase.artifacts;
import static dev.prometheuspipeline.validate.ReleaseCase.workers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.prometheuspipeline.release.DeployedDefinitions;
import dev.prometheuspipeline.release.DeployedDefinitions.Kind;
import dev.prometheuspipeline.release.DeployedDefinitions.Presence;
import java.util.List;
import org.junit.jupiter.api.Test;

/** References between models, duplicate ids per product deployment, and worker topics, on the release corpus. */
class ReleaseReferencesTest {
  private final Validator validator = new Validator(5_000_000);

  @Test
  void aReleaseWhoseReferencesAllResolveHasNoErrorsOrWarnings() {
    Report report = validator.validate(artifacts("references-resolve"), ReleaseContext.NONE);

    assertThat(report.errors()).as(report.summary()).isEmpty();
    // The small models of this corpus have no diagrams; that rule is tested elsewhere.
    assertThat(report.warnings()).as(report.summary()).extracting(Finding::rule).containsOnly("bpmn-diagram");
  }

  @Test
  void referencesOutsideTheReleaseAreUncheckedWarningsWhenThereIsNoTarget() {
    Report report = validator.validate(artifacts("references-missing"), ReleaseContext.NONE);

    assertThat(releaseFindings(report))
        .extracting(Finding::elementId, Finding::rule, Finding::severity)
        .containsExactlyInAnyOrder(
            tuple("CallActivity_Billing", "release-reference-unchecked", Severity.WARNING),
            tuple("Task_CheckLimits", "release-reference-unchecked", Severity.WARNING),
            tuple("Task_Approve", "release-reference-unchecked", Severity.WARNING));
    assertThat(releaseFindings(report).get(0).message()).contains("could not check: not in this release and no target to ask");
  }

  @Test
  void referencesAbsentFromTheReleaseAndTheTargetAreErrorsOnTheReferringElement() {
    Report report = validator.validate(artifacts("references-missing"), withTarget(Presence.ABSENT));

    assertThat(releaseFindings(report))
        .extracting(Finding::line, Finding::elementId, Finding::rule, Finding::severity)
        .containsExactlyInAnyOrder(
            tuple(8, "CallActivity_Billing", "release-called-element-resolves", Severity.ERROR),
            tuple(12, "Task_CheckLimits", "release-decision-ref-resolves", Severity.ERROR),
            tuple(14, "Task_Approve", "release-form-ref-resolves", Severity.ERROR));
    assertThat(report.errors().get(0).message()).contains("'billing'", "test target");
  }

  @Test
  void referencesPresentOnTheTargetPass() {
    Report report = validator.validate(artifacts("references-missing"), withTarget(Presence.PRESENT));

    assertThat(releaseFindings(report)).isEmpty();
  }

  @Test
  void deploymentFormKeysAndDeploymentBindingsNeedTheFormInTheSameProductFolder() {
    Report report = validator.validate(artifacts("form-in-other-product"), withTarget(Presence.PRESENT));

    assertThat(releaseFindings(report))
        .extracting(Finding::elementId, Finding::rule)
        .containsExactlyInAnyOrder(
            tuple("Task_Approve", "release-form-ref-resolves"),
            tuple("Task_Confirm", "release-form-key-resolves"),
            tuple("Task_Review", "release-form-key-resolves"));
    assertThat(report.errors()).allSatisfy(finding -> assertThat(finding.message()).contains("'Genesis'"));
  }

  @Test
  void twoFilesOfOneProductWithTheSameProcessDecisionOrFormIdAreEachAnError() {
    Report report = validator.validate(artifacts("duplicate-ids"), ReleaseContext.NONE);

    assertThat(report.errors())
        .extracting(Finding::file, Finding::line, Finding::rule)
        .containsExactlyInAnyOrder(
            tuple("Genesis/bpmn/order-copy.bpmn", 5, "release-duplicate-definition-id"),
            tuple("Genesis/bpmn/order.bpmn", 5, "release-duplicate-definition-id"),
            tuple("Genesis/dmn/limits-v2.dmn", 5, "release-duplicate-definition-id"),
            tuple("Genesis/dmn/limits.dmn", 5, "release-duplicate-definition-id"),
            tuple("Genesis/forms/approve-copy.form", 2, "release-duplicate-definition-id"),
            tuple("Genesis/forms/approve.form", 2, "release-duplicate-definition-id"));
    // One form without id in a deployment deploys (under the key ''): a warning, not a duplicate.
    assertThat(report.warnings())
        .extracting(Finding::file, Finding::line, Finding::rule)
        .contains(tuple("Genesis/forms/no-id.form", 1, "form-id"));
    assertThat(report.errors().get(0).message())
        .contains("process id 'order' is also defined in Genesis/bpmn/order.bpmn", "refuses the whole deployment");
  }

  @Test
  void theSameIdsInDifferentProductFoldersAreNotDuplicates() {
    Report report = validator.validate(artifacts("same-ids-other-products"), ReleaseContext.NONE);

    assertThat(report.errors()).as(report.summary()).isEmpty();
  }

  @Test
  void aTopicTheWorkersDoNotDeclareIsAnErrorAndADeclaredTopicNobodyUsesIsInfo() {
    Report report = validator.validate(artifacts("topics"), context(workers("topics", "workers")));

    assertThat(releaseFindings(report))
        .extracting(Finding::file, Finding::elementId, Finding::rule, Finding::severity)
        .containsExactlyInAnyOrder(
            tuple("Genesis/order.bpmn", "Task_Charge", "release-topic-declared", Severity.ERROR),
            tuple("workers/package.json", "", "release-topic-unused", Severity.INFO));
    assertThat(report.errors().get(0).message()).contains("'pipeline.charge'", "pipeline.fetch, pipeline.legacy");
  }

  @Test
  void topicsAllDeclaredAndUsedHaveNoFindings() {
    Report report = validator.validate(artifacts("topics"), context(workers("topics", "workers-all-declared")));

    assertThat(releaseFindings(report)).isEmpty();
  }

  @Test
  void aWorkerRepositoryThatDeclaresNoTopicsLeavesTopicsUnchecked() {
    Report report = validator.validate(artifacts("topics"), context(workers("topics", "workers-undeclared")));

    assertThat(releaseFindings(report)).isEmpty();
  }

  @Test
  void aPackageJsonThatIsNotJsonIsAnErrorAtItsPlaceAndLeavesTopicsUnchecked() {
    Report report = validator.validate(artifacts("topics"), context(workers("topics", "workers-broken")));

    assertThat(releaseFindings(report)).singleElement().satisfies(finding -> {
      assertThat(finding.file()).isEqualTo("workers-broken/package.json");
      assertThat(finding.rule()).isEqualTo("release-worker-declaration");
      assertThat(finding.line()).isEqualTo(5); // where the JSON ends unclosed
      assertThat(finding.message()).contains("not valid JSON");
    });
  }

  @Test
  void everyReleaseRuleIsDescribedOnceWithAReleaseId() {
    assertThat(ReleaseChecks.RULES).extracting(RuleInfo::id).doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).startsWith("release-"))
        .contains("release-variable-read-before-write", "release-variable-never-read");
  }

  /** The findings of the rules under test here; data flow has its own test. */
  static List<Finding> releaseFindings(Report report) {
    return report.findings().stream()
        .filter(finding -> finding.rule().startsWith("release-") && !finding.rule().startsWith("release-variable-"))
        .toList();
  }

  static ReleaseContext context(WorkerDeclarations workers) {
    return new ReleaseContext(DeployedDefinitions.none(), workers);
  }

  /** A target that answers every lookup the same: a stand-in for the REST one tested in deploy/. */
  private static ReleaseContext withTarget(Presence answer) {
    return new ReleaseContext(new DeployedDefinitions() {
      @Override
      public Presence lookup(Kind kind, String key) {
        return answer;
      }

      @Override
      public String describe() {
        return "test target";
      }
    }, WorkerDeclarations.none());
  }
}
