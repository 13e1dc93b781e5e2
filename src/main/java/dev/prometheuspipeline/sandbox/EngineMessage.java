package dev.prometheuspipeline.sandbox;

import java.util.regex.Pattern;

/** The engine's messages made fit for one line of a report; the engine's wording is kept. */
public final class EngineMessage {
  private static final int MAX_LENGTH = 600;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private EngineMessage() {}

  /**
   * The message on one line. The engine often ends a first sentence with a list of options ("The
   * following options are possible:") spread over more lines; the list is dropped.
   */
  public static String clean(String message) {
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
  public static String of(Throwable failure) {
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
}
