package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.Corpus.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.prometheuspipeline.release.ArtifactType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormAndHtmlValidationTest {
  private final Validator validator = new Validator(5_000_000);

  @Test
  void aFormSavedByModelerHasNoFindings() {
    Report report = validator.validate(List.of(file("form/valid.form")));

    assertThat(report.findings()).isEmpty();
  }

  @Test
  void aFormThatIsNotJsonIsReportedAtTheSyntaxError() {
    Report report = validator.validate(List.of(file("form/invalid-json.form")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("form-json");
      assertThat(finding.line()).isEqualTo(6);
      assertThat(finding.column()).isPositive();
    });
  }

  @Test
  void aFormWithoutIdIsFlaggedOnceAtItsStart() {
    Report report = validator.validate(List.of(file("form/no-id.form")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("form-id");
      assertThat(finding.line()).isEqualTo(1);
      assertThat(finding.message()).contains("id");
    });
  }

  @Test
  void aFormWithoutComponentsIsAnError() {
    Report report = validator.validate(List.of(file("form/no-components.form")));

    assertThat(report.findings()).extracting(Finding::rule).containsExactly("form-components");
  }

  @Test
  void everyComponentWithoutATypeIsReportedAtItsPlaceNestedOnesToo() {
    Report report = validator.validate(List.of(file("form/component-without-type.form")));

    assertThat(report.findings())
        .extracting(Finding::line, Finding::elementId, Finding::rule)
        .containsExactly(
            tuple(9, "Field_Comment", "form-components"),
            tuple(14, "", "form-components"),
            tuple(19, "Field_Nested", "form-components"));
  }

  @Test
  void aNormalEmbeddedFormHasNoFindings() {
    Report report = validator.validate(List.of(file("html/valid-embedded.html")));

    assertThat(report.findings()).isEmpty();
  }

  @Test
  void htmlThatLosesContentIsAnErrorAndHtmlTheBrowserRepairsIsAWarning() {
    Report report = validator.validate(List.of(file("html/broken.html")));

    assertThat(report.errors())
        .extracting(Finding::line, Finding::column, Finding::rule)
        .containsExactly(tuple(4, 128, "html-parse"), tuple(9, 1, "html-parse"));
    assertThat(report.errors().get(0).message()).contains("duplicate attribute");
    assertThat(report.warnings()).extracting(Finding::line).contains(6);
  }

  @Test
  void aWholeHtmlDocumentIsParsedAsADocumentNotAFragment() {
    byte[] page =
        "<!DOCTYPE html>\n<html><head><title>Aprovar</title></head><body><form role=\"form\"><input name=\"x\"></form></body></html>"
            .getBytes(StandardCharsets.UTF_8);

    Report report = validator.validate(List.of(Corpus.fetched(ArtifactType.HTML, "Genesis/forms/page.html", page)));

    assertThat(report.findings()).isEmpty();
  }

  @Test
  void anUnclosedScriptIsAnError() {
    byte[] html =
        "<form>\n<script cam-script type=\"text/form-script\">\ncamForm.on('submit', function() {});\n"
            .getBytes(StandardCharsets.UTF_8);

    Report report = validator.validate(List.of(Corpus.fetched(ArtifactType.HTML, "Genesis/forms/x.html", html)));

    assertThat(report.errors()).isNotEmpty();
  }
}
