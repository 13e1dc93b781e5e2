package dev.prometheuspipeline.smoke;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static targetengine.Artifacts.fetched;
import static targetengine.Artifacts.uniqueProduct;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.deploy.CamundaTarget;
import dev.prometheuspipeline.deploy.Deployer;
import dev.prometheuspipeline.deploy.TargetEngineClient;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.testing.TestFile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import targetengine.TargetEngine;
import targetengine.TargetEngineTest;

/** Smoke files run on a real engine over HTTP: what holds passes, what waits forever fails in time, all is deleted. */
@TargetEngineTest
class SmokeRunsTest {
  private static final Duration SHORT = Duration.ofSeconds(2);
  private static final Duration ENOUGH = Duration.ofSeconds(20);

  @LocalServerPort
  int port;

  private final SmokeRuns smoke = new SmokeRuns(Duration.ofMillis(100));
  private CamundaTarget target;
  private TargetEngineClient engine;
  private String product;
  private String process;
  private String topic;
  private String releaseRef;

  @BeforeEach
  void aProductOfItsOwn() {
    target = TargetEngine.target(port);
    engine = TargetEngine.client(target);
    product = uniqueProduct("Genesis");
    process = product + "_order";
    topic = product + "-ship";
    releaseRef = "r-" + product;
  }

  private void deploy(String bpmn) {
    new Deployer(TargetEngine.clients()).deploy(target,
        List.of(fetched(ArtifactType.BPMN, product + "/order.bpmn", bpmn)));
  }

  private static TestFile file(String path, String json) {
    return new TestFile(path, json.getBytes(UTF_8));
  }

  private List<JsonNode> smokeInstancesInHistory() {
    return engine.getAll("/history/process-instance", Map.of("processDefinitionKey", process), JsonNode[].class);
  }

  @Test
  void aSmokeThatDrivesTheOrderToItsEndPassesAndLeavesNoInstanceBehind() {
    deploy(SmokeModels.order(process, topic, product + "-paid"));
    String json = """
        { "testCases": [ { "name": "An order is reviewed, shipped and paid", "instructions": [
          { "type": "CREATE_PROCESS_INSTANCE", "processDefinitionSelector": { "processDefinitionId": "%1$s" },
            "variables": { "amount": 1500 } },
          { "type": "COMPLETE_USER_TASK", "userTaskSelector": { "elementId": "Task_Review" },
            "variables": { "reviewed": true } },
          { "type": "C7_COMPLETE_EXTERNAL_TASK", "externalTaskSelector": { "topic": "%2$s" },
            "variables": { "trackingCode": "TR-1" } },
          { "type": "ASSERT_PROCESS_INSTANCE_MESSAGE_SUBSCRIPTION",
            "processInstanceSelector": { "processDefinitionId": "%1$s" },
            "messageSelector": { "messageName": "%3$s" }, "state": "IS_WAITING" },
          { "type": "CORRELATE_MESSAGE", "name": "%3$s", "variables": { "paid": true } },
          { "type": "ASSERT_PROCESS_INSTANCE", "processInstanceSelector": { "processDefinitionId": "%1$s" },
            "state": "IS_COMPLETED" },
          { "type": "ASSERT_ELEMENT_INSTANCES", "processInstanceSelector": { "processDefinitionId": "%1$s" },
            "elementSelectors": [ { "elementId": "Task_Review" }, { "elementId": "Task_Ship" },
              { "elementId": "EndEvent_Done" } ], "state": "IS_COMPLETED_IN_ORDER" },
          { "type": "ASSERT_VARIABLES", "processInstanceSelector": { "processDefinitionId": "%1$s" },
            "variables": { "amount": 1500, "reviewed": true, "trackingCode": "TR-1", "paid": true } } ] } ] }
        """.formatted(process, topic, product + "-paid");

    List<SmokeResult> results = smoke.run(engine, List.of(file("tests/Genesis/smoke/order.json", json)), releaseRef,
        ENOUGH);

    assertThat(results).singleElement().satisfies(result -> {
      assertThat(result.name()).isEqualTo("smoke:tests/Genesis/smoke/order.json");
      assertThat(result.passed()).as(result.detail()).isTrue();
      assertThat(result.detail()).contains("1 test case(s), 8 step(s)", "deleted");
    });
    assertThat(smokeInstancesInHistory()).isEmpty();
    assertThat(engine.getAll("/process-instance", Map.of("processDefinitionKey", process), JsonNode[].class)).isEmpty();
  }

  @Test
  void liveWorkersServeEachSmokeInstanceUnderItsOwnSmokeBusinessKey() throws InterruptedException {
    deploy(SmokeModels.shipOnly(process, topic));
    List<String> servedKeys = new CopyOnWriteArrayList<>();
    AtomicBoolean serving = new AtomicBoolean(true);
    Thread worker = new Thread(() -> serve(servedKeys, serving), "genesis-ship-worker");
    worker.start();
    try {
      List<SmokeResult> results = smoke.run(engine, List.of(
          file("tests/Genesis/smoke/a.json", SmokeModels.startAndComplete(process)),
          file("tests/Genesis/smoke/b.json", SmokeModels.startAndComplete(process))), "r-42", ENOUGH);

      assertThat(results).allSatisfy(result -> assertThat(result.passed()).as(result.detail()).isTrue());
      assertThat(servedKeys).containsExactly("smoke:r-42:1", "smoke:r-42:2");
      assertThat(smokeInstancesInHistory()).isEmpty();
    } finally {
      serving.set(false);
      worker.join(10_000);
    }
  }

  /** A worker of the target, as a real one would be: fetches its topic, completes, keeps the business key seen. */
  private void serve(List<String> servedKeys, AtomicBoolean serving) {
    TargetEngineClient client = TargetEngine.client(target);
    while (serving.get()) {
      JsonNode[] tasks = client.post("/external-task/fetchAndLock", Map.of(), Map.of("workerId", "genesis-worker",
          "maxTasks", 1, "topics", List.of(Map.of("topicName", topic, "lockDuration", 10_000))), JsonNode[].class);
      for (JsonNode task : tasks) {
        servedKeys.add(task.path("businessKey").asText());
        client.post("/external-task/{id}/complete", Map.of("id", task.path("id").asText()),
            Map.of("workerId", "genesis-worker"), Void.class);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Test
  void aTopicNobodyServesFailsTheAssertionWhenTheTimeoutIsUpAndSaysWhereTheInstanceWaits() {
    deploy(SmokeModels.shipOnly(process, topic));

    long started = System.nanoTime();
    List<SmokeResult> results = smoke.run(engine,
        List.of(file("tests/Genesis/smoke/ship.json", SmokeModels.startAndComplete(process))), releaseRef, SHORT);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(SHORT);
    assertThat(results).singleElement().satisfies(result -> {
      assertThat(result.status()).isEqualTo(SmokeResult.Status.FAILED);
      assertThat(result.detail()).contains("tests/Genesis/smoke/ship.json line 3, step 2 (ASSERT_PROCESS_INSTANCE)",
          "to be completed within PT2S", "it is active", "\"Ship order\" (Task_Ship)",
          "external task of topic \"" + topic + "\" at Task_Ship, which no worker has locked", "deleted");
      assertThat(result.durationMs()).isGreaterThanOrEqualTo(SHORT.toMillis());
    });
    assertThat(smokeInstancesInHistory()).isEmpty();
  }

  @Test
  void aCorrelationKeyMeansTheInstanceTheFileGaveThatBusinessKey() {
    String message = product + "-paid";
    deploy(SmokeModels.waitsForPayment(process, message));
    String json = """
        { "testCases": [ { "name": "Only the first order is paid", "instructions": [
          { "type": "CREATE_PROCESS_INSTANCE", "processDefinitionSelector": { "processDefinitionId": "%1$s" },
            "businessKey": "order-1" },
          { "type": "CREATE_PROCESS_INSTANCE", "processDefinitionSelector": { "processDefinitionId": "%1$s" },
            "businessKey": "order-2" },
          { "type": "CORRELATE_MESSAGE", "name": "%2$s", "correlationKey": "order-1" },
          { "type": "ASSERT_PROCESS_INSTANCE_MESSAGE_SUBSCRIPTION",
            "processInstanceSelector": { "processDefinitionId": "%1$s" },
            "messageSelector": { "messageName": "%2$s" }, "state": "IS_WAITING" },
          { "type": "CORRELATE_MESSAGE", "name": "%2$s", "correlationKey": "order-3" } ] } ] }
        """.formatted(process, message);

    List<SmokeResult> results = smoke.run(engine, List.of(file("tests/Genesis/smoke/paid.json", json)), releaseRef,
        SHORT);

    assertThat(results).singleElement().satisfies(result -> {
      assertThat(result.status()).isEqualTo(SmokeResult.Status.FAILED);
      assertThat(result.detail()).as("steps 1 to 4 held").contains("step 5 (CORRELATE_MESSAGE)",
          "correlation key \"order-3\" is the business key of no instance this case started");
    });
    assertThat(smokeInstancesInHistory()).isEmpty();
  }

  @Test
  void anInstructionOnlyTheSandboxHasIsRefusedBeforeAnythingStarts() {
    deploy(SmokeModels.shipOnly(process, topic));
    String json = """
        { "testCases": [ { "name": "Shipping waits a day", "instructions": [
          { "type": "CREATE_PROCESS_INSTANCE", "processDefinitionSelector": { "processDefinitionId": "%s" } },
          { "type": "INCREASE_TIME", "duration": "P1D" } ] } ] }
        """.formatted(process);

    List<SmokeResult> results = smoke.run(engine, List.of(file("tests/Genesis/smoke/late.json", json)), releaseRef,
        SHORT);

    assertThat(results).singleElement().satisfies(result -> {
      assertThat(result.status()).isEqualTo(SmokeResult.Status.FAILED);
      assertThat(result.detail()).contains("refused, nothing was started",
          "tests/Genesis/smoke/late.json line 3, step 2 (INCREASE_TIME)", "INCREASE_TIME runs only in the sandbox");
    });
    assertThat(smokeInstancesInHistory()).isEmpty();
  }
}
