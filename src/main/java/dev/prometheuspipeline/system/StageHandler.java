package dev.prometheuspipeline.system;

import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;

/**
 * Base of the stage workers. A stage completes its task or throws a BPMN error for what it found in
 * the release; anything it throws is a technical failure, tried again and then raised as an incident.
 * Held here so no stage can forget it: an exception escaping a handler is only logged by the client,
 * and the task would sit locked until its lock expires.
 */
public abstract class StageHandler implements ExternalTaskHandler {
  private final StageFailures failures;

  protected StageHandler(StageFailures failures) {
    this.failures = failures;
  }

  @Override
  public final void execute(ExternalTask task, ExternalTaskService service) {
    try {
      run(task, service, task.getVariable("runId"));
    } catch (RuntimeException e) {
      failures.retryLater(task, service, e);
    }
  }

  /** Runs the stage for the release run {@code runId}; throws only for technical failures. */
  protected abstract void run(ExternalTask task, ExternalTaskService service, String runId);
}
