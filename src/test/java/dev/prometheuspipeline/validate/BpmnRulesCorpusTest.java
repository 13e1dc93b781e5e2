package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The labelled corpus under {@code validate/rules/<rule-id>/}: each {@code invalid-*} model gets its
 * rule's finding, placed on the line of the element it names; each {@code valid-*} model gets none, and
 * no error at all (the engine deploys every one of them).
 */
class BpmnRulesCorpusTest {
  private static final Validator VALIDATOR = new Validator(5_000_000);

  static Stream<String> validModels() {
    return corpus("valid-");
  }

  static Stream<String> invalidModels() {
    return corpus("invalid-");
  }

  static Stream<String> corpus(String prefix) {
    try (Stream<Path> files = Files.walk(rulesFolder())) {
      return files
          .filter(file -> file.getFileName().toString().startsWith(prefix))
          .filter(file -> file.getFileName().toString().endsWith(".bpmn"))
          .map(file -> rulesFolder().relativize(file).toString().replace('\\', '/'))
          .sorted()
          .toList()
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validModels")
  void aValidModelHasNoFindingOfItsRuleAndNoError(String corpusPath) {
    Report report = VALIDATOR.validate(List.of(artifact(corpusPath)));

    assertThat(report.findings()).extracting(Finding::rule).doesNotContain(ruleId(corpusPath));
    assertThat(report.errors()).as(report.summary()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidModels")
  void anInvalidModelGetsItsRulesFindingOnTheLineOfTheElement(String corpusPath) {
    String rule = ruleId(corpusPath);
    RuleInfo info = RuleCatalog.byId(rule).orElseThrow(() -> new AssertionError("no rule " + rule));
    FetchedArtifact artifact = artifact(corpusPath);
    Report report = VALIDATOR.validate(List.of(artifact));
    List<Finding> ofRule = report.findings().stream().filter(f -> f.rule().equals(rule)).toList();

    if (ofRule.isEmpty() && info.engineRejects() && !rule.equals(BpmnChecker.RULE)) {
      // The engine said it first, at the same element; the rule itself must still see the problem.
      List<Finding> direct = BpmnRules.check(checked(artifact)).stream().filter(f -> f.rule().equals(rule)).toList();
      assertThat(direct).as("the rule's own findings").isNotEmpty();
      for (Finding finding : direct) {
        assertThat(report.errors())
            .as("an engine error at %s", finding.elementId())
            .anySatisfy(error -> assertThat(error.elementId()).isEqualTo(finding.elementId()));
      }
      ofRule = direct;
    }

    assertThat(ofRule).as(report.summary()).isNotEmpty();
    String[] lines = new String(artifact.content(), StandardCharsets.UTF_8).split("\n");
    assertThat(ofRule).allSatisfy(finding -> {
      assertThat(finding.severity()).isEqualTo(info.defaultSeverity());
      assertThat(finding.file()).isEqualTo("Genesis/rules/" + corpusPath);
      assertThat(finding.elementId()).isNotEmpty();
      assertThat(finding.line()).isPositive();
      assertThat(lines[finding.line() - 1]).contains("id=\"" + finding.elementId() + "\"");
      assertThat(finding.fix()).isNotBlank();
    });
    assertThat(report.findings())
        .extracting(Finding::rule)
        .allSatisfy(id -> assertThat(RuleCatalog.byId(id)).as("rule %s in the catalogue", id).isPresent());
  }

  static Path rulesFolder() {
    try {
      return Path.of(BpmnRulesCorpusTest.class.getResource("/validate/rules").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String ruleId(String corpusPath) {
    return corpusPath.substring(0, corpusPath.indexOf('/'));
  }

  private static FetchedArtifact artifact(String corpusPath) {
    byte[] content = Corpus.read("rules/" + corpusPath);
    return Corpus.fetched(ArtifactType.BPMN, "Genesis/rules/" + corpusPath, content);
  }

  private static CheckedFile checked(FetchedArtifact artifact) {
    XmlScanner.Scan scan = new XmlScanner().scan(artifact.path(), artifact.content());
    assertThat(scan.passed()).isTrue();
    return new CheckedFile(artifact.path(), artifact.artifact().resourceName(), artifact.content(),
        new String(artifact.content(), StandardCharsets.UTF_8), scan.locations());
  }
}
