package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.sandbox.EngineMessage;
import java.util.List;

/**
 * Turns the engine's messages into finding text (one line, see {@link EngineMessage}) and finds a fix
 * for the messages we know. The engine's wording is kept; it is what people will search for.
 */
final class EngineMessages {
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

  static String clean(String message) {
    return EngineMessage.clean(message);
  }

  static String chain(Throwable failure) {
    return EngineMessage.of(failure);
  }

  static String fixFor(String message) {
    return HINTS.stream()
        .filter(hint -> message.contains(hint.contains()))
        .map(Hint::fix)
        .findFirst()
        .orElse(DEFAULT_FIX);
  }
}
