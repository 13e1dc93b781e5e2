package dev.prometheuspipeline.deploy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * A problem the target engine found in one resource while parsing a deployment.
 *
 * @param resource the resource name
 * @param severity error (the deployment was refused because of it) or warning
 * @param message the engine's message
 * @param line line in the resource, as the engine reports it; 0 when unknown
 * @param column column in that line; 0 when unknown
 * @param mainElementId the model element at fault; empty when the engine names none
 * @param elementIds every element involved
 */
public record EngineProblem(String resource, Severity severity, String message, int line, int column,
                            String mainElementId, List<String> elementIds) {
  public enum Severity { ERROR, WARNING }

  public EngineProblem {
    requireNonNull(resource, "resource");
    requireNonNull(severity, "severity");
    message = message == null ? "" : message;
    mainElementId = mainElementId == null ? "" : mainElementId;
    elementIds = elementIds == null ? List.of() : List.copyOf(elementIds);
  }

  /** {@code order.bpmn:12:5 (Task_Approve) error: <message>}. */
  public String describe() {
    StringBuilder text = new StringBuilder(resource);
    if (line > 0) {
      text.append(':').append(line);
      if (column > 0) {
        text.append(':').append(column);
      }
    }
    if (!mainElementId.isEmpty()) {
      text.append(" (").append(mainElementId).append(')');
    }
    return text.append(' ').append(severity.name().toLowerCase(Locale.ROOT)).append(": ")
        .append(message).toString();
  }
}
