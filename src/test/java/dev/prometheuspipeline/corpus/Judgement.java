package dev.prometheuspipeline.corpus;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.validate.Finding;
import dev.prometheuspipeline.validate.Report;
import java.util.List;
import java.util.TreeSet;

/**
 * The engine's label of one model beside the validator's report on it.
 *
 * @param model the model
 * @param label what the engine said
 * @param report what the validator said
 */
record Judgement(PublicModel model, EngineLabel label, Report report) {
  /** How a judgement can go; all but {@link #AGREE} are disagreements. */
  enum Outcome {
    /**
     * Accepted with no error, or refused (or broken at run time) with an error carrying the engine's
     * reason.
     */
    AGREE,
    /** The engine deploys it; the validator reports an error, so a good release would be stopped. */
    ACCEPTED_BUT_FLAGGED,
    /** The engine refuses it; the validator reports no error, so the failure moves to the target. */
    REFUSED_NOT_FLAGGED,
    /** Both refuse it, but no error says why the engine does. */
    REFUSED_FOR_OTHER_REASON,
    /** The engine deploys it and it breaks when run; the validator reports no error saying why. */
    RUN_TIME_BREAK_MISSED
  }

  Judgement {
    requireNonNull(model, "model");
    requireNonNull(label, "label");
    requireNonNull(report, "report");
  }

  Outcome outcome() {
    if (label.verdict() == EngineLabel.Verdict.ACCEPTED) {
      return report.hasErrors() ? Outcome.ACCEPTED_BUT_FLAGGED : Outcome.AGREE;
    }
    if (label.verdict() == EngineLabel.Verdict.BREAKS_AT_RUN_TIME) {
      return carryingErrors().isEmpty() ? Outcome.RUN_TIME_BREAK_MISSED : Outcome.AGREE;
    }
    if (!report.hasErrors()) {
      return Outcome.REFUSED_NOT_FLAGGED;
    }
    return carryingErrors().isEmpty() ? Outcome.REFUSED_FOR_OTHER_REASON : Outcome.AGREE;
  }

  boolean agrees() {
    return outcome() == Outcome.AGREE;
  }

  /** The errors whose message carries one of the engine's reasons. */
  List<Finding> carryingErrors() {
    return report.errors().stream().filter(error -> label.carriedBy(error.message(), error.line())).toList();
  }

  /** The rules of the validator's errors, sorted, comma-separated; {@code -} when none. */
  String errorRules() {
    TreeSet<String> rules = new TreeSet<>();
    report.errors().forEach(error -> rules.add(error.rule()));
    return rules.isEmpty() ? "-" : String.join(",", rules);
  }

  /** The first error described in full, for the table; {@code -} when none. */
  String firstError() {
    return report.errors().stream().findFirst().map(Finding::describe).orElse("-");
  }
}
