package dev.prometheuspipeline.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SandboxEngineTest {
  private final List<SandboxEngine> opened = new ArrayList<>();

  @AfterEach
  void closeEverything() {
    opened.forEach(SandboxEngine::close);
    SandboxEngine.shutDownIdle();
  }

  @Test
  void aModelThatParsesIsDeployed() {
    SandboxEngine sandbox = start();

    DeployAttempt attempt = sandbox.deploy("Genesis", Map.of("p.bpmn", process("p", "camunda:historyTimeToLive=\"30\"")));

    assertThat(attempt.succeeded()).isTrue();
    assertThat(sandbox.repositoryService().createProcessDefinitionQuery().processDefinitionKey("p").count())
        .isEqualTo(1);
  }

  @Test
  void aModelTheEngineRefusesComesBackAsAFailureNotAnException() {
    SandboxEngine sandbox = start();

    DeployAttempt attempt = sandbox.deploy("Genesis", Map.of("p.bpmn", process("p", "")));

    assertThat(attempt.succeeded()).isFalse();
    assertThat(attempt.deploymentId()).isEmpty();
    assertThat(attempt.failure()).get().isInstanceOf(ParseException.class);
    assertThat(attempt.failure().get().getMessage()).contains("History Time To Live");
  }

  @Test
  void warningsOfAModelThatDeploysAreKept() {
    SandboxEngine sandbox = start();

    DeployAttempt attempt =
        sandbox.deploy("Genesis", Map.of("p.bpmn", gatewayWithoutDefault()));

    assertThat(attempt.succeeded()).isTrue();
    assertThat(attempt.warnings()).singleElement().satisfies(warnings -> {
      assertThat(warnings.resourceName()).isEqualTo("p.bpmn");
      assertThat(warnings.warnings()).singleElement()
          .satisfies(problem -> assertThat(problem.getMainElementId()).isEqualTo("Gateway_1"));
    });
  }

  @Test
  void aSandboxIsNeverRegisteredWhereTheApplicationsEngineLives() {
    SandboxEngine sandbox = start();

    assertThat(ProcessEngines.getProcessEngines()).doesNotContainKey(sandbox.name());
  }

  @Test
  void aClosedHandleAndTheServiceItGaveOutRefuseToWork() {
    SandboxEngine sandbox = start();
    RepositoryService repository = sandbox.repositoryService();

    sandbox.close();

    assertThatThrownBy(() -> sandbox.deploy("x", Map.of())).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(repository::createDeploymentQuery).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aReusedEngineStartsWithNothingDeployed() {
    SandboxEngine first = start();
    first.deploy("Genesis", Map.of("p.bpmn", process("p", "camunda:historyTimeToLive=\"30\"")));
    String engineName = first.name();
    first.close();

    SandboxEngine second = start();

    assertThat(second.name()).isEqualTo(engineName);
    assertThat(second.repositoryService().createDeploymentQuery().count()).isZero();
    assertThat(second.repositoryService().createProcessDefinitionQuery().count()).isZero();
  }

  @Test
  void shuttingDownFreesTheInMemoryDatabase() throws SQLException {
    SandboxEngine sandbox = start();
    String jdbcUrl = sandbox.jdbcUrl();
    sandbox.close();

    SandboxEngine.shutDownIdle();

    // IFEXISTS: connecting must not create a new, empty database of the same name.
    assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl + ";IFEXISTS=TRUE", "sa", "").close())
        .isInstanceOf(SQLException.class);
  }

  @Test
  void atMostTwoEnginesAreKeptIdle() {
    SandboxEngine a = start();
    SandboxEngine b = start();
    SandboxEngine c = start();

    a.close();
    b.close();
    c.close();

    assertThat(IdleEngines.idleCount()).isEqualTo(IdleEngines.MAX_IDLE);
  }

  private SandboxEngine start() {
    SandboxEngine sandbox = SandboxEngine.start();
    opened.add(sandbox);
    return sandbox;
  }

  private static byte[] process(String id, String attributes) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
            + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"t\">\n"
            + "  <process id=\"" + id + "\" isExecutable=\"true\" " + attributes + ">\n"
            + "    <startEvent id=\"StartEvent_1\"/>\n"
            + "  </process>\n"
            + "</definitions>\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gatewayWithoutDefault() {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
            + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"t\">\n"
            + "  <process id=\"p\" isExecutable=\"true\" camunda:historyTimeToLive=\"30\">\n"
            + "    <startEvent id=\"StartEvent_1\"/>\n"
            + "    <sequenceFlow id=\"Flow_1\" sourceRef=\"StartEvent_1\" targetRef=\"Gateway_1\"/>\n"
            + "    <exclusiveGateway id=\"Gateway_1\"/>\n"
            + "    <sequenceFlow id=\"Flow_2\" sourceRef=\"Gateway_1\" targetRef=\"End_1\">\n"
            + "      <conditionExpression>${ok}</conditionExpression>\n"
            + "    </sequenceFlow>\n"
            + "    <sequenceFlow id=\"Flow_3\" sourceRef=\"Gateway_1\" targetRef=\"End_2\"/>\n"
            + "    <endEvent id=\"End_1\"/>\n"
            + "    <endEvent id=\"End_2\"/>\n"
            + "  </process>\n"
            + "</definitions>\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
