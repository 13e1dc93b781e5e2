package dev.prometheuspipeline.deploy;

import dev.prometheuspipeline.run.EnvironmentTurns;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Gives the environment {@code ambiente} back when the run's pass there ends: the end of implantar's
 * {@code SubProcess_Environment} and of the manual rollback's {@code Task_RollBackEnvironment}, however they end
 * (an error boundary or a deleted instance ends them too), in the engine's transaction.
 */
@Profile("!worker")
@Component("environmentTurnEnd")
public class EnvironmentTurnEnd implements ExecutionListener {
  private final EnvironmentTurns turns;

  EnvironmentTurnEnd(EnvironmentTurns turns) {
    this.turns = turns;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.getVariable("ambiente") instanceof String environment
        && execution.getVariable("runId") instanceof String runId) {
      turns.giveBack(environment, runId);
    }
  }
}
