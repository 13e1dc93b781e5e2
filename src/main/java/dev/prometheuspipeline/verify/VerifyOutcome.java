package dev.prometheuspipeline.verify;

import java.util.List;

/** Every check of one verification, in the order they ran: health first, then each resource. */
public record VerifyOutcome(List<Check> checks) {
  public VerifyOutcome {
    checks = List.copyOf(checks);
  }

  public int passed() {
    return (int) checks.stream().filter(Check::isPassed).count();
  }

  public int failed() {
    return checks.size() - passed();
  }

  public boolean allPassed() {
    return failed() == 0;
  }

  /** The checks that failed, for a report or an error message. */
  public List<Check> failures() {
    return checks.stream().filter(check -> !check.isPassed()).toList();
  }
}
