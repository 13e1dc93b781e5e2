package dev.prometheuspipeline.validate;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The forms a validation {@link Report} is written in: for people, for scripts, for code-scanning tools. */
public enum ReportFormat {
  /** One {@link Finding#describe()} per line and a summary line. */
  TEXT("text/plain;charset=UTF-8"),
  /** The findings with per-rule counts and a documentation link each. */
  JSON("application/json"),
  /** SARIF 2.1.0, which GitHub code scanning and IDE SARIF viewers read. */
  SARIF("application/sarif+json"),
  /** One self-contained page: summary, findings table and each BPMN diagram with its findings marked. */
  HTML("text/html;charset=UTF-8");

  private final String mediaType;

  ReportFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The lowercase name used on the command line ({@code --format sarif}). */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ReportFormat> fromOptionName(String name) {
    return Arrays.stream(values()).filter(f -> f.optionName().equals(name)).findFirst();
  }

  /** The report in this format; never fails for any findings or artifact bytes. */
  public String write(Report report, ReportContext context) {
    requireNonNull(report, "report");
    requireNonNull(context, "context");
    return switch (this) {
      case TEXT -> TextReport.write(report);
      case JSON -> JsonReport.write(report, context);
      case SARIF -> SarifReport.write(report, context);
      case HTML -> HtmlReport.write(report, context);
    };
  }
}
