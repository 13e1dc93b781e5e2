package dev.prometheuspipeline.validate;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * One problem in one artifact, located as precisely as the checks can.
 *
 * @param file the artifact's path in its repository ({@code Genesis/bpmn/a.bpmn})
 * @param line 1-based line; 0 when unknown
 * @param column 1-based column; 0 when unknown. For XML elements this is where the engine's SAX parser
 *     puts them too: just after the start tag's {@code >}
 * @param elementId the id of the model element at fault; empty when none
 * @param rule a stable kebab-case id of the check ({@code bpmn-engine-parse}), for filtering and config
 * @param severity how much it matters
 * @param message what is wrong
 * @param fix how to fix it
 */
public record Finding(
    String file,
    int line,
    int column,
    String elementId,
    String rule,
    Severity severity,
    String message,
    String fix) {
  private static final Pattern KEBAB_CASE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  public Finding {
    requireNonNull(file, "file");
    requireNonNull(elementId, "elementId");
    requireNonNull(rule, "rule");
    requireNonNull(severity, "severity");
    requireNonNull(message, "message");
    requireNonNull(fix, "fix");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column are 1-based, or 0 when unknown: " + line + ":" + column);
    }
    if (!KEBAB_CASE.matcher(rule).matches()) {
      throw new IllegalArgumentException("rule must be a kebab-case id: " + rule);
    }
    if (message.isBlank()) {
      throw new IllegalArgumentException("a finding needs a message");
    }
  }

  /** Where it is: {@code x.bpmn:42:7}, {@code x.bpmn:42} or {@code x.bpmn}, as much as is known. */
  public String location() {
    if (line == 0) {
      return file;
    }
    return column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
  }

  /** One line for people: {@code x.bpmn:42:7 (Task_Approve) [rule] message — fix}. */
  public String describe() {
    StringBuilder text = new StringBuilder(location());
    if (!elementId.isEmpty()) {
      text.append(" (").append(elementId).append(')');
    }
    text.append(" [").append(rule).append("] ").append(message);
    if (!fix.isBlank()) {
      text.append(" — ").append(fix);
    }
    return text.toString();
  }
}
