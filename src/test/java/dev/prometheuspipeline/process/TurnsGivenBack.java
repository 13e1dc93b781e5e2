package dev.prometheuspipeline.process;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * The {@code environmentTurnEnd} bean of the model tests' engine: records each environment whose turn the models
 * give back (the application's {@code deploy.EnvironmentTurnEnd} deletes its row in the run store), with the run.
 */
public class TurnsGivenBack implements ExecutionListener {
  public static final List<String> GIVEN_BACK = new CopyOnWriteArrayList<>();

  @Override
  public void notify(DelegateExecution execution) {
    GIVEN_BACK.add(execution.getVariable("runId") + "/" + execution.getVariable("ambiente"));
  }
}
