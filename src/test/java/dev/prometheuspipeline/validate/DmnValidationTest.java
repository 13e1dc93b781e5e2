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
  void theInputDataOfADmn13ModelAreNotMistakenForRequirements() throws java.io.IOException {
    // The model API types DMN 1.3's <inputData> as an element reference too, with no href.
    byte[] model = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(
        "src/test/resources/testing/tck/compliance-level-2/0001-approval-unique/0001-approval-unique.dmn"));

    Report report = validator.validate(List.of(Corpus.fetched(dev.prometheuspipeline.release.ArtifactType.DMN,
        "Tck/dmn/0001-approval-unique.dmn", model)));

    assertThat(report.findings()).extracting(Finding::rule).doesNotContain("dmn-requirement-href");
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
      assertThat(finding.rule()).isEqualTo("dmn-history-time-to-live");
      assertThat(finding.elementId()).isEqualTo("limiteSemRetencao");
      assertThat(finding.line()).isEqualTo(7);
      assertThat(finding.message()).contains("camunda:historyTimeToLive");
      assertThat(finding.fix()).contains("Time to live");
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

  @Test
  void dmn15IsReadBecauseCamunda724ParsesAndDeploysIt() {
    Report report = validator.validate(List.of(file("dmn/valid-dmn15.dmn")));

    assertThat(report.findings()).isEmpty();
  }

  @Test
  void aNamespaceThatIsNoDmnVersionCamundaReadsIsAnErrorThatSaysToSaveAsDmn13() {
    Report report = validator.validate(List.of(file("dmn/version-unknown.dmn")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("dmn-version");
      assertThat(finding.severity()).isEqualTo(Severity.ERROR);
      assertThat(finding.line()).isEqualTo(6);
      assertThat(finding.message()).contains("https://www.omg.org/spec/DMN/20240513/MODEL/");
      assertThat(finding.fix()).contains("DMN 1.3");
    });
  }

  @Test
  void twoElementsWithOneIdAreReportedAtTheSecondWithTheId() {
    Report report = validator.validate(List.of(file("dmn/duplicate-id.dmn")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("dmn-duplicate-id");
      assertThat(finding.elementId()).isEqualTo("Output_Limit");
      assertThat(finding.line()).isEqualTo(20);
      assertThat(finding.message()).contains("line 19");
    });
  }

  @Test
  void aDuplicateIdKeepsTheSchemasWordsThatTheEngineRefusesTheFileWith() {
    Report report = validator.validate(List.of(file("dmn/duplicate-id.dmn")));

    assertThat(report.findings()).singleElement().satisfies(finding ->
        assertThat(finding.message()).contains("cvc-id.2: There are multiple occurrences of ID value 'Output_Limit'"));
  }

  @Test
  void priorityHitPolicyIsAnErrorBecauseCamunda7DoesNotImplementIt() {
    Report report = validator.validate(List.of(file("dmn/hit-policy-priority.dmn")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("dmn-hit-policy-unsupported");
      assertThat(finding.elementId()).isEqualTo("DecisionTable_Limite");
      assertThat(finding.line()).isEqualTo(8);
      assertThat(finding.message()).contains("PRIORITY");
    });
  }

  @Test
  void collectWithAnAggregationOfRulesWithTwoOutputValuesIsAnErrorThoughTheEngineDeploysIt() {
    Report report = validator.validate(List.of(file("dmn/collect-sum-two-outputs.dmn")));

    assertThat(report.findings()).hasSize(3).allSatisfy(finding -> {
      assertThat(finding.rule()).isEqualTo("dmn-collect-aggregation");
      assertThat(finding.severity()).isEqualTo(Severity.ERROR);
      assertThat(finding.message()).contains("SUM").contains("outputs 2 values");
    }).extracting(Finding::elementId).containsExactly("Rule_HighScore", "Rule_Business", "Rule_Otherwise");
  }

  @Test
  void uniqueRulesWithIdenticalInputEntriesAreAWarningOnTheSecondRule() {
    Report report = validator.validate(List.of(file("dmn/unique-identical-rules.dmn")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("dmn-unique-overlap");
      assertThat(finding.severity()).isEqualTo(Severity.WARNING);
      assertThat(finding.elementId()).isEqualTo("Rule_Business");
      assertThat(finding.line()).isEqualTo(35);
      assertThat(finding.message()).contains("Rule_HighScore");
    });
  }

  @Test
  void aTypeTheEngineDoesNotKnowIsAWarningOnItsOutput() {
    Report report = validator.validate(List.of(file("dmn/type-ref-unknown.dmn")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("dmn-type-ref");
      assertThat(finding.severity()).isEqualTo(Severity.WARNING);
      assertThat(finding.elementId()).isEqualTo("Output_Limit");
      assertThat(finding.line()).isEqualTo(19);
      assertThat(finding.message()).contains("'money'");
    });
  }

  @Test
  void aRequirementOnADecisionOfTheSameFileHasNoFindings() {
    Report report = validator.validate(List.of(file("dmn/valid-drg.dmn")));

    assertThat(report.findings()).isEmpty();
  }

  @Test
  void aRequiredDecisionThatIsNotInTheFileIsOneErrorOnTheRequirementNotAlsoTheEnginesVaguerOne() {
    Report report = validator.validate(List.of(file("dmn/requirement-dangling.dmn")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("dmn-requirement-href");
      assertThat(finding.elementId()).isEqualTo("InformationRequirement_Risco");
      assertThat(finding.line()).isEqualTo(7);
      assertThat(finding.message()).contains("#riscoAntigo");
    });
  }

  @Test
  void anOutputEntryThatIsNotFeelIsAnErrorAtTheEntry() {
    Report report = validator.validate(List.of(file("dmn/bad-output-entry.dmn")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("dmn-feel");
      assertThat(finding.elementId()).isEqualTo("LiteralExpression_BusinessLimit");
      assertThat(finding.line()).isEqualTo(42);
      assertThat(finding.message()).startsWith("output entry 'score *'");
    });
  }

  @Test
  void aLiteralExpressionThatIsNotFeelIsAnErrorAtTheExpression() {
    Report report = validator.validate(List.of(file("dmn/bad-literal-expression.dmn")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("dmn-feel");
      assertThat(finding.elementId()).isEqualTo("LiteralExpression_Risco");
      assertThat(finding.line()).isEqualTo(16);
    });
  }

  @Test
  void aJuelCellThatDoesNotParseIsAJuelError() {
    Report report = validator.validate(List.of(file("dmn/bad-juel.dmn")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("dmn-juel");
      assertThat(finding.elementId()).isEqualTo("UnaryTests_HighScore");
      assertThat(finding.line()).isEqualTo(22);
      assertThat(finding.message()).contains("not valid JUEL");
    });
  }

  @Test
  void aJuelCellThatParsesHasNoFindings() {
    Report report = validator.validate(List.of(file("dmn/valid-juel.dmn")));

    assertThat(report.findings()).isEmpty();
  }

  @Test
  void anAggregationWithoutCollectIsAnErrorBecauseTheEngineRefusesIt() {
    String valid = new String(Corpus.read("dmn/valid.dmn"), java.nio.charset.StandardCharsets.UTF_8);
    byte[] firstSum = valid.replace("hitPolicy=\"FIRST\"", "hitPolicy=\"FIRST\" aggregation=\"SUM\"")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    Report report = validator.validate(List.of(
        Corpus.fetched(dev.prometheuspipeline.release.ArtifactType.DMN, "Genesis/dmn/first-sum.dmn", firstSum)));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("dmn-hit-policy-unsupported");
      assertThat(finding.message()).contains("SUM").contains("FIRST");
    });
  }

  @Test
  void everyDmnRuleIsDescribedOnceWithADmnPrefix() {
    List<RuleInfo> rules = new java.util.ArrayList<>(DmnChecker.RULES);
    rules.addAll(DmnRules.RULES);
    rules.addAll(FeelCheck.RULES);

    assertThat(rules).extracting(RuleInfo::id).doesNotHaveDuplicates().allMatch(id -> id.startsWith("dmn-"));
    assertThat(rules).extracting(RuleInfo::appliesTo).containsOnly("dmn");
  }
}
