package dev.prometheuspipeline.validate;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;

/**
 * Everything validation found in a release, sorted by file, line and column.
 *
 * @param findings every finding, of every severity
 */
public record Report(List<Finding> findings) {
  private static final Comparator<Finding> BY_PLACE =
      Comparator.comparing(Finding::file)
          .thenComparingInt(Finding::line)
          .thenComparingInt(Finding::column)
          .thenComparing(Finding::severity)
          .thenComparing(Finding::rule)
          .thenComparing(Finding::message);

  public Report {
    requireNonNull(findings, "findings");
    findings = findings.stream().sorted(BY_PLACE).toList();
  }

  public List<Finding> errors() {
    return withSeverity(Severity.ERROR);
  }

  public List<Finding> warnings() {
    return withSeverity(Severity.WARNING);
  }

  public int errorCount() {
    return errors().size();
  }

  public int warningCount() {
    return warnings().size();
  }

  public boolean hasErrors() {
    return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
  }

  /**
   * One line for a BPMN error message or a log: counts, and the first error (or, with no errors, the
   * first warning) described in full: {@code 2 errors, 1 warning in 2 files; first: a.bpmn:12:5 (Task_X) …}.
   */
  public String summary() {
    long files = findings.stream().map(Finding::file).distinct().count();
    String counts = plural(errorCount(), "error") + ", " + plural(warningCount(), "warning");
    if (findings.isEmpty()) {
      return counts;
    }
    Finding first = hasErrors() ? errors().get(0) : findings.get(0);
    return counts + " in " + plural(files, "file") + "; first: " + first.describe();
  }

  private List<Finding> withSeverity(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).toList();
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
