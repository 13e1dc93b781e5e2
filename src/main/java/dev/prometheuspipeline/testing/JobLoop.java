package dev.prometheuspipeline.testing;

import static dev.prometheuspipeline.testing.ScenarioContext.WORKER;

import dev.prometheuspipeline.testing.CptInstruction.MockJobWorkerThrowBpmnError;
import dev.prometheuspipeline.testing.CptInstruction.MockWorker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.Job;

/**
 * The job executor and the mocked workers, run in the scenario's thread: {@link #settle()} after each action
 * runs what they would until nothing is left, so the engine's state is final when the next step looks.
 */
final class JobLoop {
  private static final long LOCK_MILLIS = 60_000;

  private final ManagementService management;
  private final ExternalTaskService externalTasks;
  /** Mocked workers by topic. */
  private final Map<String, MockWorker> workers = new LinkedHashMap<>();

  JobLoop(ScenarioContext context) {
    this.management = context.management;
    this.externalTasks = context.externalTasks;
  }

  /** From now on, the worker answers every external task of its topic (replacing an earlier one). */
  void mock(MockWorker worker) {
    workers.put(worker.jobType(), worker);
  }

  /**
   * Runs what a job executor and the mocked workers would: due jobs (a failing job loses a retry each time,
   * then raises an incident) and external tasks on mocked topics, until nothing is left. An endless loop of
   * async steps keeps this busy until the scenario's time is up.
   */
  void settle() {
    while (true) {
      stopWhenInterrupted();
      boolean worked = false;
      List<Job> due = management.createJobQuery().executable().active().orderByJobDuedate().asc().listPage(0, 1);
      if (!due.isEmpty()) {
        executeJob(due.get(0));
        worked = true;
      }
      for (Map.Entry<String, MockWorker> worker : workers.entrySet()) {
        for (ExternalTask task : externalTasks.createExternalTaskQuery().topicName(worker.getKey()).active()
            .notLocked().list()) {
          answer(task, worker.getValue());
          worked = true;
        }
      }
      if (!worked) {
        return;
      }
    }
  }

  private void answer(ExternalTask task, MockWorker mock) {
    lock(task);
    if (mock instanceof MockJobWorkerThrowBpmnError error) {
      externalTasks.handleBpmnError(task.getId(), WORKER, error.errorCode(), error.errorMessage().orElse(null),
          JsonValues.variables(error.variables()));
    } else {
      externalTasks.complete(task.getId(), WORKER, JsonValues.variables(mock.variables()));
    }
  }

  /** Locks the task for the scenario's worker, as a worker fetching it would. */
  void lock(ExternalTask task) {
    externalTasks.lock(task.getId(), WORKER, LOCK_MILLIS);
  }

  void executeJob(Job job) {
    try {
      management.executeJob(job.getId());
    } catch (RuntimeException e) {
      if (stoppedBy(e)) {
        throw new FlowRecorder.ScenarioStopped();
      }
      // The engine has taken a retry off the job (an incident at zero), as its job executor would; the
      // scenario goes on and may assert the incident.
    }
  }

  /** Whether the scenario was stopped (its time is up), whatever the engine wrapped that in. */
  static boolean stoppedBy(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof FlowRecorder.ScenarioStopped) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return Thread.currentThread().isInterrupted();
  }

  static void stopWhenInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new FlowRecorder.ScenarioStopped();
    }
  }
}
