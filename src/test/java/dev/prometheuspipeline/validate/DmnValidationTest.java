package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.Corpus.file;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DmnValidationTest {
  private final Validator validator = new Validator(5_000_000);

  @Test
  void aDecisionCamundaDeploysHasNoFindings() {
    Report report = validator.validate(List.of(file("dmn/valid.dmn")));

    assertThat(report.findings()).isEmpty();
  }

  @Test
  void aDmn11DecisionIsReadLikeCamundaReadsIt() {
    Report report = validator.validate(List.of(file("dmn/valid-dmn11.dmn")));

    assertThat(report.findings()).isEmpty();
  }

  @Test
  void aCellThatIsNotFeelIsAnErrorAtItsEntryEvenThoughTheEngineDeploysIt() {
    Report report = validator.validate(List.of(file("dmn/bad-feel.dmn")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.file()).isEqualTo("Genesis/dmn/bad-feel.dmn");
      assertThat(finding.rule()).isEqualTo("dmn-feel");
      assertThat(finding.elementId()).isEqualTo("UnaryTests_LowScore");
      assertThat(finding.line()).isEqualTo(36);
      assertThat(finding.message()).contains("[500..700[ and >");
    });
  }

  @Test
  void aSchemaErrorIsReportedAtItsLineAndElement() {
    Report report = validator.validate(List.of(file("dmn/schema-error.dmn")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("dmn-schema");
      assertThat(finding.line()).isEqualTo(8);
      assertThat(finding.column()).isPositive();
      assertThat(finding.elementId()).isEqualTo("DecisionTable_Limite");
      assertThat(finding.message()).contains("SOMETIMES");
    });
  }

  @Test
  void aDecisionWithoutHistoryTimeToLiveIsAnErrorOnTheDecision() {
    Report report = validator.validate(List.of(file("dmn/missing-httl.dmn")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("dmn-engine-parse");
      assertThat(finding.elementId()).isEqualTo("limiteSemRetencao");
      assertThat(finding.line()).isEqualTo(7);
      assertThat(finding.message()).contains("History Time To Live");
      assertThat(finding.fix()).contains("historyTimeToLive");
    });
  }

  @Test
  void whatTheEngineTransformRefusesIsPlacedOnTheElementItNames() {
    Report report = validator.validate(List.of(file("dmn/entries-mismatch.dmn")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("dmn-engine-parse");
      assertThat(finding.elementId()).isEqualTo("Rule_HighScore");
      assertThat(finding.line()).isEqualTo(21);
      assertThat(finding.message()).contains("DMN-02005");
    });
  }
}
