package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lint rules on a public corpus nobody here wrote: Camunda 7.24's own ~1950 test models, unpacked
 * by the build into {@code target/engine-test-models}. The rules alone (no engine, so the run is quick):
 * they must never break, and apart from the rules for what the engine itself rejects, they may call an
 * error only what is really broken.
 */
class PublicCorpusRulesTest {
  private static final Path CORPUS = Path.of("target", "engine-test-models");
  private static final List<Finding> FINDINGS = new ArrayList<>();
  private static int models;

  @BeforeAll
  static void lintTheCorpus() throws IOException {
    assumeTrue(Files.isDirectory(CORPUS), "the build unpacks the engine's test models into " + CORPUS
        + " (phase generate-test-resources); run through Maven");
    XmlScanner scanner = new XmlScanner();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(CORPUS)) {
      files = walk.filter(p -> p.toString().endsWith(".bpmn") || p.toString().endsWith(".bpmn20.xml")).sorted().toList();
    }
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      String path = CORPUS.relativize(file).toString().replace('\\', '/');
      XmlScanner.Scan scan = scanner.scan(path, bytes);
      if (scan.passed()) {
        models++;
        FINDINGS.addAll(BpmnRules.check(new CheckedFile(path, file.getFileName().toString(), bytes,
            new String(bytes, StandardCharsets.UTF_8), scan.locations())));
      }
    }
  }

  @Test
  void theRulesCheckEveryModelWithoutBreaking() {
    assertThat(models).isGreaterThan(1900);
    assertThat(FINDINGS).extracting(Finding::rule).doesNotContain(Validator.CHECK_FAILED);
  }

  @Test
  void theOnlyLintErrorsAreOnModelsWrittenToBeBroken() {
    Set<String> erroneous = new TreeSet<>();
    for (Finding finding : FINDINGS) {
      boolean engineRule = RuleCatalog.byId(finding.rule()).map(RuleInfo::engineRejects).orElse(true);
      if (finding.severity() == Severity.ERROR && !engineRule) {
        erroneous.add(finding.file().substring(finding.file().lastIndexOf('/') + 1) + " " + finding.rule());
      }
    }

    // Each is deliberately broken in the engine's tests: an unparsable expression, or a timer text
    // ("time is just a concept") on a path the test makes sure is never reached.
    assertThat(erroneous).containsExactlyInAnyOrder(
        "BpmnDeploymentTest.testInvalidExpression.bpmn20.xml bpmn-juel-expression",
        "BpmnParseTest.testExpressionParsingErrors.bpmn bpmn-juel-expression",
        "ScriptTaskTest.testPreviousTaskShouldNotHandleException.bpmn bpmn-timer-value",
        "ServiceTaskClassDelegateActivityBehaviorTest.testExceptionThrownBySecondScopeServiceTaskIsNotHandled.bpmn bpmn-timer-value",
        "ServiceTaskDelegateExpressionActivityBehaviorTest.testExceptionThrownBySecondScopeServiceTaskIsNotHandled.bpmn bpmn-timer-value",
        "ServiceTaskExpressionActivityBehaviorTest.testExceptionThrownBySecondScopeServiceTaskIsNotHandled.bpmn bpmn-timer-value");
  }
}
