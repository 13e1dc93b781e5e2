package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.ReleaseCase.artifacts;
import static dev.prometheuspipeline.validate.ReleaseCase.workers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Process-variable data flow on the release corpus: warnings only where the models prove the problem. */
class DataFlowTest {
  private final Validator validator = new Validator(5_000_000);

  @Test
  void aReadThatNoPathFromADeclaredStartWritesIsAWarningWithThePath() {
    Report report = validator.validate(artifacts("read-before-write"), ReleaseContext.NONE);

    assertThat(readsBeforeWrite(report))
        .extracting(Finding::elementId, Finding::severity)
        .containsExactlyInAnyOrder(tuple("Task_Check", Severity.WARNING), tuple("Flow_Yes", Severity.WARNING));
    assertThat(readsBeforeWrite(report)).filteredOn(f -> f.elementId().equals("Flow_Yes")).singleElement()
        .satisfies(finding -> {
          assertThat(finding.message()).contains("'approved'", "Requested → Check amount → Approved? → yes");
          assertThat(finding.line()).isPositive();
        });
    assertThat(readsBeforeWrite(report)).filteredOn(f -> f.elementId().equals("Task_Check")).singleElement()
        .satisfies(finding -> assertThat(finding.message()).contains("'limit'").doesNotContain("'amount'"));
  }

  @Test
  void aVariableWrittenByATaskFormBeforeTheReadIsNotReported() {
    Report report = validator.validate(artifacts("read-after-write"), ReleaseContext.NONE);

    assertThat(readsBeforeWrite(report)).isEmpty();
    assertThat(report.errors()).as(report.summary()).isEmpty();
  }

  @Test
  void aFormFieldThatOnlyShowsAValueReadsItsVariable() {
    Report report = validator.validate(artifacts("form-shows-unset-variable"), ReleaseContext.NONE);

    assertThat(readsBeforeWrite(report)).singleElement().satisfies(finding -> {
      assertThat(finding.elementId()).isEqualTo("Task_Approve");
      assertThat(finding.message()).contains("'score'", "Requested → Approve");
    });
  }

  @Test
  void afterAReceiveTaskAnyVariableMayHaveArrivedWithTheMessage() {
    Report report = validator.validate(artifacts("read-after-message"), ReleaseContext.NONE);

    assertThat(readsBeforeWrite(report)).isEmpty();
  }

  @Test
  void aProcessThatDeclaresNoInputsMayBeStartedWithAnyVariable() {
    Report report = validator.validate(artifacts("no-declared-inputs"), ReleaseContext.NONE);

    assertThat(readsBeforeWrite(report)).isEmpty();
  }

  @Test
  void declaredProcessInputsAreTheOnlyVariablesTheStartBrings() {
    Report report = validator.validate(artifacts("declared-inputs"), ReleaseContext.NONE);

    assertThat(readsBeforeWrite(report)).singleElement().satisfies(finding -> {
      assertThat(finding.elementId()).isEqualTo("Flow_Yes");
      assertThat(finding.message()).contains("'approved'");
    });
  }

  @Test
  void anExternalTaskWhoseWorkerDeclaresNothingMayWriteAnything() {
    Report report = validator.validate(artifacts("external-task-outputs"), ReleaseContext.NONE);

    assertThat(readsBeforeWrite(report)).isEmpty();
  }

  @Test
  void aDeclaredWorkerOutputCountsAsWritten() {
    Report report = validator.validate(artifacts("external-task-outputs"),
        ReleaseReferencesTest.context(workers("external-task-outputs", "workers-declaring-approved")));

    assertThat(readsBeforeWrite(report)).isEmpty();
  }

  @Test
  void aWorkerThatDeclaresOtherOutputsDoesNotWriteTheVariable() {
    Report report = validator.validate(artifacts("external-task-outputs"),
        ReleaseReferencesTest.context(workers("external-task-outputs", "workers-declaring-other")));

    assertThat(readsBeforeWrite(report)).singleElement().satisfies(finding -> {
      assertThat(finding.elementId()).isEqualTo("Flow_Yes");
      assertThat(finding.message()).contains("'approved'", "Score");
    });
  }

  @Test
  void aVariableAFormWritesAndNoModelReadsIsInfo() {
    Report report = validator.validate(artifacts("never-read"), ReleaseContext.NONE);

    assertThat(report.findings()).filteredOn(f -> f.rule().equals("release-variable-never-read"))
        .extracting(Finding::elementId, Finding::severity, Finding::message)
        .containsExactly(tuple("Task_Approve", Severity.INFO,
            "writes variable 'comment', which no model of the release reads"));
  }

  @Test
  void builtInsBeansAndTheMultiInstanceElementVariableAreNotReadsButTheCollectionIs() {
    Report report = validator.validate(artifacts("multi-instance-and-builtins"), ReleaseContext.NONE);

    assertThat(readsBeforeWrite(report)).singleElement().satisfies(finding -> {
      assertThat(finding.elementId()).isEqualTo("Task_Notify");
      assertThat(finding.message()).contains("'approvers'");
    });
  }

  @Test
  void writesFlowThroughSubprocessesBoundaryEventsAndLoops() {
    Report report = validator.validate(artifacts("subprocess-boundary-loop"), ReleaseContext.NONE);

    // approved (written inside the subprocess) and failureCode (the error boundary's variable) are
    // written by then; only the candidate group, read on the first pass, never is.
    assertThat(readsBeforeWrite(report)).singleElement().satisfies(finding -> {
      assertThat(finding.elementId()).isEqualTo("Task_Decide");
      assertThat(finding.message()).contains("'reviewers'", "Requested → Review → Review started → Decide");
    });
    assertThat(report.errors()).as(report.summary()).isEmpty();
  }

  @Test
  void thePipelinesOwnModelsRaiseNoDataFlowWarnings() {
    // The own models call validar and implantar with explicit in-mappings: their starts are declared.
    Report report = validator.validate(ReleaseCase.ownModels(), ReleaseContext.NONE);

    assertThat(readsBeforeWrite(report)).isEmpty();
  }

  private static List<Finding> readsBeforeWrite(Report report) {
    return report.findings().stream().filter(f -> f.rule().equals("release-variable-read-before-write")).toList();
  }
}
