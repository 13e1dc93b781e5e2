package dev.prometheuspipeline.smoke;

import dev.prometheuspipeline.testing.CptInstruction;
import dev.prometheuspipeline.testing.CptInstruction.CompleteUserTask;
import dev.prometheuspipeline.testing.CptInstruction.CreateProcessInstance;
import dev.prometheuspipeline.testing.CptInstruction.PublishMessage;
import dev.prometheuspipeline.testing.Scenario;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which Camunda Process Test instructions a smoke run may use on a live target, and why the others are
 * refused. A smoke run shares the target with everyone else's instances and its real workers, so what
 * would replace a worker or a model, move the clock, or reach instances it did not start stays in the
 * sandbox. README ("Smoke runs on the target") documents the same list.
 */
final class LiveInstructions {
  /** The instructions a smoke run carries out on the target. */
  static final Set<String> LIVE = Set.of(
      "CREATE_PROCESS_INSTANCE", "COMPLETE_USER_TASK", "COMPLETE_JOB", "THROW_BPMN_ERROR_FROM_JOB",
      "C7_COMPLETE_EXTERNAL_TASK", "C7_THROW_BPMN_ERROR_FROM_EXTERNAL_TASK", "C7_FAIL_EXTERNAL_TASK",
      "CORRELATE_MESSAGE", "PUBLISH_MESSAGE", "UPDATE_VARIABLES",
      "ASSERT_PROCESS_INSTANCE", "ASSERT_ELEMENT_INSTANCE", "ASSERT_ELEMENT_INSTANCES", "ASSERT_VARIABLES",
      "ASSERT_USER_TASK", "ASSERT_PROCESS_INSTANCE_MESSAGE_SUBSCRIPTION", "C7_ASSERT_INCIDENT");

  /** Instruction type → why a live target refuses it. */
  static final Map<String, String> SANDBOX_ONLY = sandboxOnly();

  private LiveInstructions() {}

  private static Map<String, String> sandboxOnly() {
    Map<String, String> why = new LinkedHashMap<>();
    String mock = "it replaces a worker, a called process or a decision with a mock, and a smoke run exists to "
        + "meet the real ones; keep it in a sandbox test";
    why.put("MOCK_JOB_WORKER_COMPLETE_JOB", mock);
    why.put("MOCK_JOB_WORKER_THROW_BPMN_ERROR", mock);
    why.put("MOCK_CHILD_PROCESS", mock);
    why.put("MOCK_DMN_DECISION", mock);
    String clock = "the target's clock is the target's: a smoke run cannot move it for its own instances only; "
        + "keep timer paths in sandbox tests";
    why.put("INCREASE_TIME", clock);
    why.put("SET_TIME", clock);
    why.put("C7_FIRE_TIMER", clock);
    why.put("BROADCAST_SIGNAL", "a signal reaches every instance on the target that waits for it, not only the "
        + "smoke run's; keep it in a sandbox test");
    why.put("EVALUATE_CONDITIONAL_START_EVENT", "it starts every process on the target whose condition holds, "
        + "not only the smoke run's; keep it in a sandbox test");
    why.put("RESOLVE_INCIDENT", "resolving incidents on a target is an operator's decision, not a smoke run's");
    String decisions = "decisions have no worker to meet on the target, so their sandbox tests say all there is";
    why.put("EVALUATE_DECISION", decisions);
    why.put("ASSERT_DECISION", decisions);
    return Map.copyOf(why);
  }

  /**
   * Why {@code instruction} cannot run on a live target; empty when it can. Covers the types above, the
   * instructions with no Camunda 7 meaning at all, and options of live instructions that only a sandbox has.
   */
  static Optional<String> refusal(Scenario.Instruction instruction) {
    String type = instruction.type();
    if (SANDBOX_ONLY.containsKey(type)) {
      return Optional.of(type + " runs only in the sandbox: " + SANDBOX_ONLY.get(type));
    }
    if (!LIVE.contains(type)) {
      return Optional.of(type + " is not applicable on Camunda 7 (see docs/test-cases.md)");
    }
    CptInstruction read = instruction.instruction();
    if (read instanceof CreateProcessInstance start && !start.runtimeInstructions().isEmpty()) {
      return Optional.of(type + " with runtimeInstructions is not applicable on Camunda 7");
    }
    if (read instanceof CompleteUserTask task && task.useExampleData()) {
      return Optional.of(type + " with useExampleData runs only in the sandbox; give the variables instead");
    }
    if (read instanceof CptInstruction.CompleteJob job && job.useExampleData()) {
      return Optional.of(type + " with useExampleData runs only in the sandbox; give the variables instead");
    }
    if (read instanceof PublishMessage publish && publish.timeToLive() > 0) {
      return Optional.of(type + " with a timeToLive is not applicable on Camunda 7: the engine keeps no messages");
    }
    if (read instanceof CptInstruction.AssertUserTask task && (task.candidateGroups().isPresent()
        || task.dueDate().isPresent() || task.followUpDate().isPresent())) {
      return Optional.of(type + ": candidateGroups, dueDate and followUpDate are checked only in the sandbox");
    }
    return Optional.empty();
  }
}
