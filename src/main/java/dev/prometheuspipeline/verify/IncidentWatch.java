package dev.prometheuspipeline.verify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.prometheuspipeline.deploy.EngineDefinition;
import dev.prometheuspipeline.deploy.TargetEngineClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Watches the definitions a release just deployed for a window after the deploy: a new incident, or a job
 * that failed, on any of them fails verification with the engine's message. The models deployed and
 * passed their smoke runs; this catches what only real traffic shows in the first minutes.
 */
public final class IncidentWatch {
  static final String NAME = "incident-watch";
  private static final int MAX_LISTED = 10;
  /** The engine's date format ({@code 2026-12-02T10:15:30.123+0000}). */
  private static final DateTimeFormatter ENGINE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private final Clock clock;
  private final Sleeper sleeper;

  public IncidentWatch() {
    this(Clock.systemUTC(), Thread::sleep);
  }

  IncidentWatch(Clock clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Waits between two looks at the target; a test passes one that does not sleep. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  /**
   * @param definitions the process definitions the release created on the target
   * @param deployedAt when the deploy finished: incidents before it are someone else's
   * @param window how long to watch after {@code deployedAt}; zero skips the watch
   */
  public Check watch(TargetEngineClient engine, List<EngineDefinition> definitions, Instant deployedAt,
                     Duration window) {
    if (window.isZero()) {
      return Check.skipped(NAME, "pipeline.verify.incident-watch is PT0S");
    }
    if (definitions.isEmpty()) {
      return Check.skipped(NAME, "the release created no process definition on the target, so none to watch");
    }
    return Check.timed(() -> {
      Instant until = deployedAt.plus(window);
      long pause = Math.max(200, Math.min(1_000, window.toMillis() / 10));
      while (true) {
        List<String> found = problems(engine, definitions, deployedAt);
        if (!found.isEmpty()) {
          return Check.failed(NAME, found.size() + " problem(s) on the definitions just deployed within "
              + window + " of the deploy: " + listed(found));
        }
        if (!clock.instant().isBefore(until)) {
          return Check.passed(NAME, "no incident or failed job on " + definitions.stream()
              .map(EngineDefinition::keyAndVersion).collect(Collectors.joining(", ")) + " for " + window
              + " after the deploy");
        }
        try {
          sleeper.sleep(Math.min(pause, Duration.between(clock.instant(), until).toMillis() + 1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Check.failed(NAME, "the watch was interrupted before its window ended");
        }
      }
    });
  }

  private static List<String> problems(TargetEngineClient engine, List<EngineDefinition> definitions, Instant since) {
    List<String> found = new ArrayList<>();
    for (EngineDefinition definition : definitions) {
      Map<String, String> query = Map.of("processDefinitionId", definition.id());
      for (Incident incident : engine.getAll("/incident", query, Incident[].class)) {
        if (after(incident.incidentTimestamp(), since)) {
          found.add(definition.keyAndVersion() + ": incident " + incident.incidentType() + " at "
              + incident.activityId() + " (instance " + incident.processInstanceId() + "): "
              + incident.incidentMessage());
        }
      }
      Map<String, String> failedJobs = Map.of("processDefinitionId", definition.id(), "withException", "true");
      for (Job job : engine.getAll("/job", failedJobs, Job[].class)) {
        found.add(definition.keyAndVersion() + ": job " + job.id() + " failed (instance " + job.processInstanceId()
            + ", " + job.retries() + " retries left): " + job.exceptionMessage());
      }
    }
    return found;
  }

  private static boolean after(String engineTime, Instant since) {
    if (engineTime == null) {
      return true;
    }
    try {
      return !OffsetDateTime.parse(engineTime, ENGINE_TIME).toInstant().isBefore(since.minusSeconds(1));
    } catch (DateTimeParseException e) {
      return true; // an engine whose date format differs: better a false alarm than a missed incident
    }
  }

  private static String listed(List<String> found) {
    return String.join("; ", found.subList(0, Math.min(MAX_LISTED, found.size())))
        + (found.size() > MAX_LISTED ? "; and " + (found.size() - MAX_LISTED) + " more" : "");
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Incident(String id, String incidentType, String incidentMessage, String activityId, String processInstanceId,
                  String incidentTimestamp) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Job(String id, String processInstanceId, String exceptionMessage, Integer retries) {}
}
