package dev.prometheuspipeline.testing;

import dev.prometheuspipeline.testing.Scenario.Instruction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * What the parts of one scenario run share: the engine and its services, the step being run (every
 * failure names file, line, step and instruction), and what the scenario did so far (instances it started,
 * messages it correlated).
 */
final class ScenarioContext {
  /** The worker id external tasks are locked and answered with. */
  static final String WORKER = "scenario";
  private static final int MAX_LISTED = 12;

  final ScenarioEngine engine;
  final ReleaseModel model;
  final RuntimeService runtime;
  final TaskService tasks;
  final HistoryService history;
  final ManagementService management;
  final ExternalTaskService externalTasks;
  private final String file;

  /** Instances the scenario started, per process key, oldest first. */
  private final Map<String, List<String>> started = new HashMap<>();
  /** Message name → instances a message of that name was correlated to. */
  private final Map<String, Set<String>> correlated = new HashMap<>();

  private Instruction current;

  ScenarioContext(ScenarioEngine engine, String file) {
    this.engine = engine;
    this.model = engine.model();
    this.file = file;
    this.runtime = engine.engine().getRuntimeService();
    this.tasks = engine.engine().getTaskService();
    this.history = engine.engine().getHistoryService();
    this.management = engine.engine().getManagementService();
    this.externalTasks = engine.engine().getExternalTaskService();
  }

  void at(Instruction instruction) {
    current = instruction;
  }

  Instruction current() {
    return current;
  }

  void remember(ProcessInstance instance) {
    started.computeIfAbsent(instance.getProcessDefinitionId().split(":")[0], key -> new ArrayList<>())
        .add(instance.getId());
  }

  /** The last instance of the process the scenario started. */
  Optional<String> lastStarted(String processKey) {
    List<String> mine = started.get(processKey);
    return mine == null || mine.isEmpty() ? Optional.empty() : Optional.of(mine.get(mine.size() - 1));
  }

  void correlated(String messageName, String instanceId) {
    correlated.computeIfAbsent(messageName, n -> new HashSet<>()).add(instanceId);
  }

  boolean wasCorrelated(String messageName, String instanceId) {
    return correlated.getOrDefault(messageName, Set.of()).contains(instanceId);
  }

  /** The test cannot run as written. */
  TestCaseFailure error(String message) {
    return TestCaseFailure.error(current.step(), current.type(), where() + message);
  }

  /** An expectation did not hold. */
  TestCaseFailure failed(String expected, String actual, String message) {
    return TestCaseFailure.failed(current.step(), current.type(), expected, actual, where() + message);
  }

  private String where() {
    return file + " line " + current.line() + ", step " + current.step() + " (" + current.type() + "): ";
  }

  /** Items for a message, the first dozen of them. */
  static String list(List<String> items) {
    if (items.isEmpty()) {
      return "none";
    }
    List<String> shown = items.subList(0, Math.min(items.size(), MAX_LISTED));
    String text = String.join(", ", shown);
    return items.size() > MAX_LISTED ? text + " and " + (items.size() - MAX_LISTED) + " more" : text;
  }
}
