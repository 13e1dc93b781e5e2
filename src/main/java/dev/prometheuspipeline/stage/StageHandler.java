package dev.prometheuspipeline.stage;

import java.util.stream.Collectors;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Base of the stage workers. A stage returns how it ended: completed, or a BPMN error for what it found
 * in the release; anything it throws is a technical failure, tried again and then raised as an
 * incident. Held here so no stage can forget it: an exception escaping a handler is only logged by the
 * client, and the task would sit locked until its lock expires. Every finished stage logs one line:
 * {@code stage=validate release=r-42 outcome=failed errors=3 durationMs=812}.
 */
public abstract class StageHandler implements ExternalTaskHandler {
  private static final Logger log = LoggerFactory.getLogger(StageHandler.class);
  private static final String TOPIC_PREFIX = "pipeline.";

  private final StageFailures failures;

  protected StageHandler(StageFailures failures) {
    this.failures = failures;
  }

  @Override
  public final void execute(ExternalTask task, ExternalTaskService service) {
    long started = System.nanoTime();
    String runId = task.getVariable("runId");
    String stage = stageName(task.getTopicName());
    try (MDC.MDCCloseable r = MDC.putCloseable("release", task.getBusinessKey());
         MDC.MDCCloseable i = MDC.putCloseable("runId", runId);
         MDC.MDCCloseable s = MDC.putCloseable("stage", stage)) {
      StageOutcome outcome;
      // Stopped before the task is completed: an extension racing the completion would fail it.
      try (LockHeartbeat h = LockHeartbeat.keep(task, service)) {
        outcome = run(task, runId);
      }
      if (outcome.errorCode().isPresent()) {
        service.handleBpmnError(task, outcome.errorCode().get(), outcome.errorMessage(), outcome.variables());
      } else {
        service.complete(task, outcome.variables());
      }
      log.info("stage={} release={} outcome={}{} durationMs={}", stage, task.getBusinessKey(),
          outcome.status().wireName(), facts(outcome), (System.nanoTime() - started) / 1_000_000);
    } catch (RuntimeException e) {
      failures.retryLater(task, service, e);
    }
  }

  /** Runs the stage for the release run {@code runId}; throws only for technical failures. */
  protected abstract StageOutcome run(ExternalTask task, String runId);

  private static String stageName(String topic) {
    return topic != null && topic.startsWith(TOPIC_PREFIX) ? topic.substring(TOPIC_PREFIX.length()) : topic;
  }

  private static String facts(StageOutcome outcome) {
    return outcome.facts().entrySet().stream().map(f -> " " + f.getKey() + "=" + f.getValue())
        .collect(Collectors.joining());
  }
}
