package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RuleCatalogTest {
  @Test
  void theCatalogueIsSortedById() {
    assertThat(RuleCatalog.all()).isSortedAccordingTo(Comparator.comparing(RuleInfo::id));
  }

  @Test
  void everyIdIsDeclaredOnce() {
    List<String> ids = RuleCatalog.all().stream().map(RuleInfo::id).toList();

    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void everyRuleThatExistedBeforeTheCatalogueIsInIt() {
    assertThat(RuleCatalog.all()).extracting(RuleInfo::id).contains(
        "file-too-large", "file-extension", "check-failed", "file-not-text", "xml-well-formed",
        "xml-doctype-forbidden", "xml-too-deep", "bpmn-engine-parse", "dmn-engine-parse", "dmn-schema",
        "dmn-feel", "form-json", "form-id", "form-components", "html-parse");
  }

  @Test
  void bpmnlintsRecommendedRulesWeFollowEachHaveAnEquivalent() {
    List<String> names = RuleCatalog.all().stream().flatMap(rule -> rule.bpmnlintNames().stream()).toList();

    assertThat(names).contains(
        "start-event-required", "end-event-required", "no-disconnected", "no-implicit-split",
        "no-duplicate-sequence-flows", "conditional-flows", "single-blank-start-event", "single-event-definition",
        "fake-join", "label-required", "no-gateway-join-fork", "sub-process-blank-start-event",
        "superfluous-gateway", "no-complex-gateway", "link-event", "event-sub-process-typed-start-event",
        "no-bpmndi");
    assertThat(names).doesNotContain("no-inclusive-gateway");
  }

  @Test
  void aBpmnlintNameFindsOurRule() {
    assertThat(RuleCatalog.byBpmnlintName("label-required"))
        .extracting(RuleInfo::id)
        .containsExactly("bpmn-label-required");
  }

  @Test
  void everyRuleSaysWhatItWantsWhyAndHowToFix() {
    assertThat(RuleCatalog.all()).allSatisfy(rule -> {
      assertThat(rule.title()).isNotBlank();
      assertThat(rule.rationale()).isNotBlank();
      assertThat(rule.fix()).isNotBlank();
    });
  }

  static Stream<RuleInfo> bpmnRules() {
    return RuleCatalog.all().stream().filter(rule -> rule.appliesTo().equals("bpmn"));
  }

  /**
   * Rules whose cases are not model files but situations, each tested by the class named: a file too large
   * or too deep, a checker that breaks, a configuration file, a worker repository.
   */
  private static final Map<String, String> TESTED_BY_SITUATION = Map.ofEntries(
      Map.entry("check-failed", "HostileInputTest"),
      Map.entry("file-too-large", "HostileInputTest"),
      Map.entry("xml-too-deep", "HostileInputTest"),
      Map.entry("file-extension", "BpmnValidationTest"),
      Map.entry("config-engine-rule-kept", "RuleConfigTest"),
      Map.entry("config-invalid", "RuleConfigTest"),
      Map.entry("config-no-bpmnlint-equivalent", "RuleConfigTest"),
      Map.entry("config-unknown-rule", "RuleConfigTest"),
      Map.entry("release-smoke-file-runs-live", "SmokeValidationTest"),
      Map.entry("worker-eslint", "WorkerLinterTest"),
      Map.entry("worker-not-linted", "WorkerLinterTest"),
      Map.entry("worker-syntax", "WorkerLinterTest"));

  @Test
  void everyOtherRuleHasItsCasesInTheLabelledCorpusOrATestOfItsSituation() throws Exception {
    String corpus;
    try (var in = RuleCatalogTest.class.getResourceAsStream("/validate/README.md")) {
      corpus = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    List<String> untested = RuleCatalog.all().stream()
        .map(RuleInfo::id)
        .filter(id -> !id.startsWith("bpmn-"))
        .filter(id -> !corpus.contains(id) && !TESTED_BY_SITUATION.containsKey(id))
        .toList();

    assertThat(untested).as("rules with no labelled case in validate/README.md and no situation test").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bpmnRules")
  void everyBpmnRuleHasAValidAndAnInvalidModelInTheCorpus(RuleInfo rule) {
    List<String> models = Stream.concat(BpmnRulesCorpusTest.validModels(), BpmnRulesCorpusTest.invalidModels())
        .filter(path -> path.startsWith(rule.id() + "/"))
        .map(path -> path.substring(path.indexOf('/') + 1))
        .toList();

    assertThat(models).anyMatch(name -> name.startsWith("valid-"));
    assertThat(models).anyMatch(name -> name.startsWith("invalid-"));
  }
}
