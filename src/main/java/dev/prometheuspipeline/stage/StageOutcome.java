package dev.prometheuspipeline.stage;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.StageStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a stage ended for the engine: completed with its variables, or a BPMN error that the diagram
 * catches (an expected failure: a model that cannot be fetched, a target that refuses the release).
 * {@code facts} are the figures of the stage's one log line ({@code errors=3}).
 *
 * @param status what the stage's etapa says, logged as {@code outcome=}
 * @param errorCode the BPMN error's code, empty when the task completes
 * @param errorMessage the BPMN error's message; empty when the task completes
 * @param variables process variables: bounded summaries and ids, never reports or secrets; null values
 *     are allowed, as the engine stores them
 */
public record StageOutcome(StageStatus status, Optional<String> errorCode, String errorMessage,
    Map<String, Object> variables, Map<String, Object> facts) {

  public StageOutcome {
    requireNonNull(status, "status");
    requireNonNull(errorCode, "errorCode");
    requireNonNull(errorMessage, "errorMessage");
    variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  /** The task completes; the process goes on with {@code variables}. */
  public static StageOutcome completed(StageStatus status, Map<String, Object> variables) {
    return new StageOutcome(status, Optional.empty(), "", variables, Map.of());
  }

  /** The task ends with the BPMN error {@code code}, caught on the diagram. */
  public static StageOutcome bpmnError(String code, String message, Map<String, Object> variables) {
    return new StageOutcome(StageStatus.FAILED, Optional.of(requireNonNull(code, "code")),
        requireNonNull(message, "message"), variables, Map.of());
  }

  /** The same outcome with one more figure for the log line. */
  public StageOutcome with(String fact, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(facts);
    more.put(fact, value);
    return new StageOutcome(status, errorCode, errorMessage, variables, more);
  }
}
