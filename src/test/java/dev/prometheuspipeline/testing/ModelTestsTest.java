package dev.prometheuspipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.FetchedArtifact;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelTestsTest {
  private static final String DIR = "testing/scenario/";
  private static final Duration LIMIT = Duration.ofSeconds(20);

  private static Map<String, TestResult> order;

  static List<FetchedArtifact> release() {
    return List.of(
        Models.at("Loja/bpmn/pedido.bpmn", DIR + "pedido.bpmn"),
        Models.at("Loja/bpmn/envio.bpmn", DIR + "envio.bpmn"),
        Models.at("Loja/bpmn/reabastecer.bpmn", DIR + "reabastecer.bpmn"),
        Models.at("Loja/dmn/desconto.dmn", DIR + "desconto.dmn"));
  }

  static TestFile testFile(String name) {
    return new TestFile("tests/Loja/" + name, Models.read(DIR + "tests/" + name));
  }

  static Map<String, TestResult> byName(List<TestResult> results) {
    return results.stream().collect(Collectors.toMap(TestResult::name, Function.identity()));
  }

  @BeforeAll
  static void runTheOrderScenarios() {
    order = byName(new ModelTests(1, LIMIT).run(release(), List.of(testFile("pedido.json"))));
  }

  @Test
  void passesEveryScenarioOfTheOrderProcess() {
    assertThat(order.values())
        .allSatisfy(result -> assertThat(result.failure()).as(result.name()).isEmpty());
    assertThat(order).hasSize(9);
    assertThat(order.values()).extracting(TestResult::kind).containsOnly(TestResult.Kind.SCENARIO);
  }
}
