package dev.prometheuspipeline.stage;

import dev.prometheuspipeline.release.TraceParents;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import java.util.stream.Collectors;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Base of the stage workers. A stage returns how it ended: completed, or a BPMN error for what it found
 * in the release; anything it throws is a technical failure, tried again and then raised as an
 * incident. Held here so no stage can forget it: an exception escaping a handler is only logged by the
 * client, and the task would sit locked until its lock expires. Every finished stage logs one line:
 * {@code stage=validate release=r-42 outcome=failed errors=3 durationMs=812}.
 */
public abstract class StageHandler implements ExternalTaskHandler {
  /**
   * The observation around every stage: a timer {@code prometheus_pipeline_stage_seconds} by {@code stage} and
   * {@code outcome}, and a span when tracing is on (its trace id then on the stage's log lines, and its
   * {@code traceparent} on the stage's HTTP calls to target engines).
   */
  public static final String OBSERVATION = "prometheus.pipeline.stage";
  /** The outcome of a stage that threw: a technical failure, tried again and then an incident. */
  public static final String TECHNICAL_FAILURE = "error";
  /** The outcome of a stage that cannot start yet ({@link StageMustWait}): offered again, its tries untouched. */
  public static final String WAITING = "waiting";
  private static final Logger log = LoggerFactory.getLogger(StageHandler.class);
  private static final String TOPIC_PREFIX = "pipeline.";

  private final StageFailures failures;
  private ObservationRegistry observations = ObservationRegistry.NOOP;

  protected StageHandler(StageFailures failures) {
    this.failures = failures;
  }

  /**
   * Set by Spring on every handler bean; not a constructor argument so that the handlers, which only adapt
   * a topic to their core, need not know about it.
   */
  @Autowired(required = false)
  final void observeWith(ObservationRegistry registry) {
    this.observations = registry;
  }

  @Override
  public final void execute(ExternalTask task, ExternalTaskService service) {
    long started = System.nanoTime();
    String runId = task.getVariable("runId");
    String stage = stageName(task.getTopicName());
    Observation observation = Observation.createNotStarted(OBSERVATION, () -> context(task), observations)
        .contextualName("stage " + stage)
        .lowCardinalityKeyValue("stage", stage)
        // Replaced by how the stage ended; kept when an Error escapes, so every series has the same tags.
        .lowCardinalityKeyValue("outcome", TECHNICAL_FAILURE)
        .highCardinalityKeyValue("release", String.valueOf(task.getBusinessKey()))
        .highCardinalityKeyValue("process.instance.id", String.valueOf(task.getProcessInstanceId()))
        .start();
    try (Observation.Scope scope = observation.openScope();
         MDC.MDCCloseable r = MDC.putCloseable("release", task.getBusinessKey());
         MDC.MDCCloseable i = MDC.putCloseable("runId", runId);
         MDC.MDCCloseable p = MDC.putCloseable("processInstanceId", task.getProcessInstanceId());
         MDC.MDCCloseable s = MDC.putCloseable("stage", stage)) {
      try {
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
        observation.lowCardinalityKeyValue("outcome", outcome.status().wireName());
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        try (MDC.MDCCloseable d = MDC.putCloseable("durationMs", Long.toString(durationMs))) {
          log.info("stage={} release={} outcome={}{} durationMs={}", stage, task.getBusinessKey(),
              outcome.status().wireName(), facts(outcome), durationMs);
        }
      } catch (StageMustWait e) {
        observation.lowCardinalityKeyValue("outcome", WAITING);
        failures.waitAndRetry(task, service, e);
      } catch (RuntimeException e) {
        observation.lowCardinalityKeyValue("outcome", TECHNICAL_FAILURE).error(e);
        try (MDC.MDCCloseable d = MDC.putCloseable("durationMs",
            Long.toString((System.nanoTime() - started) / 1_000_000))) {
          failures.retryLater(task, service, e);
        }
      }
    } finally {
      observation.stop();
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

  /**
   * When the release carries the trace of the request that started it, the stage's span continues that trace
   * (a receiver, as a message consumer would); otherwise the stage starts a trace of its own.
   */
  private static Observation.Context context(ExternalTask task) {
    Object parent = task.getVariable(TraceParents.VARIABLE);
    if (!(parent instanceof String traceparent) || traceparent.isBlank()) {
      return new Observation.Context();
    }
    ReceiverContext<ExternalTask> context = new ReceiverContext<>(
        (carrier, key) -> TraceParents.VARIABLE.equals(key) ? traceparent : null);
    context.setCarrier(task);
    return context;
  }
}
