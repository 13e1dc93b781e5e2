package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleConfigTest {
  private static final String OURS = "Genesis/.prometheus/rules.json";
  private static final String BPMNLINT = "Genesis/.bpmnlintrc";

  private static final Finding UNNAMED_TASK = finding("bpmn-label-required", Severity.INFO);
  private static final Finding IMPLICIT_SPLIT = finding("bpmn-no-implicit-split", Severity.WARNING);
  private static final Finding ENGINE_ERROR = finding("bpmn-engine-parse", Severity.ERROR);

  @Test
  void noConfigurationKeepsEveryFindingAsItIs() {
    RuleConfig config = RuleConfig.read(Map.of());

    assertThat(config.apply(List.of(UNNAMED_TASK, IMPLICIT_SPLIT))).containsExactly(UNNAMED_TASK, IMPLICIT_SPLIT);
  }

  @Test
  void aRuleTurnedOffInRulesJsonLosesItsFindings() {
    RuleConfig config = read(OURS, "{\"rules\": {\"bpmn-label-required\": \"off\"}}");

    assertThat(config.apply(List.of(UNNAMED_TASK, IMPLICIT_SPLIT))).containsExactly(IMPLICIT_SPLIT);
    assertThat(config.findings()).isEmpty();
  }

  @Test
  void aRuleRaisedToErrorInRulesJsonMakesItsFindingsErrors() {
    RuleConfig config = read(OURS, "{\"rules\": {\"bpmn-no-implicit-split\": \"error\"}}");

    assertThat(config.apply(List.of(IMPLICIT_SPLIT)))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.ERROR);
          assertThat(f.message()).isEqualTo(IMPLICIT_SPLIT.message());
          assertThat(f.line()).isEqualTo(IMPLICIT_SPLIT.line());
        });
  }

  @Test
  void aRuleLoweredToInfoInRulesJsonMakesItsFindingsInfo() {
    RuleConfig config = read(OURS, "{\"rules\": {\"bpmn-no-implicit-split\": \"info\"}}");

    assertThat(config.apply(List.of(IMPLICIT_SPLIT))).extracting(Finding::severity).containsExactly(Severity.INFO);
  }

  @Test
  void bpmnlintNamesInBpmnlintrcConfigureTheEquivalentRules() {
    RuleConfig config = read(BPMNLINT, """
        {
          "extends": "bpmnlint:recommended",
          "rules": {
            "label-required": "off",
            "no-implicit-split": ["error", {"some": "option"}]
          }
        }
        """);

    assertThat(config.apply(List.of(UNNAMED_TASK, IMPLICIT_SPLIT)))
        .extracting(Finding::rule, Finding::severity)
        .containsExactly(tuple("bpmn-no-implicit-split", Severity.ERROR));
  }

  @Test
  void bpmnlintNumericLevelsMeanOffWarnAndError() {
    RuleConfig config = read(BPMNLINT,
        "{\"rules\": {\"label-required\": 1, \"no-implicit-split\": 0, \"bpmnlint/conditional-flows\": 2}}");

    assertThat(config.levels()).containsEntry("bpmn-label-required", RuleConfig.Level.WARNING)
        .containsEntry("bpmn-no-implicit-split", RuleConfig.Level.OFF)
        .containsEntry("bpmn-conditional-flows", RuleConfig.Level.ERROR);
  }

  @Test
  void rulesJsonWinsOverBpmnlintrc() {
    RuleConfig config = RuleConfig.read(Map.of(
        BPMNLINT, bytes("{\"rules\": {\"label-required\": \"error\"}}"),
        OURS, bytes("{\"rules\": {\"bpmn-label-required\": \"off\"}}")));

    assertThat(config.apply(List.of(UNNAMED_TASK))).isEmpty();
  }

  @Test
  void aBpmnlintRuleWithoutEquivalentIsAnInfoOnBpmnlintrcWithItsLine() {
    RuleConfig config = read(BPMNLINT, """
        {
          "rules": {
            "label-required": "warn",
            "camunda-compat/history-time-to-live": "error"
          }
        }
        """);

    assertThat(config.findings()).singleElement().satisfies(f -> {
      assertThat(f.file()).isEqualTo(BPMNLINT);
      assertThat(f.line()).isEqualTo(4);
      assertThat(f.rule()).isEqualTo("config-no-bpmnlint-equivalent");
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.message()).contains("camunda-compat/history-time-to-live");
    });
    assertThat(config.levels()).containsEntry("bpmn-label-required", RuleConfig.Level.WARNING);
  }

  @Test
  void aRuleForWhatTheEngineRejectsCannotBeTurnedOffAndTheConfigFileSaysSo() {
    RuleConfig config = read(OURS, "{\n  \"rules\": {\n    \"bpmn-engine-parse\": \"off\"\n  }\n}\n");

    assertThat(config.apply(List.of(ENGINE_ERROR))).first().isEqualTo(ENGINE_ERROR);
    assertThat(config.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("config-engine-rule-kept");
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.line()).isEqualTo(3);
      assertThat(f.message()).contains("bpmn-engine-parse").contains("stays an error");
    });
  }

  @Test
  void aConfigFileThatIsNotJsonIsAFindingWithItsLineAndTheDefaultsApply() {
    RuleConfig config = read(OURS, "{\n  \"rules\": {\n    \"bpmn-label-required\": off\n  }\n}\n");

    assertThat(config.findings()).singleElement().satisfies(f -> {
      assertThat(f.file()).isEqualTo(OURS);
      assertThat(f.rule()).isEqualTo("config-invalid");
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.line()).isEqualTo(3);
      assertThat(f.message()).contains("not valid JSON");
    });
    assertThat(config.apply(List.of(UNNAMED_TASK))).contains(UNNAMED_TASK);
  }

  @Test
  void anEntryWithAnUnknownLevelIsAFindingAndTheOtherEntriesStillApply() {
    RuleConfig config = read(OURS,
        "{\"rules\": {\n\"bpmn-label-required\": \"silent\",\n\"bpmn-no-implicit-split\": \"error\"}}");

    assertThat(config.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("config-invalid");
      assertThat(f.line()).isEqualTo(2);
      assertThat(f.message()).contains("bpmn-label-required").contains("'silent'");
    });
    assertThat(config.levels()).containsOnlyKeys("bpmn-no-implicit-split");
  }

  @Test
  void anUnknownRuleIdInRulesJsonIsAWarningOnTheConfigFile() {
    RuleConfig config = read(OURS, "{\"rules\": {\"bpmn-lable-required\": \"off\"}}");

    assertThat(config.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo("config-unknown-rule");
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.line()).isEqualTo(1);
      assertThat(f.message()).contains("bpmn-lable-required");
    });
  }

  @Test
  void aFileWithoutRulesIsAFindingOnThatFile() {
    RuleConfig config = read(OURS, "{\"rule\": {\"bpmn-label-required\": \"off\"}}");

    assertThat(config.findings()).extracting(Finding::rule).containsExactly("config-invalid");
    assertThat(config.levels()).isEmpty();
  }

  @Test
  void aHostileConfigFileIsAFindingNotAnException() {
    String deep = "{\"rules\": {\"bpmn-label-required\": " + "[".repeat(5000) + "]".repeat(5000) + "}}";

    RuleConfig config = read(OURS, deep);

    assertThat(config.findings()).extracting(Finding::rule).containsExactly("config-invalid");
  }

  @Test
  void aFileThatIsNotARuleConfigurationIsAFindingOnThatFile() {
    RuleConfig config = read("Genesis/.eslintrc", "{}");

    assertThat(config.findings()).singleElement().satisfies(f -> {
      assertThat(f.file()).isEqualTo("Genesis/.eslintrc");
      assertThat(f.rule()).isEqualTo("config-invalid");
    });
  }

  @Test
  void theValidatorAppliesTheRepositorysConfiguration() {
    FetchedArtifact unnamed = rulesCorpus("bpmn-label-required/invalid-unnamed-task.bpmn");
    Validator validator = new Validator(5_000_000);

    Report defaults = validator.validate(List.of(unnamed));
    Report configured = validator.validate(List.of(unnamed),
        Map.of(OURS, bytes("{\"rules\": {\"bpmn-label-required\": \"error\"}}")));
    Report silenced = validator.validate(List.of(unnamed),
        Map.of(BPMNLINT, bytes("{\"rules\": {\"label-required\": \"off\"}}")));

    assertThat(defaults.findings()).extracting(Finding::rule, Finding::severity)
        .containsExactly(tuple("bpmn-label-required", Severity.INFO));
    assertThat(configured.errors()).extracting(Finding::rule, Finding::elementId)
        .containsExactly(tuple("bpmn-label-required", "Task_Review"));
    assertThat(silenced.findings()).isEmpty();
  }

  @Test
  void theValidatorKeepsEngineErrorsAndReportsABrokenConfigurationBesideThem() {
    FetchedArtifact noTopic = rulesCorpus("bpmn-external-task-topic/invalid-no-topic.bpmn");

    Report report = new Validator(5_000_000).validate(List.of(noTopic), Map.of(
        OURS, bytes("{\"rules\": {\"bpmn-engine-parse\": \"warning\", \"bpmn-external-task-topic\": \"off\"}}"),
        BPMNLINT, bytes("not json")));

    assertThat(report.errors()).extracting(Finding::rule, Finding::elementId)
        .containsExactly(tuple("bpmn-engine-parse", "Task_Register"));
    assertThat(report.findings()).extracting(Finding::file, Finding::rule)
        .contains(
            tuple(OURS, "config-engine-rule-kept"),
            tuple(BPMNLINT, "config-invalid"));
  }

  private static FetchedArtifact rulesCorpus(String path) {
    return Corpus.fetched(ArtifactType.BPMN, "Genesis/bpmn/" + path.substring(path.indexOf('/') + 1),
        Corpus.read("rules/" + path));
  }

  private static RuleConfig read(String path, String json) {
    return RuleConfig.read(Map.of(path, bytes(json)));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Finding finding(String rule, Severity severity) {
    return new Finding("Genesis/bpmn/a.bpmn", 12, 5, "Task_Review", rule, severity, "what " + rule + " found",
        "how to fix it");
  }
}
