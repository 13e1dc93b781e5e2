package dev.prometheuspipeline.testing;

import dev.prometheuspipeline.sandbox.EngineMessage;
import dev.prometheuspipeline.testing.Scenario.Instruction;
import java.util.List;

/**
 * Runs one scenario's instructions on a scenario engine, in order, each with its Camunda 7 meaning (see
 * {@code docs/test-cases.md}): actions by {@link ScenarioActions}, assertions by {@link ScenarioAssertions}.
 * The engine runs synchronously: after each action, {@link JobLoop} executes due jobs (async continuations,
 * timers whose time has come) and lets mocked workers answer their external tasks until nothing is left to
 * do, the way a job executor and workers would; so assertions check the state at once instead of waiting
 * for it.
 */
final class ScenarioRun {
  private final ScenarioContext context;
  private final List<Instruction> instructions;
  private final ScenarioActions actions;
  private final ScenarioAssertions assertions;

  ScenarioRun(ScenarioEngine engine, String file, List<Instruction> instructions) {
    this.context = new ScenarioContext(engine, file);
    this.instructions = instructions;
    ScenarioState state = new ScenarioState(context);
    ScenarioSelectors selectors = new ScenarioSelectors(context, state);
    JobLoop jobs = new JobLoop(context);
    this.actions = new ScenarioActions(context, selectors, state, jobs);
    this.assertions = new ScenarioAssertions(context, selectors, state);
  }

  void run() {
    for (Instruction instruction : instructions) {
      context.at(instruction);
      context.engine.atStep(
          "step " + instruction.step() + " (" + instruction.type() + ", line " + instruction.line() + ")");
      JobLoop.stopWhenInterrupted();
      String why = Instructions.NOT_APPLICABLE.get(instruction.type());
      if (why != null) {
        throw context.error(instruction.type() + " is not applicable on Camunda 7: " + why);
      }
      try {
        execute(instruction.instruction());
      } catch (TestCaseFailure | FlowRecorder.ScenarioStopped e) {
        throw e;
      } catch (RuntimeException e) {
        if (JobLoop.stoppedBy(e)) {
          throw new FlowRecorder.ScenarioStopped();
        }
        // The model could not go on as the test drove it (no matching gateway condition, a missing
        // variable in an expression …): the test found a fault, so it failed rather than erred.
        String reason = EngineMessage.of(e);
        throw context.failed("the step to run", reason, "the engine refused: " + reason);
      }
    }
  }

  private void execute(CptInstruction instruction) {
    if (instruction instanceof CptInstruction.Action action) {
      action.runOn(actions);
    } else if (instruction instanceof CptInstruction.Assertion assertion) {
      assertion.checkOn(assertions);
    } else {
      // Unreachable: NOT_APPLICABLE names every other instruction, and the loop refused it above.
      throw context.error("unknown instruction \"" + context.current().type() + "\"; see docs/test-cases.md");
    }
  }
}
