package dev.prometheuspipeline.testing;

import dev.prometheuspipeline.sandbox.DeployAttempt;
import dev.prometheuspipeline.sandbox.InMemoryEngineConfiguration;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
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
 * <p>Not {@code SandboxEngine}, but built from the same {@link InMemoryEngineConfiguration}, with the
 * {@link #options options} scenarios need and the sandbox's deploy check does not: a BPMN parse listener
 * (sequence flows), beans for stubs and Java-serialized variables (JSON objects as maps).
 */
final class ScenarioEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ScenarioEngine.class);

  private final String name;
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
      ProcessEngine engine,
      FlowRecorder flows,
      ScenarioStubs stubs,
      String releaseDeploymentId,
      Optional<String> deployFailure) {
    this.name = name;
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
    FlowRecorder flows = new FlowRecorder();
    ScenarioStubs stubs = new ScenarioStubs();
    ProcessEngine engine;
    try {
      engine = InMemoryEngineConfiguration.build(name, options(flows, stubs));
    } catch (RuntimeException e) {
      throw new ScenarioEngineException("could not start a scenario engine: " + e.getMessage(), e);
    }
    String deploymentId = "";
    Optional<String> failure = Optional.empty();
    if (!releaseResources.isEmpty()) {
      DeploymentBuilder builder = engine.getRepositoryService().createDeployment().name("release");
      releaseResources.forEach((resource, bytes) -> builder.addInputStream(resource, new ByteArrayInputStream(bytes)));
      try {
        // Tests judge behaviour; a missing history time to live only the target's deployment refuses, and the
        // validate stage reports it.
        deploymentId = InMemoryEngineConfiguration.withoutHistoryTimeToLiveEnforced(engine, builder::deploy).getId();
      } catch (RuntimeException e) {
        // The sandbox's wording: each parse problem with its resource, line and element.
        failure = Optional.of(new DeployAttempt("", List.of(), Optional.of(e)).reason());
      }
    }
    return new ScenarioEngine(name, engine, flows, stubs, deploymentId, failure);
  }

  /**
   * The sandbox's configuration and what scenarios add: a parse listener (sequence flows taken), the stubs'
   * bean, and Java-serialized variables, as test files give objects and lists as JSON and they become Map and
   * List variables. Only test data ever reaches this engine.
   */
  private static InMemoryEngineConfiguration.Options options(FlowRecorder flows, ScenarioStubs stubs) {
    return InMemoryEngineConfiguration.Options.none()
        .withJavaSerializedVariables()
        .withPostParseListener(flows)
        .withBean(ScenarioStubs.BEAN, stubs.bean());
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
      InMemoryEngineConfiguration.shutDownDatabase(name).ifPresent(reason -> log.debug(
          "event=scenario-database-not-shut-down url={} reason={}", InMemoryEngineConfiguration.jdbcUrl(name), reason));
    }
  }
}
