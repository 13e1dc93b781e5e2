package dev.prometheuspipeline.verify;

import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.VerifyEtapa;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Every check of one verification, in the order they ran: health first, then each resource. */
public record VerifyOutcome(List<Check> checks) {
  public VerifyOutcome {
    checks = List.copyOf(checks);
  }

  public int passed() {
    return (int) checks.stream().filter(Check::isPassed).count();
  }

  public int failed() {
    return (int) checks.stream().filter(Check::isFailed).count();
  }

  public boolean allPassed() {
    return failed() == 0;
  }

  /** The checks that failed, for a report or an error message. */
  public List<Check> failures() {
    return checks.stream().filter(Check::isFailed).toList();
  }

  /** {@code etapas.verify} on environment {@code ambiente}: every check with its status and what it saw. */
  public VerifyEtapa etapa(String ambiente) {
    return new VerifyEtapa(allPassed() ? StageStatus.SUCCESS : StageStatus.FAILED, checks.stream()
        .map(c -> new VerifyEtapa.Check(c.name(), ambiente, c.status().name().toLowerCase(Locale.ROOT), c.durationMs(),
            c.detail())).toList());
  }

  /** The failed checks in one line: {@code checksum:a.bpmn: …; definition:b.dmn: …}. */
  public String describeFailures() {
    return failures().stream().map(c -> c.name() + ": " + c.detail()).collect(Collectors.joining("; "));
  }
}
