package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.Corpus.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.ArtifactType;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormJsValidationTest {
  private final Validator validator = new Validator(5_000_000);

  @Test
  void groupsDynamicListsExpressionsAndConditionsOfFormJs187HaveNoFindings() {
    Report report = validator.validate(List.of(file("form/valid-scoped-keys.form")));

    assertThat(report.findings()).isEmpty();
  }

  @Test
  void aComponentTypeTheTasklistDoesNotKnowIsAnErrorAtTheType() {
    Report report = validator.validate(List.of(file("form/unknown-type.form")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("form-component-type");
      assertThat(finding.elementId()).isEqualTo("Field_Contract");
      assertThat(finding.line()).isEqualTo(8);
      assertThat(finding.column()).isPositive();
      assertThat(finding.message()).contains("'filepicker'").contains("1.8.7");
    });
  }

  @Test
  void twoFieldsWritingOneVariableAreAnErrorAtTheSecondKey() {
    Report report = validator.validate(List.of(file("form/duplicate-key.form")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("form-duplicate-key");
      assertThat(finding.severity()).isEqualTo(Severity.ERROR);
      assertThat(finding.elementId()).isEqualTo("Field_AmountAgain");
      assertThat(finding.line()).isEqualTo(20);
      assertThat(finding.message()).contains("'amount'").contains("Field_Amount").contains("line 6");
    });
  }

  @Test
  void feelThatDoesNotParseIsAnErrorInConditionsExpressionsAndPrefixedProperties() {
    Report report = validator.validate(List.of(file("form/bad-feel.form")));

    assertThat(report.findings())
        .extracting(Finding::rule, Finding::elementId, Finding::line)
        .containsExactlyInAnyOrder(
            tuple("form-feel", "Field_Discount", 11),
            tuple("form-feel", "Field_Total", 17),
            tuple("form-feel", "Field_Comment", 23));
    assertThat(report.findings()).extracting(Finding::message)
        .anySatisfy(message -> assertThat(message).startsWith("conditional.hide 'amount >' is not valid FEEL"))
        .anySatisfy(message -> assertThat(message).startsWith("label 'if then else' is not valid FEEL"));
  }

  @Test
  void schemaErrorsArePlacedAtTheValueAndNameTheComponent() {
    Report report = validator.validate(List.of(file("form/schema-error.form")));

    assertThat(report.findings())
        .allSatisfy(finding -> assertThat(finding.rule()).isEqualTo("form-schema"))
        .extracting(Finding::elementId, Finding::line)
        .containsExactlyInAnyOrder(
            tuple("Field_Email", 11),
            tuple("Field_Keyless", 13),
            tuple("Field_Wide", 22));
    assertThat(report.findings()).filteredOn(finding -> finding.elementId().equals("Field_Keyless"))
        .singleElement().satisfies(finding -> assertThat(finding.message()).contains("key"));
  }

  @Test
  void aFormSavedForANewerFormJsThanTheTasklistsIsASchemaError() {
    String valid = new String(Corpus.read("form/valid.form"), StandardCharsets.UTF_8);
    byte[] newer = valid.replace("\"schemaVersion\": 16", "\"schemaVersion\": 18").getBytes(StandardCharsets.UTF_8);

    Report report = validator.validate(List.of(Corpus.fetched(ArtifactType.FORM, "Genesis/forms/newer.form", newer)));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("form-schema");
      assertThat(finding.line()).isEqualTo(30);
      assertThat(finding.message()).contains("/schemaVersion").contains("16");
    });
  }

  @Test
  void theVendoredSchemaRefersOnlyToItselfSoValidationNeedsNoNetwork() throws Exception {
    JsonNode schema;
    try (InputStream in = FormChecker.class.getResourceAsStream(FormChecker.SCHEMA_RESOURCE)) {
      schema = new ObjectMapper().readTree(in);
    }

    assertThat(schema.findValuesAsText("$ref")).isNotEmpty().allMatch(ref -> ref.startsWith("#/"));
  }

  @Test
  void everyFormRuleIsDescribedOnceWithAFormPrefix() {
    assertThat(FormChecker.RULES).extracting(RuleInfo::id).doesNotHaveDuplicates()
        .allMatch(id -> id.startsWith("form-"));
  }
}
