package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final Finding LATE_ERROR =
      new Finding("Genesis/bpmn/b.bpmn", 3, 1, "", "xml-well-formed", Severity.ERROR, "is not well-formed", "fix it");
  private static final Finding EARLY_ERROR =
      new Finding("Genesis/bpmn/a.bpmn", 12, 5, "Task_X", "bpmn-engine-parse", Severity.ERROR,
          "One of the attributes 'class' … is mandatory", "choose an implementation");
  private static final Finding WARNING =
      new Finding("Genesis/bpmn/a.bpmn", 40, 2, "Gateway_A", "bpmn-engine-parse", Severity.WARNING,
          "no default flow", "mark the default flow");

  @Test
  void findingsAreSortedByFileLineAndColumn() {
    Report report = new Report(List.of(WARNING, LATE_ERROR, EARLY_ERROR));

    assertThat(report.findings()).containsExactly(EARLY_ERROR, WARNING, LATE_ERROR);
  }

  @Test
  void theSummaryCountsAndDescribesTheFirstError() {
    Report report = new Report(List.of(WARNING, LATE_ERROR, EARLY_ERROR));

    assertThat(report.summary())
        .isEqualTo("2 errors, 1 warning in 2 files; first: Genesis/bpmn/a.bpmn:12:5 (Task_X) [bpmn-engine-parse]"
            + " One of the attributes 'class' … is mandatory — choose an implementation");
    assertThat(report.errorCount()).isEqualTo(2);
    assertThat(report.warningCount()).isEqualTo(1);
    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void aCleanReportSaysSo() {
    Report report = new Report(List.of());

    assertThat(report.summary()).isEqualTo("0 errors, 0 warnings");
    assertThat(report.hasErrors()).isFalse();
  }

  @Test
  void aFindingWithoutLineOrElementDescribesWhatIsKnown() {
    Finding finding = new Finding("Genesis/forms/f.form", 0, 0, "", "file-too-large", Severity.ERROR, "is big", "shrink it");

    assertThat(finding.describe()).isEqualTo("Genesis/forms/f.form [file-too-large] is big — shrink it");
  }

  @Test
  void aRuleMustBeKebabCase() {
    assertThatThrownBy(() -> new Finding("f", 1, 1, "", "Not Kebab", Severity.ERROR, "m", "f"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
