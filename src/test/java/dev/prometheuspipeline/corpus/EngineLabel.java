package dev.prometheuspipeline.corpus;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a default-configured Camunda 7.24 engine said about a model deployed alone.
 *
 * @param verdict deployed, deployed but broke when run, or refused
 * @param reasons for a refusal or a break, the engine's messages, each on one line: every parse error, or
 *     the exception's root cause's and its own message; empty when accepted
 */
record EngineLabel(Verdict verdict, List<String> reasons) {
  /** What the engine did with the model. */
  enum Verdict {
    ACCEPTED,
    /** Deployed, then failed when run: the "engine-accepted mistakes" the validator should catch. */
    BREAKS_AT_RUN_TIME,
    REFUSED
  }

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  /**
   * Camunda's XML parsers put the place before the reason ({@code Error: URI=null Line=30: cvc-id.2: ...});
   * a finding gives the place as its location, so the line is judged there and only the rest as text.
   */
  private static final Pattern PLACE = Pattern.compile("^(?:Fatal Error|Error|Warning): URI=\\S* Line=(\\d+):\\s*");
  /** Long enough to be the engine's own wording, short enough to survive a one-line cleanup of it. */
  private static final int KEY_LENGTH = 80;

  EngineLabel {
    requireNonNull(verdict, "verdict");
    reasons = reasons.stream().map(EngineLabel::oneLine).distinct().toList();
    if ((verdict == Verdict.ACCEPTED) == !reasons.isEmpty()) {
      throw new IllegalArgumentException("an accepted model has no reasons, a refused or broken one at least one");
    }
  }

  static EngineLabel accept() {
    return new EngineLabel(Verdict.ACCEPTED, List.of());
  }

  static EngineLabel refuse(List<String> reasons) {
    return new EngineLabel(Verdict.REFUSED, reasons);
  }

  static EngineLabel breaksAtRunTime(List<String> reasons) {
    return new EngineLabel(Verdict.BREAKS_AT_RUN_TIME, reasons);
  }

  /** True when the engine deployed it (whether or not it then ran). */
  boolean accepted() {
    return verdict != Verdict.REFUSED;
  }

  /** The first reason, for tables. */
  String reason() {
    return reasons.isEmpty() ? "" : reasons.get(0);
  }

  /** For tables: {@code accepted}, or the verdict and the first reason. */
  String describe() {
    return verdict == Verdict.ACCEPTED ? "accepted" : verdict.name().toLowerCase(Locale.ROOT) + ": " + reason();
  }

  /**
   * True when the text carries one of the engine's reasons: the start of its first line, whitespace
   * collapsed and case ignored, so the validator may add a location or a fix around it.
   */
  boolean carriedBy(String text) {
    String haystack = normalise(text);
    return reasons.stream().map(EngineLabel::key).anyMatch(haystack::contains);
  }

  /**
   * True when the finding's text carries one of the engine's reasons and, where the engine names the
   * reason's line, the finding is on that line.
   */
  boolean carriedBy(String text, int line) {
    String haystack = normalise(text);
    return reasons.stream().anyMatch(reason -> haystack.contains(key(reason)) && lineOf(reason).orElse(line) == line);
  }

  /** The line the engine names before a reason, when it names one. */
  static OptionalInt lineOf(String reason) {
    Matcher place = PLACE.matcher(reason);
    return place.find() ? OptionalInt.of(Integer.parseInt(place.group(1))) : OptionalInt.empty();
  }

  /** The start of a reason, after the place the engine names, that a finding must contain to carry it. */
  static String key(String reason) {
    String key = normalise(PLACE.matcher(reason).replaceFirst(""));
    key = key.length() <= KEY_LENGTH ? key : key.substring(0, KEY_LENGTH);
    return key.endsWith(".") ? key.substring(0, key.length() - 1) : key;
  }

  private static String normalise(String text) {
    return WHITESPACE.matcher(text.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
  }

  private static String oneLine(String message) {
    if (message == null || message.isBlank()) {
      return "(no message)";
    }
    return WHITESPACE.matcher(message.strip().lines().findFirst().orElse("")).replaceAll(" ");
  }
}
