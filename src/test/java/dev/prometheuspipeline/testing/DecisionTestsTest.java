package dev.prometheuspipeline.testing;

import static dev.prometheuspipeline.testing.ModelTestsTest.LIMIT;
import static dev.prometheuspipeline.testing.ModelTestsTest.byName;
import static dev.prometheuspipeline.testing.ModelTestsTest.release;
import static dev.prometheuspipeline.testing.ModelTestsTest.testFile;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Decision tables tested case by case: the project's JSON format and DMN TCK test case XML. */
class DecisionTestsTest {
  private static Map<String, TestResult> results;

  @BeforeAll
  static void runTheDecisionTests() {
    results = byName(new ModelTests(1, LIMIT).run(release(),
        List.of(testFile("desconto.dmn-test.json"), testFile("desconto-tck.xml"), testFile("xxe-tck.xml"))));
  }

  @Test
  void passesJsonCasesGivenAsOneResultOrAList() {
    assertThat(results.get("Gold customers with large orders get ten percent").status()).isEqualTo(TestResult.Status.PASSED);
    assertThat(results.get("Gold customers with small orders get five percent").status()).isEqualTo(TestResult.Status.PASSED);
    assertThat(results.get("Bronze customers get nothing").status()).isEqualTo(TestResult.Status.PASSED);
    assertThat(results.get("Bronze customers get nothing").kind()).isEqualTo(TestResult.Kind.DECISION);
  }

  @Test
  void failsAJsonCaseSayingWhatTheTableGaveInstead() {
    TestResult result = results.get("Silver customers get five percent (wrong on purpose)");

    assertThat(result.status()).isEqualTo(TestResult.Status.FAILED);
    assertThat(result.failure().orElseThrow().message()).startsWith("tests/Loja/desconto.dmn-test.json line 10: decision \"Discount\" (desconto) with "
            + "{\"tier\":\"silver\",\"total\":10} gave ")
        .contains("\"discount\":0.02")
        .endsWith(", expected {\"discount\":0.05,\"reason\":\"silver customer\"}");
  }

  @Test
  void recordsTheRuleEachDecisionCaseFired() {
    assertThat(results.get("Gold customers with small orders get five percent").trace().rules())
        .containsEntry("desconto", Set.of("Rule_Gold"));
  }

  @Test
  void passesTckCasesNamingTheDecisionByNameOrId() {
    assertThat(results.get("001: Gold customer, large order").status()).isEqualTo(TestResult.Status.PASSED);
    assertThat(results.get("002: Silver customer").status()).isEqualTo(TestResult.Status.PASSED);
  }

  @Test
  void failsATckCaseWithItsLine() {
    TestResult result = results.get("003: Bronze customer expected a discount (wrong on purpose)");

    assertThat(result.status()).isEqualTo(TestResult.Status.FAILED);
    assertThat(result.failure().orElseThrow().message()).startsWith("tests/Loja/desconto-tck.xml line 27: ")
        .contains("\"no discount for this tier\"");
  }

  @Test
  void refusesATckFileWithADoctype() {
    TestResult result = results.get("xxe-tck.xml");

    assertThat(result.status()).isEqualTo(TestResult.Status.ERROR);
    assertThat(result.failure().orElseThrow().message()).startsWith("tests/Loja/xxe-tck.xml line 2: has a DOCTYPE")
        .doesNotContain("root:");
  }
}
