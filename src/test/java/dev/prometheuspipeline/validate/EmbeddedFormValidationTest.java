package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.Corpus.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedFormValidationTest {
  private final Validator validator = new Validator(5_000_000);

  @Test
  void fieldsOutsideAnyFormAreAnErrorBecauseTheSdkNeedsExactlyOneForm() {
    Report report = validator.validate(List.of(file("html/no-form.html")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("html-form");
      assertThat(finding.severity()).isEqualTo(Severity.ERROR);
      assertThat(finding.message()).contains("no <form>");
    });
  }

  @Test
  void aSecondFormIsAnErrorAtTheSecondForm() {
    Report report = validator.validate(List.of(file("html/two-forms.html")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("html-form");
      assertThat(finding.line()).isEqualTo(4);
      assertThat(finding.message()).contains("2 <form> elements");
    });
  }

  @Test
  void aFormWithoutRoleFormIsAWarningAtTheForm() {
    Report report = validator.validate(List.of(file("html/form-without-role.html")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("html-form-role");
      assertThat(finding.severity()).isEqualTo(Severity.WARNING);
      assertThat(finding.line()).isEqualTo(1);
    });
  }

  @Test
  void eachBindingProblemIsReportedAtItsFieldWithItsId() {
    Report report = validator.validate(List.of(file("html/variable-problems.html")));

    assertThat(report.findings())
        .extracting(Finding::line, Finding::elementId, Finding::rule, Finding::severity)
        .containsExactly(
            tuple(2, "unnamed", "html-variable-name", Severity.ERROR),
            tuple(3, "badName", "html-variable-name", Severity.ERROR),
            tuple(4, "lowerType", "html-variable-type", Severity.ERROR),
            tuple(5, "untyped", "html-variable-type-missing", Severity.WARNING),
            tuple(7, "amountText", "html-variable-conflict", Severity.ERROR));
  }

  @Test
  void aTypeInTheWrongCaseNamesTheTypeTheSdkKnows() {
    Report report = validator.validate(List.of(file("html/variable-problems.html")));

    assertThat(report.findings()).filteredOn(finding -> finding.rule().equals("html-variable-type"))
        .singleElement().satisfies(finding -> assertThat(finding.message()).contains("case-sensitive: Boolean"));
  }

  @Test
  void theConflictNamesTheOtherFieldsLineAndType() {
    Report report = validator.validate(List.of(file("html/variable-problems.html")));

    assertThat(report.findings()).filteredOn(finding -> finding.rule().equals("html-variable-conflict"))
        .singleElement().satisfies(finding -> assertThat(finding.message()).contains("line 6").contains("Long"));
  }

  @Test
  void everyHtmlRuleIsDescribedOnceWithAnHtmlPrefix() {
    assertThat(HtmlChecker.RULES).extracting(RuleInfo::id).doesNotHaveDuplicates()
        .allMatch(id -> id.startsWith("html-"));
  }
}
