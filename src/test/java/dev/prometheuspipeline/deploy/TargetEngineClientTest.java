package dev.prometheuspipeline.deploy;

import static targetengine.Artifacts.uniqueProduct;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import targetengine.Models;
import targetengine.TargetEngine;
import targetengine.TargetEngineTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

@TargetEngineTest
class TargetEngineClientTest {
  @LocalServerPort
  int port;

  @Test
  void healthProbeRefusesAWrongPasswordThatGetEngineWouldLetThrough() {
    String engines = RestClient.create().get()
        .uri("http://localhost:" + port + "/engine-rest/engine")
        .retrieve()
        .body(String.class);
    TargetEngineClient wrongPassword = TargetEngine.client(
        TargetEngine.target(port, TargetEngine.LOCKABLE_USER, "not-the-password"));

    TargetException failure = catchThrowableOfType(TargetException.class, wrongPassword::deploymentCount);

    assertThat(engines).contains(TargetEngine.ENGINE);
    assertThat(failure.status()).hasValue(401);
    assertThat(failure.isRetryable()).isFalse();
  }

  @Test
  void listsEveryDeploymentOfANameNewestFirstAcrossPages() {
    String product = uniqueProduct("Genesis");
    TargetEngineClient engine = new TargetEngineClient(TargetEngine.target(port), RestClient.builder(), 2);
    List<String> created = new ArrayList<>();
    for (String label : List.of("First", "Second", "Third")) {
      created.add(0, engine.createDeployment(product, Deployer.SOURCE, List.of(new DeploymentResource(
          "order.bpmn", Models.bpmn(product + "_order", label).getBytes(UTF_8)))).id());
    }

    List<EngineDeployment> listed = engine.deployments(product, Deployer.SOURCE);

    assertThat(listed).extracting(EngineDeployment::id).containsExactlyElementsOf(created);
  }

  @Test
  void aRestUrlThatIsNotTheRestRootIsRefusedWithAHint() {
    TargetEngineClient engine = TargetEngine.client(new CamundaTarget(
        URI.create("http://localhost:" + port + "/rest"), TargetEngine.USER, TargetEngine.PASSWORD,
        Duration.ofSeconds(10)));

    TargetException failure = catchThrowableOfType(TargetException.class, engine::deploymentCount);

    assertThat(failure.status()).hasValue(404);
    assertThat(failure.isRetryable()).isFalse();
    assertThat(failure.getMessage()).contains("pipeline.target.url");
  }

  @Test
  void aServerErrorIsRetryable() throws IOException {
    HttpServer unavailable = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    unavailable.createContext("/", exchange -> {
      byte[] page = "<html><body>Engine is restarting</body></html>".getBytes(UTF_8);
      exchange.sendResponseHeaders(503, page.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(page);
      }
    });
    unavailable.start();
    try {
      TargetEngineClient engine = TargetEngine.client(new CamundaTarget(
          URI.create("http://127.0.0.1:" + unavailable.getAddress().getPort() + "/engine-rest"),
          TargetEngine.USER, TargetEngine.PASSWORD, Duration.ofSeconds(10)));

      TargetException failure = catchThrowableOfType(TargetException.class, engine::deploymentCount);

      assertThat(failure.status()).hasValue(503);
      assertThat(failure.isRetryable()).isTrue();
      assertThat(failure.getMessage()).contains("Engine is restarting");
    } finally {
      unavailable.stop(0);
    }
  }

  @Test
  void aTargetThatDoesNotAnswerInTimeIsRetryable() throws IOException {
    // The kernel completes connections into the backlog; nobody ever reads the request or answers it.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      TargetEngineClient engine = TargetEngine.client(new CamundaTarget(
          URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/engine-rest"),
          TargetEngine.USER, TargetEngine.PASSWORD, Duration.ofSeconds(1)));

      TargetException failure = catchThrowableOfType(TargetException.class, engine::deploymentCount);

      assertThat(failure.status()).isEmpty();
      assertThat(failure.isRetryable()).isTrue();
      assertThat(failure.getMessage()).contains("did not answer", "pipeline.target.timeout");
    }
  }

  @Test
  void aTasksCamundaFormReferenceIsReadFromTheEngine() {
    String product = uniqueProduct("Forms");
    String processKey = product.replace('-', '_') + "_order";
    TargetEngineClient engine = TargetEngine.client(TargetEngine.target(port));
    String withForm = Models.bpmn(processKey, "Order").replace("<bpmn:userTask id=\"Task_Review\" name=\"Review\" />",
        "<bpmn:userTask id=\"Task_Review\" name=\"Review\" camunda:formRef=\"approve\" camunda:formRefBinding=\"latest\" />");
    engine.createDeployment(product, Deployer.SOURCE, List.of(new DeploymentResource("order.bpmn",
        withForm.getBytes(UTF_8))));
    String instance = (String) engine.post("/process-definition/key/{key}/start", Map.of("key", processKey),
        Map.of(), Map.class).get("id");
    Object[] tasks = engine.get("/task", Map.of("processInstanceId", instance), Object[].class);
    String taskId = (String) ((Map<?, ?>) tasks[0]).get("id");

    TaskForm form = engine.taskForm(taskId);

    assertThat(form.reference()).hasValue(new TaskForm.FormRef("approve", "latest", null));
  }

  /** Operaton answers the same resource with its own name for the reference; nothing else differs. */
  @Test
  void anOperatonFormReferenceIsReadToo() throws IOException {
    HttpServer operaton = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    operaton.createContext("/engine-rest/task/t-1/form", exchange -> {
      byte[] body = "{\"key\":null,\"contextPath\":null,\"operatonFormRef\":{\"key\":\"approve\",\"binding\":\"version\",\"version\":3}}"
          .getBytes(UTF_8);
      boolean authenticated = exchange.getRequestHeaders().getFirst("Authorization") != null;
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(authenticated ? 200 : 401, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    operaton.start();
    try {
      TargetEngineClient engine = TargetEngine.client(new CamundaTarget(
          URI.create("http://127.0.0.1:" + operaton.getAddress().getPort() + "/engine-rest"),
          TargetEngine.USER, TargetEngine.PASSWORD, Duration.ofSeconds(10)));

      assertThat(engine.taskForm("t-1").reference()).hasValue(new TaskForm.FormRef("approve", "version", 3));
    } finally {
      operaton.stop(0);
    }
  }
}
