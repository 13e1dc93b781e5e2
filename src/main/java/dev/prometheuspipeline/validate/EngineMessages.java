package dev.prometheuspipeline.validate;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the engine's messages into finding text: one line, no repetition, and a fix where the message
 * is one we know. The engine's wording is kept; it is what people will search for.
 */
final class EngineMessages {
  private static final int MAX_LENGTH = 600;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private record Hint(String contains, String fix) {}

  private static final List<Hint> HINTS =
      List.of(
          new Hint(
              "ENGINE-12018",
              "set History cleanup › Time to live in Camunda Modeler (camunda:historyTimeToLive, in days)"
                  + " on every process and decision; the target engine refuses models without it"),
          new Hint("cvc-id.1", "point the reference at an element id that exists, or remove it"),
          new Hint("cvc-id.2", "give each element a unique id"),
          new Hint(
              "cvc-",
              "make the XML match the BPMN/DMN schema (usually an element or attribute in the wrong place);"
                  + " re-saving from Camunda Modeler shows where"),
          new Hint(
              "is mandatory on serviceTask",
              "choose an implementation for the task in Camunda Modeler (External with a topic, Java class,"
                  + " expression or delegate expression)"),
          new Hint(
              "Timer needs configuration",
              "give the timer a date, duration or cycle (Timer › Type and Value in Camunda Modeler)"),
          new Hint(
              "without condition which is not the default flow",
              "mark that flow as the gateway's default flow, or give it a condition"),
          new Hint(
              "same key",
              "give each process and decision a unique id; the engine keys definitions by id"));

  private static final String DEFAULT_FIX =
      "correct the element in Camunda Modeler; the message is the engine's own";

  private EngineMessages() {}

  /**
   * The engine's message on one line. The engine often ends a first sentence with a list of options
   * ("The following options are possible:"); the list is dropped and the fix says what to do.
   */
  static String clean(String message) {
    if (message == null || message.isBlank()) {
      return "refused by the engine (no message)";
    }
    String firstLine = message.strip().lines().findFirst().orElse("").strip();
    if (firstLine.endsWith(":")) {
      int sentenceEnd = firstLine.lastIndexOf(". ");
      if (sentenceEnd > 0) {
        firstLine = firstLine.substring(0, sentenceEnd + 1);
      }
    }
    String text = WHITESPACE.matcher(firstLine).replaceAll(" ");
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "…";
  }

  /**
   * What went wrong, from an exception chain: the outermost message (what the engine was doing) and the
   * innermost (what it found), cleaned; the wrappers in between repeat one or the other.
   */
  static String chain(Throwable failure) {
    Throwable root = failure;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
      root = root.getCause();
    }
    String outer = clean(failure.getMessage());
    String inner = clean(root.getMessage());
    if (root == failure || outer.contains(withoutFinalPeriod(inner))) {
      return outer;
    }
    return withoutFinalPeriod(outer) + ": " + inner;
  }

  private static String withoutFinalPeriod(String text) {
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  static String fixFor(String message) {
    return HINTS.stream()
        .filter(hint -> message.contains(hint.contains()))
        .map(Hint::fix)
        .findFirst()
        .orElse(DEFAULT_FIX);
  }
}
