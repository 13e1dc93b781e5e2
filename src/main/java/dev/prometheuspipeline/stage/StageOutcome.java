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

  /**
   * The longest text a variable or a BPMN error's message keeps. The engine stores a string variable in a
   * 4,000-character column: a longer one (a failure naming sixty artifacts) fails the completion in the
   * persistence layer, and the run would hang on an incident instead of ending. The whole text is in the
   * run store (the etapas, the reports); variables hold what a person reads in Cockpit.
   */
  public static final int MAX_TEXT = 3_000;

  public StageOutcome {
    requireNonNull(status, "status");
    requireNonNull(errorCode, "errorCode");
    errorMessage = bounded(requireNonNull(errorMessage, "errorMessage"));
    Map<String, Object> boundedVariables = new LinkedHashMap<>();
    variables.forEach((name, value) -> boundedVariables.put(name, value instanceof String text ? bounded(text) : value));
    variables = Collections.unmodifiableMap(boundedVariables);
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
  }

  /** {@code text} cut to {@link #MAX_TEXT} characters, saying how much was cut and where the rest is. */
  public static String bounded(String text) {
    if (text.length() <= MAX_TEXT) {
      return text;
    }
    // What is kept leaves room for the note, which is under 120 characters.
    int kept = MAX_TEXT - 120;
    return text.substring(0, kept) + "… (" + (text.length() - kept) + " more characters: the release's etapas and"
        + " reports have the whole text)";
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
