package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Comparator;
import java.util.List;
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

  static Stream<RuleInfo> rules() {
    return RuleCatalog.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void everyRuleHasAValidAndAnInvalidModelInTheCorpus(RuleInfo rule) {
    // Only BPMN rules have a labelled corpus folder so far; DMN, form, HTML, worker, release and
    // config rules are skipped here (reported as skipped) until their corpus lands.
    assumeTrue(rule.appliesTo().equals("bpmn"), () -> rule.id() + " is a " + rule.appliesTo()
        + " rule; only bpmn rules have a rules/<id>/ corpus yet");

    List<String> models = Stream.concat(BpmnRulesCorpusTest.validModels(), BpmnRulesCorpusTest.invalidModels())
        .filter(path -> path.startsWith(rule.id() + "/"))
        .map(path -> path.substring(path.indexOf('/') + 1))
        .toList();

    assertThat(models).anyMatch(name -> name.startsWith("valid-"));
    assertThat(models).anyMatch(name -> name.startsWith("invalid-"));
  }
}
