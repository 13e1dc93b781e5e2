package dev.prometheuspipeline.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Plays the stage workers against the engine's own external-task API: locks the one open task of a topic,
 * then completes it with the stage's outputs or fails it with a BPMN error, as a real worker does.
 */
final class StageWorker {
  static final String WORKER_ID = "stage-worker-test";

  private final ExternalTaskService tasks;
  private final Map<String, List<String>> environmentsSeen = new HashMap<>();

  StageWorker(ExternalTaskService tasks) {
    this.tasks = tasks;
  }

  LockedExternalTask lock(String topic) {
    List<LockedExternalTask> locked = tasks.fetchAndLock(10, WORKER_ID).topic(topic, 60_000L).execute();
    assertThat(locked).as("open external tasks on %s", topic).hasSize(1);
    Object ambiente = locked.get(0).getVariables().get("ambiente");
    if (ambiente != null) {
      environmentsSeen.computeIfAbsent(topic, t -> new ArrayList<>()).add((String) ambiente);
    }
    return locked.get(0);
  }

  /** The {@code ambiente} of each task locked on {@code topic}, in order. */
  List<String> environmentsSeen(String topic) {
    return environmentsSeen.getOrDefault(topic, List.of());
  }

  void complete(String topic, Map<String, Object> outputs) {
    tasks.complete(lock(topic).getId(), WORKER_ID, outputs);
  }

  void fail(String topic, String errorCode, String message) {
    tasks.handleBpmnError(lock(topic).getId(), WORKER_ID, errorCode, message);
  }

  /**
   * Fetch, the supply-chain evidence, validate and test, each with the outputs a clean release produces,
   * except those overridden.
   */
  void passValidar(Map<String, Object> overrides) {
    complete(Topics.FETCH, with(fetched(), overrides));
    passEvidence(overrides);
    complete(Topics.VALIDATE, with(validated(), overrides));
    complete(Topics.TEST, with(tested(), overrides));
  }

  /** As {@link #passValidar}, on the first validar model, which had no supply-chain stages. */
  void passValidarWithoutEvidence(Map<String, Object> overrides) {
    complete(Topics.FETCH, with(fetched(), overrides));
    complete(Topics.VALIDATE, with(validated(), overrides));
    complete(Topics.TEST, with(tested(), overrides));
  }

  /** SBOM, vulnerability scan, signatures and the comparison of a clean release, except the outputs overridden. */
  void passEvidence(Map<String, Object> overrides) {
    complete(Topics.SBOM, with(sbomBuilt(), overrides));
    complete(Topics.VULNERABILITIES, with(scanned(), overrides));
    complete(Topics.SIGN, with(signed(), overrides));
    complete(Topics.COMPARE, with(compared(), overrides));
  }

  /** Every environment of {@link TwoEnvironments}, in order: gate evidence, deploy, workers, verify. */
  void passImplantar() {
    TwoEnvironments.NAMES.forEach(ambiente -> passEnvironment());
  }

  /** One environment's pass, with an approved release whose digests match. */
  void passEnvironment() {
    complete(Topics.DEPLOY_GATE, gateEvidence(true, true));
    complete(Topics.DEPLOY, deployed());
    complete(Topics.DEPLOY_WORKERS, Variables.createVariables());
    complete(Topics.VERIFY, verified());
  }

  static VariableMap gateEvidence(boolean digestsMatch, boolean releaseApproved) {
    return Variables.createVariables()
        .putValue("digestsMatch", digestsMatch)
        .putValue("digestProblems", digestsMatch ? "" : "Genesis/bpmn/pedido.bpmn has sha256 00 but was validated as 9b")
        .putValue("releaseApproved", releaseApproved)
        .putValue("signaturesValid", true)
        .putValue("signatureProblems", "");
  }

  static VariableMap fetched() {
    return Variables.createVariables()
        .putValue("artifactCount", 2)
        .putValue("artifactsSummary", "| tipo | path | sha | digest |\n|---|---|---|---|\n"
            + "| bpmn | Prometheus/bpmn/pedido.bpmn | 4f1c2e9 | 9b1d… |\n| dmn | Prometheus/dmn/frete.dmn | 4f1c2e9 | 77ac… |");
  }

  static VariableMap sbomBuilt() {
    return Variables.createVariables()
        .putValue("sbomPresent", true)
        .putValue("sbomComponents", 2)
        .putValue("sbomReportId", "report-sbom-1");
  }

  static VariableMap scanned() {
    return Variables.createVariables()
        .putValue("vulnerabilitiesBlocking", 0)
        .putValue("vulnerabilitySourcesFailed", 0)
        .putValue("vulnerabilitiesSummary", "No known vulnerability in 0 package(s).");
  }

  static VariableMap signed() {
    return Variables.createVariables()
        .putValue("unsignedArtifacts", 0)
        .putValue("signingKeyId", "5f0c9a");
  }

  static VariableMap compared() {
    return Variables.createVariables()
        .putValue("breakingChanges", 0)
        .putValue("breakingSummary", "")
        .putValue("semverMajorBumped", null)
        .putValue("readmePresent", true)
        .putValue("changelogEntry", true)
        .putValue("migrationGuidePresent", false)
        .putValue("rollbackPlanPresent", true)
        .putValue("documentationSummary", "every product folder has a README.md");
  }

  static VariableMap validated() {
    return Variables.createVariables()
        .putValue("validationErrors", 0)
        .putValue("validationWarnings", 1)
        .putValue("validateReportId", "report-validate-1")
        .putValue("validationSummary", "- warning pedido.bpmn:12 (Task_Ship): task has no documentation");
  }

  static VariableMap tested() {
    return Variables.createVariables()
        .putValue("testsPassed", 12)
        .putValue("testsFailed", 0)
        .putValue("coverage", 86.5)
        .putValue("coverableModels", 2)
        .putValue("testReportId", "report-test-1")
        .putValue("testReportUrl", "/api/releases/run-1/reports/report-test-2");
  }

  static VariableMap deployed() {
    return Variables.createVariables()
        .putValue("deploymentIds", "dep-1,dep-2")
        .putValue("deployedResources", 2);
  }

  static VariableMap verified() {
    return Variables.createVariables()
        .putValue("checksPassed", 4)
        .putValue("checksFailed", 0);
  }

  /** The stage's outputs with the overrides that name one of them; null overrides stay null. */
  private static VariableMap with(VariableMap outputs, Map<String, Object> overrides) {
    VariableMap result = Variables.fromMap(outputs);
    overrides.forEach((name, value) -> {
      if (outputs.containsKey(name)) {
        result.putValue(name, value);
      }
    });
    return result;
  }
}
