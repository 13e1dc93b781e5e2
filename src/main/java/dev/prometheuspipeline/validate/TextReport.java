package dev.prometheuspipeline.validate;

import java.util.Locale;

/** For a terminal or a CI log: one finding per line, then the counts. */
final class TextReport {
  private TextReport() {}

  static String write(Report report) {
    StringBuilder text = new StringBuilder();
    for (Finding finding : report.findings()) {
      text.append(finding.severity().name().toLowerCase(Locale.ROOT)).append(' ')
          .append(finding.describe()).append('\n');
    }
    long files = report.findings().stream().map(Finding::file).distinct().count();
    long infos = report.findings().size() - report.errorCount() - report.warningCount();
    text.append(report.errorCount()).append(report.errorCount() == 1 ? " error, " : " errors, ")
        .append(report.warningCount()).append(report.warningCount() == 1 ? " warning, " : " warnings, ")
        .append(infos).append(" info");
    if (files > 0) {
      text.append(" in ").append(files).append(files == 1 ? " file" : " files");
    }
    return text.append('\n').toString();
  }
}
