package dev.prometheuspipeline.validate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.report.BpmnViewer;
import dev.prometheuspipeline.report.ReportPages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report for people ({@code templates/report/validation.html}): one page that works offline (bpmn-js and its
 * styles inlined from the webjar in the jar, nothing fetched), with the counts, the findings table, and every BPMN
 * diagram drawn with the elements that have findings marked, red for errors and orange for warnings; hovering over
 * or clicking an element lists its findings beside the diagram.
 *
 * <p>Everything from the user's files is escaped: text by the template, models and findings as JSON inside
 * {@code <script type="application/json">} with {@code <} escaped. A strict Content-Security-Policy
 * cannot be set on this page since its scripts are inline (that is what makes it one file); serve it with
 * {@code X-Content-Type-Options: nosniff}.
 */
final class HtmlReport {
  /** Larger models are listed but not drawn: the page must stay openable in a browser. */
  static final int MAX_DIAGRAM_BYTES = 3 * 1024 * 1024;

  private HtmlReport() {}

  /** A row of the findings table, as shown. */
  record Row(String severity, String file, String line, String element, String docs, String rule, String message,
      String fix) {}

  /** A BPMN file's section: {@code notDrawn} says why it is not drawn, or is empty and {@code data} feeds the viewer. */
  record Diagram(String id, String file, String notDrawn, String data) {}

  static String write(Report report, ReportContext context) {
    long files = report.findings().stream().map(Finding::file).distinct().count();
    long infos = report.findings().size() - report.errorCount() - report.warningCount();
    List<Diagram> diagrams = new ArrayList<>();
    for (FetchedArtifact artifact : context.artifacts()) {
      if (artifact.type() == ArtifactType.BPMN) {
        diagrams.add(diagram(diagrams.size(), artifact, report, context));
      }
    }
    return ReportPages.render("validation", Map.of(
        "viewerStyles", BpmnViewer.diagramStyles() + "\n" + BpmnViewer.fontStyles(),
        "viewerScript", BpmnViewer.script(),
        "errors", plural(report.errorCount(), "error"),
        "warnings", plural(report.warningCount(), "warning"),
        "infos", infos + " info",
        "files", plural(files, "file"),
        "findings", report.findings().stream().map(f -> row(f, context)).toList(),
        "diagrams", diagrams));
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  private static Row row(Finding f, ReportContext context) {
    return new Row(f.severity().name().toLowerCase(Locale.ROOT), f.file(),
        f.line() == 0 ? "" : f.line() + (f.column() == 0 ? "" : ":" + f.column()),
        f.elementId(), context.docsLink(f.rule()), f.rule(), f.message(), f.fix());
  }

  private static Diagram diagram(int index, FetchedArtifact artifact, Report report, ReportContext context) {
    String file = artifact.path();
    String id = "diagram-" + index;
    byte[] bytes = artifact.content();
    if (bytes.length > MAX_DIAGRAM_BYTES) {
      return new Diagram(id, file, "the model is larger than " + MAX_DIAGRAM_BYTES + " bytes", "");
    }
    TextCheck.Decoded decoded = TextCheck.decode(file, bytes, true);
    if (decoded.problem().isPresent()) {
      return new Diagram(id, file, "the file is not readable text", "");
    }
    ObjectNode data = JsonReport.JSON.createObjectNode().put("file", file).put("xml", decoded.text());
    ObjectNode byElement = data.putObject("findings");
    ArrayNode general = data.putArray("general");
    for (Map.Entry<String, List<Finding>> entry : findingsOf(report, file).entrySet()) {
      ArrayNode list = entry.getKey().isEmpty() ? general : byElement.putArray(entry.getKey());
      entry.getValue().forEach(f -> list.addObject()
          .put("severity", f.severity().name().toLowerCase(Locale.ROOT))
          .put("rule", f.rule())
          .put("docs", context.docsLink(f.rule()))
          .put("line", f.line())
          .put("message", f.message())
          .put("fix", f.fix()));
    }
    return new Diagram(id, file, "", ReportPages.scriptJson(data));
  }

  /** Element id → its findings in this file, in report order; findings on no element under "". */
  private static Map<String, List<Finding>> findingsOf(Report report, String file) {
    Map<String, List<Finding>> byElement = new TreeMap<>();
    report.findings().stream().filter(f -> f.file().equals(file))
        .forEach(f -> byElement.computeIfAbsent(f.elementId(), id -> new ArrayList<>()).add(f));
    return byElement;
  }
}
