package dev.prometheuspipeline.telemetry;

import dev.prometheuspipeline.backlog.Backlog;
import dev.prometheuspipeline.release.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * What waits, read from the engine and the backlog: external tasks no worker has locked yet per topic,
 * open incidents per type, and the age of the oldest pending backlog row per {@code tipo}. Each scrape
 * reads one snapshot, taken again only when older than {@code pipeline.metrics.cache} (15 s), so scrapes
 * from several Prometheus servers cost a few count queries every 15 seconds at most.
 */
@Profile("!worker")
@Component
class EngineGauges {
  static final String TASKS_WAITING = "prometheus.pipeline.external.tasks.waiting";
  static final String INCIDENTS_OPEN = "prometheus.pipeline.incidents.open";
  static final String BACKLOG_LAG = "prometheus.pipeline.backlog.lag";
  /** The incident types the pipeline's own processes raise: failed external tasks and failed jobs. */
  static final List<String> INCIDENT_TYPES = List.of("failedExternalTask", "failedJob");

  private final ExternalTaskService externalTasks;
  private final RuntimeService runtime;
  private final Backlog backlog;
  private final Duration maxAge;
  private final Clock clock = Clock.systemUTC();
  private Snapshot snapshot;

  EngineGauges(MeterRegistry registry, ExternalTaskService externalTasks, RuntimeService runtime, Backlog backlog,
      @Value("${pipeline.metrics.cache:15s}") Duration maxAge) {
    this.externalTasks = externalTasks;
    this.runtime = runtime;
    this.backlog = backlog;
    this.maxAge = maxAge;
    for (String topic : pipelineTopics()) {
      Gauge.builder(TASKS_WAITING, this, g -> g.current().waiting().getOrDefault(topic, 0L))
          .tag("topic", topic).description("External tasks of the topic that no worker has locked yet")
          .register(registry);
    }
    for (String type : INCIDENT_TYPES) {
      Gauge.builder(INCIDENTS_OPEN, this, g -> g.current().incidents().getOrDefault(type, 0L))
          .tag("type", type).description("Open incidents in the engine").register(registry);
    }
    for (String tipo : List.of(Backlog.EXECUTAR_PIPELINE, Backlog.APROVAR_RELEASE, Backlog.VALIDAR_IMPLANTACAO)) {
      Gauge.builder(BACKLOG_LAG, this, g -> g.current().lag(tipo))
          .tag("tipo", tipo).baseUnit("seconds")
          .description("Age of the oldest pending backlog row of the tipo; 0 when none waits").register(registry);
    }
  }

  private synchronized Snapshot current() {
    Instant now = clock.instant();
    if (snapshot == null || snapshot.at().plus(maxAge).isBefore(now)) {
      Map<String, Long> waiting = new HashMap<>();
      for (String topic : pipelineTopics()) {
        waiting.put(topic, externalTasks.createExternalTaskQuery().topicName(topic).notLocked().withRetriesLeft()
            .active().count());
      }
      Map<String, Long> incidents = new HashMap<>();
      for (String type : INCIDENT_TYPES) {
        incidents.put(type, runtime.createIncidentQuery().incidentType(type).count());
      }
      snapshot = new Snapshot(now, waiting, incidents, backlog.oldestPending());
    }
    return snapshot;
  }

  private record Snapshot(Instant at, Map<String, Long> waiting, Map<String, Long> incidents,
      Map<String, Instant> oldestPending) {
    double lag(String tipo) {
      Instant oldest = oldestPending.get(tipo);
      return oldest == null ? 0 : Math.max(0, Duration.between(oldest, at).toMillis() / 1000.0);
    }
  }

  /** The topics of {@link Topics}: only the pipeline's own, not those of processes deployed here as a target. */
  static List<String> pipelineTopics() {
    return Arrays.stream(Topics.class.getFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .map(EngineGauges::value).sorted().toList();
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(field.getName(), e);
    }
  }
}
