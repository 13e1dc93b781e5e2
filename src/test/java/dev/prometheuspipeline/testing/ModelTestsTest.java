package dev.prometheuspipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prometheuspipeline.release.FetchedArtifact;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The order process's scenarios, one per instruction family, on a real Camunda 7 engine. */
class ModelTestsTest {
  static final String DIR = "testing/scenario/";
  static final Duration LIMIT = Duration.ofSeconds(60);

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
    assertThat(order).hasSize(11);
    assertThat(order.values())
        .allSatisfy(result -> {
          assertThat(result.failure()).as(result.name()).isEmpty();
          assertThat(result.status()).isEqualTo(TestResult.Status.PASSED);
          assertThat(result.kind()).isEqualTo(TestResult.Kind.SCENARIO);
          assertThat(result.file()).isEqualTo("tests/Loja/pedido.json");
        });
  }

  @Test
  void recordsTheFlowNodesSequenceFlowsAndRulesTheHappyPathTook() {
    ExecutionTrace trace = order.get("Approved order is discounted, shipped and paid").trace();

    assertThat(trace.flowNodes().get("pedido")).containsExactlyInAnyOrder(
        "StartEvent_OrderPlaced", "Task_CheckStock", "Gateway_InStock", "Task_Approve", "Gateway_Approved",
        "Task_Discount", "Task_Ship", "Event_PaymentReceived", "EndEvent_Approved");
    assertThat(trace.flowNodes().get("envio")).contains("Task_BookCarrier", "EndEvent_Shipped");
    assertThat(trace.sequenceFlows().get("pedido")).containsExactlyInAnyOrder(
        "Flow_ToCheckStock", "Flow_ToInStock", "Flow_InStock", "Flow_ToApproved", "Flow_Approved", "Flow_ToShip",
        "Flow_ToPayment", "Flow_ToApprovedEnd");
    assertThat(trace.rules()).containsEntry("desconto", java.util.Set.of("Rule_GoldLarge"));
  }

  @Test
  void leavesStubbedProcessesAndDecisionsOutOfTheTrace() {
    ExecutionTrace trace = order.get("Shipping and discount stubbed").trace();

    assertThat(trace.flowNodes().get("pedido")).contains("Task_Ship", "EndEvent_Approved");
    assertThat(trace.flowNodes()).doesNotContainKey("envio");
    assertThat(trace.rules()).doesNotContainKey("desconto");
  }

  @Test
  void tracesOnlyWhatEachScenarioDidThoughTheyShareAnEngine() {
    ExecutionTrace rejected = order.get("Rejected order ends without shipping").trace();

    assertThat(rejected.flowNodes().get("pedido")).contains("EndEvent_Rejected").doesNotContain("EndEvent_Approved");
    assertThat(rejected.flowNodes()).doesNotContainKey("envio");
    assertThat(rejected.rules()).isEmpty();
  }

  @Test
  void runsTheSameScenariosTwiceInOneEngineWithTheSameResults() {
    List<TestResult> twice = new ModelTests(1, LIMIT).run(release(),
        List.of(testFile("pedido.json"), new TestFile("tests/Loja/pedido-copia.json", Models.read(DIR + "tests/pedido.json"))));

    assertThat(twice).hasSize(22).allMatch(TestResult::passed);
    for (int i = 0; i < 11; i++) {
      assertThat(twice.get(i + 11).trace()).as(twice.get(i).name()).isEqualTo(twice.get(i).trace());
    }
  }

  @Test
  void givesTheSameResultsWhenScenariosRunInParallel() {
    List<TestFile> files = List.of(testFile("pedido.json"), testFile("pedido-falhas.json"), testFile("desconto.dmn-test.json"));

    List<TestResult> sequential = new ModelTests(1, LIMIT).run(release(), files);
    List<TestResult> parallel = new ModelTests(2, LIMIT).run(release(), files);

    assertThat(parallel).hasSameSizeAs(sequential);
    for (int i = 0; i < sequential.size(); i++) {
      TestResult one = sequential.get(i);
      TestResult other = parallel.get(i);
      assertThat(other.name()).isEqualTo(one.name());
      assertThat(other.status()).as(one.name()).isEqualTo(one.status());
      assertThat(other.failure()).as(one.name()).isEqualTo(one.failure());
      assertThat(other.trace()).as(one.name()).isEqualTo(one.trace());
    }
  }

  @Test
  void startsProcessesByConditionAndFailsWhenNoneStarted() {
    List<FetchedArtifact> models = List.of(Models.at("Loja/bpmn/recompra.bpmn", DIR + "recompra.bpmn"));

    Map<String, TestResult> results = byName(new ModelTests(1, LIMIT).run(models, List.of(testFile("recompra.json"))));

    assertThat(results.get("Low stock starts a reorder").status()).isEqualTo(TestResult.Status.PASSED);
    TestResult nothing = results.get("Enough stock starts nothing");
    assertThat(nothing.status()).isEqualTo(TestResult.Status.FAILED);
    assertThat(nothing.failure().orElseThrow().message()).endsWith("no instance of process recompra was started; "
        + "start one with CREATE_PROCESS_INSTANCE first");
  }

  @Test
  void refusesAParallelismBelowOne() {
    assertThatThrownBy(() -> new ModelTests(0, LIMIT)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parallelism");
  }
}
