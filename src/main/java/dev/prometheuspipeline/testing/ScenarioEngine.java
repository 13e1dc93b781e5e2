package dev.prometheuspipeline.testing;

import dev.prometheuspipeline.sandbox.DeployAttempt;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One in-memory Camunda 7 engine that runs scenarios one after another: the release's resources are
 * deployed once; after each scenario everything it created (instances, history, stub deployments) is
 * removed and the engine's tables are checked to hold exactly what they held after the release was
 * deployed. An engine that fails that check is not used again.
 *
 * <p>Not {@code SandboxEngine}: scenarios need a BPMN parse listener (sequence flows), beans for stubs
 * and Java-serialized variables (JSON objects as maps), none of which the sandbox's deploy check wants.
 * Same isolation otherwise: own H2 database, job executor off, no metrics, never registered in
 * {@link ProcessEngines}, no mail, connect or HTTP plugins (they are not configured, so nothing reaches out).
 */
final class ScenarioEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ScenarioEngine.class);

  private final String name;
  private final String jdbcUrl;
  private final ProcessEngine engine;
  private final FlowRecorder flows;
  private final ScenarioStubs stubs;
  private final String releaseDeploymentId;
  private final Optional<String> deployFailure;
  private final Map<String, Long> releasedTableCounts;
  private final ReleaseModel model;
  private volatile String step = "";

  private ScenarioEngine(
      String name,
      String jdbcUrl,
      ProcessEngine engine,
      FlowRecorder flows,
      ScenarioStubs stubs,
      String releaseDeploymentId,
      Optional<String> deployFailure) {
    this.name = name;
    this.jdbcUrl = jdbcUrl;
    this.engine = engine;
    this.flows = flows;
    this.stubs = stubs;
    this.releaseDeploymentId = releaseDeploymentId;
    this.deployFailure = deployFailure;
    this.model = ReleaseModel.of(engine.getRepositoryService(), releaseDeploymentId);
    this.releasedTableCounts = engine.getManagementService().getTableCount();
  }

  /** A new engine with the release's resources deployed as one deployment (resource name → bytes). */
  static ScenarioEngine start(Map<String, byte[]> releaseResources) {
    String name = "scenario-" + UUID.randomUUID();
    String jdbcUrl = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    FlowRecorder flows = new FlowRecorder();
    ScenarioStubs stubs = new ScenarioStubs();
    ProcessEngine engine;
    try {
      engine = configuration(name, jdbcUrl, flows, stubs).buildProcessEngine();
      // Registered on construction; an application looking engines up must never find this one.
      ProcessEngines.unregister(engine);
    } catch (RuntimeException e) {
      shutDownDatabase(jdbcUrl);
      throw new ScenarioEngineException("could not start a scenario engine: " + e.getMessage(), e);
    }
    String deploymentId = "";
    Optional<String> failure = Optional.empty();
    if (!releaseResources.isEmpty()) {
      DeploymentBuilder builder = engine.getRepositoryService().createDeployment().name("release");
      releaseResources.forEach((resource, bytes) -> builder.addInputStream(resource, new ByteArrayInputStream(bytes)));
      try {
        deploymentId = builder.deploy().getId();
      } catch (RuntimeException e) {
        // The sandbox's wording: each parse problem with its resource, line and element.
        failure = Optional.of(new DeployAttempt("", List.of(), Optional.of(e)).reason());
      }
    }
    return new ScenarioEngine(name, jdbcUrl, engine, flows, stubs, deploymentId, failure);
  }

  private static ProcessEngineConfiguration configuration(
      String name, String jdbcUrl, FlowRecorder flows, ScenarioStubs stubs) {
    ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName(name);
    configuration.setJdbcUrl(jdbcUrl);
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    configuration.setJobExecutorActivate(false);
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    configuration.setMetricsEnabled(false);
    configuration.setDbMetricsReporterActivate(false);
    configuration.setTaskMetricsEnabled(false);
    configuration.setHistoryCleanupEnabled(false);
    configuration.setHostname(name);
    configuration.setEnableCmdExceptionLogging(false);
    // Test files give objects and lists as JSON; they become Map and List variables, which need Java
    // serialization. Only test data ever reaches this engine.
    configuration.setJavaSerializationFormatEnabled(true);
    configuration.setCustomPostBPMNParseListeners(new ArrayList<>(List.of(flows)));
    Map<Object, Object> beans = new HashMap<>();
    beans.put(ScenarioStubs.BEAN, stubs.bean());
    configuration.setBeans(beans);
    return configuration;
  }

  String name() {
    return name;
  }

  ProcessEngine engine() {
    return engine;
  }

  ReleaseModel model() {
    return model;
  }

  ScenarioStubs stubs() {
    return stubs;
  }

  /** Notes the step a test is at, for the message when it must be stopped. */
  void atStep(String description) {
    step = description;
  }

  String step() {
    return step;
  }

  /** Why the release's resources did not deploy; empty when they did. */
  Optional<String> deployFailure() {
    return deployFailure;
  }

  /** Deploys a generated stub into this scenario; removed again by {@link #reset()}. */
  void deployStub(String resourceName, String xml) {
    engine
        .getRepositoryService()
        .createDeployment()
        .name(ScenarioStubs.DEPLOYMENT_NAME)
        .addString(resourceName, xml)
        .deploy();
  }

  /**
   * What the scenario made the release's models do so far: flow nodes entered (from history), sequence
   * flows taken (from the listener), rules fired (from decision history). Stubs are left out: they are not
   * the release's.
   */
  ExecutionTrace trace() {
    Map<String, String> processKeys = new HashMap<>();
    for (ProcessDefinition definition :
        engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(releaseDeploymentId).list()) {
      processKeys.put(definition.getId(), definition.getKey());
    }
    Map<String, String> decisionKeys = new HashMap<>();
    for (DecisionDefinition definition :
        engine.getRepositoryService().createDecisionDefinitionQuery().deploymentId(releaseDeploymentId).list()) {
      decisionKeys.put(definition.getId(), definition.getKey());
    }
    Map<String, Set<String>> nodes = new HashMap<>();
    for (HistoricActivityInstance activity : engine.getHistoryService().createHistoricActivityInstanceQuery().list()) {
      String key = processKeys.get(activity.getProcessDefinitionId());
      // Multi-instance bodies ("Task_X#multiInstanceBody") are the engine's, not the model's elements.
      if (key != null && !activity.getActivityId().contains("#")) {
        nodes.computeIfAbsent(key, k -> new TreeSet<>()).add(activity.getActivityId());
      }
    }
    Map<String, Set<String>> sequenceFlows = new HashMap<>();
    Set<String> releaseKeys = Set.copyOf(processKeys.values());
    flows.takeFlows().forEach((key, ids) -> {
      if (releaseKeys.contains(key) && !stubs.isStubProcess(key)) {
        sequenceFlows.put(key, ids);
      }
    });
    Map<String, Set<String>> rules = new HashMap<>();
    for (HistoricDecisionInstance decision :
        engine.getHistoryService().createHistoricDecisionInstanceQuery().includeOutputs().list()) {
      String key = decisionKeys.get(decision.getDecisionDefinitionId());
      if (key == null) {
        continue;
      }
      Set<String> fired = rules.computeIfAbsent(key, k -> new TreeSet<>());
      for (HistoricDecisionOutputInstance output : decision.getOutputs()) {
        if (output.getRuleId() != null) {
          fired.add(output.getRuleId());
        }
      }
    }
    return new ExecutionTrace(nodes, sequenceFlows, rules);
  }

  /**
   * Removes all the last scenario left: stub deployments, process instances, history. True when the
   * engine is then exactly as it was after the release's deployment and can run the next scenario.
   */
  boolean reset() {
    try {
      stubs.clear();
      flows.takeFlows();
      for (Deployment deployment : engine.getRepositoryService().createDeploymentQuery().list()) {
        if (!deployment.getId().equals(releaseDeploymentId)) {
          engine.getRepositoryService().deleteDeployment(deployment.getId(), true, true, true);
        }
      }
      for (ProcessInstance instance : engine.getRuntimeService().createProcessInstanceQuery().list()) {
        if (instance.getId().equals(instance.getRootProcessInstanceId())) {
          engine.getRuntimeService().deleteProcessInstance(instance.getId(), "scenario ended", true, true, true, true);
        }
      }
      for (HistoricProcessInstance instance :
          engine.getHistoryService().createHistoricProcessInstanceQuery().list()) {
        engine.getHistoryService().deleteHistoricProcessInstanceIfExists(instance.getId());
      }
      for (DecisionDefinition decision : engine.getRepositoryService().createDecisionDefinitionQuery().list()) {
        engine.getHistoryService().deleteHistoricDecisionInstanceByDefinitionId(decision.getId());
      }
      Map<String, Long> counts = engine.getManagementService().getTableCount();
      if (!counts.equals(releasedTableCounts)) {
        log.debug("engine={} event=not-reusable differences={}", name, differences(counts));
        return false;
      }
      return true;
    } catch (RuntimeException e) {
      log.debug("engine={} event=not-reusable reason={}", name, e.toString());
      return false;
    }
  }

  private Map<String, String> differences(Map<String, Long> counts) {
    Map<String, String> differ = new HashMap<>();
    counts.forEach((table, count) -> {
      Long before = releasedTableCounts.get(table);
      if (!count.equals(before)) {
        differ.put(table, before + "→" + count);
      }
    });
    return differ;
  }

  @Override
  public void close() {
    try {
      engine.close();
    } catch (RuntimeException e) {
      log.warn("engine={} event=close-failed reason={}", name, e.toString());
    } finally {
      shutDownDatabase(jdbcUrl);
    }
  }

  private static void shutDownDatabase(String jdbcUrl) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, "sa", "");
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    } catch (SQLException e) {
      log.debug("event=scenario-database-not-shut-down url={} reason={}", jdbcUrl, e.getMessage());
    }
  }
}
