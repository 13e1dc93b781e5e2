package dev.prometheuspipeline.stage;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Technical failures of a stage (a target that does not answer, a database hiccup): the task is tried
 * again after a pause, and when the tries are spent the engine raises an incident that Cockpit shows
 * with the message and stack trace. Expected failures (a red gate, a bad model) never come here: they
 * are BPMN errors caught on the diagram.
 */
@Component
public class StageFailures {
  private static final Logger log = LoggerFactory.getLogger(StageFailures.class);
  private static final int MAX_DETAILS = 8_000;

  private final StageProperties stages;

  StageFailures(StageProperties stages) {
    this.stages = stages;
  }

  public void retryLater(ExternalTask task, ExternalTaskService service, Exception failure) {
    Integer current = task.getRetries();
    // The first failure arrives with null retries: that try counts as the first of `retries`.
    int left = (current == null ? stages.retries() : current) - 1;
    long backoff = stages.retryBackoff().toMillis() * (stages.retries() - Math.max(left, 0));
    log.warn("stage={} release={} outcome=retry retriesLeft={} reason={}",
        task.getTopicName(), task.getBusinessKey(), Math.max(left, 0), failure.getMessage());
    service.handleFailure(task, message(failure), details(failure), Math.max(left, 0),
        left > 0 ? backoff : 0);
  }

  /** The stage cannot start yet: offered again after the retry pause, with as many tries left as before. */
  public void waitAndRetry(ExternalTask task, ExternalTaskService service, StageMustWait wait) {
    // The first offer arrives with null retries: keep all of them for when the stage does run.
    int left = task.getRetries() == null ? stages.retries() : task.getRetries();
    log.info("stage={} release={} outcome=waiting retryInMs={} reason={}", task.getTopicName(),
        task.getBusinessKey(), stages.retryBackoff().toMillis(), wait.getMessage());
    service.handleFailure(task, message(wait), null, left, stages.retryBackoff().toMillis());
  }

  private static String message(Exception failure) {
    String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    // The engine keeps at most 666 characters of an incident message.
    return message.length() > 600 ? message.substring(0, 600) + "…" : message;
  }

  private static String details(Exception failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    String text = trace.toString();
    return text.length() > MAX_DETAILS ? text.substring(0, MAX_DETAILS) : text;
  }
}
