package dev.prometheuspipeline.validate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report for people: one page that works offline (bpmn-js and its styles inlined from the webjar in
 * the jar, nothing fetched), with the counts, the findings table, and every BPMN diagram drawn with the
 * elements that have findings marked, red for errors and orange for warnings; hovering over or clicking
 * an element lists its findings beside the diagram.
 *
 * <p>Everything from the user's files is escaped: text as HTML, models and findings as JSON inside
 * {@code <script type="application/json">} with {@code <} escaped. A strict Content-Security-Policy
 * cannot be set on this page since its scripts are inline (that is what makes it one file); serve it with
 * {@code X-Content-Type-Options: nosniff}.
 */
final class HtmlReport {
  /** Larger models are listed but not drawn: the page must stay openable in a browser. */
  static final int MAX_DIAGRAM_BYTES = 3 * 1024 * 1024;

  private static final String WEBJAR = "META-INF/resources/webjars/bpmn-js/8.0.0/dist/";

  private HtmlReport() {}

  static String write(Report report, ReportContext context) {
    StringBuilder html = new StringBuilder(Viewer.SIZE + 64 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Validation report · Prometheus Pipeline</title>\n<style>\n")
        .append(Viewer.CSS).append('\n').append(PAGE_CSS).append("</style></head>\n<body>\n")
        .append("<header><h1>Validation report</h1>\n<p class=\"summary\" id=\"summary\">")
        .append(counts(report)).append("</p></header>\n");
    findingsTable(html, report, context);
    html.append("<main id=\"diagrams\">\n");
    int index = 0;
    for (FetchedArtifact artifact : context.artifacts()) {
      if (artifact.type() == ArtifactType.BPMN) {
        diagram(html, index++, artifact, report, context);
      }
    }
    html.append("</main>\n<script>\n").append(Viewer.JS).append("\n</script>\n<script>\n")
        .append(PAGE_JS).append("</script>\n</body></html>\n");
    return html.toString();
  }

  private static String counts(Report report) {
    long files = report.findings().stream().map(Finding::file).distinct().count();
    long infos = report.findings().size() - report.errorCount() - report.warningCount();
    return "<span class=\"count count-error\">" + plural(report.errorCount(), "error") + "</span> · "
        + "<span class=\"count count-warning\">" + plural(report.warningCount(), "warning") + "</span> · "
        + "<span class=\"count count-info\">" + infos + " info</span> in " + plural(files, "file");
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  private static void findingsTable(StringBuilder html, Report report, ReportContext context) {
    html.append("<section id=\"findings\"><h2>Findings</h2>\n");
    if (report.findings().isEmpty()) {
      html.append("<p class=\"clean\">No findings.</p></section>\n");
      return;
    }
    html.append("<table class=\"findings\"><thead><tr><th>File</th><th>Line</th><th>Element</th><th>Rule</th>")
        .append("<th>Severity</th><th>Message</th><th>Fix</th></tr></thead><tbody>\n");
    for (Finding f : report.findings()) {
      String severity = f.severity().name().toLowerCase(Locale.ROOT);
      html.append("<tr class=\"finding finding-").append(severity).append("\">")
          .append("<td>").append(Html.escape(f.file())).append("</td>")
          .append("<td>").append(f.line() == 0 ? "" : f.line() + (f.column() == 0 ? "" : ":" + f.column()))
          .append("</td>")
          .append("<td><code>").append(Html.escape(f.elementId())).append("</code></td>")
          .append("<td><a href=\"").append(Html.escape(context.docsLink(f.rule()))).append("\">")
          .append(Html.escape(f.rule())).append("</a></td>")
          .append("<td class=\"severity\">").append(severity).append("</td>")
          .append("<td>").append(Html.escape(f.message())).append("</td>")
          .append("<td>").append(Html.escape(f.fix())).append("</td></tr>\n");
    }
    html.append("</tbody></table></section>\n");
  }

  private static void diagram(StringBuilder html, int index, FetchedArtifact artifact, Report report,
      ReportContext context) {
    String file = artifact.path();
    html.append("<section class=\"diagram\" id=\"diagram-").append(index).append("\" data-file=\"")
        .append(Html.escape(file)).append("\"><h2>").append(Html.escape(file)).append("</h2>\n");
    byte[] bytes = artifact.content();
    TextCheck.Decoded decoded = TextCheck.decode(file, bytes, true);
    if (bytes.length > MAX_DIAGRAM_BYTES || decoded.problem().isPresent()) {
      html.append("<p class=\"diagram-status\">Not drawn: ")
          .append(bytes.length > MAX_DIAGRAM_BYTES
              ? "the model is larger than " + MAX_DIAGRAM_BYTES + " bytes"
              : "the file is not readable text")
          .append(". Its findings are in the table above.</p></section>\n");
      return;
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
    html.append("<p class=\"diagram-status\">Drawing…</p>\n")
        .append("<div class=\"diagram-body\"><div class=\"canvas\"></div>")
        .append("<aside class=\"diagram-findings\"><p>Click a marked element to see its findings.</p></aside></div>\n")
        .append("<script type=\"application/json\" class=\"diagram-data\">")
        .append(Html.scriptJson(JsonReport.serializeCompact(data)))
        .append("</script></section>\n");
  }

  /** Element id → its findings in this file, in report order; findings on no element under "". */
  private static Map<String, List<Finding>> findingsOf(Report report, String file) {
    Map<String, List<Finding>> byElement = new TreeMap<>();
    report.findings().stream().filter(f -> f.file().equals(file))
        .forEach(f -> byElement.computeIfAbsent(f.elementId(), id -> new ArrayList<>()).add(f));
    return byElement;
  }

  /** The bpmn-js viewer and its styles, read once from the webjar. */
  private static final class Viewer {
    static final String JS = Html.scriptSource(read("bpmn-navigated-viewer.production.min.js"));
    static final String CSS = read("assets/diagram-js.css") + "\n" + read("assets/bpmn-font/css/bpmn-embedded.css");
    static final int SIZE = JS.length() + CSS.length();

    private static String read(String name) {
      try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(WEBJAR + name)) {
        if (in == null) {
          throw new IllegalStateException("bpmn-js is missing from the classpath: " + WEBJAR + name
              + "; the jar was built without org.webjars.npm:bpmn-js:8.0.0");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("could not read " + WEBJAR + name, e);
      }
    }
  }

  private static final String PAGE_CSS = """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;padding:0 1.5rem 2rem;color:#222}
      header h1{margin:1rem 0 .25rem}
      .summary{font-size:1.05rem;margin:.25rem 0 1rem}
      .count-error{color:#c62828;font-weight:600}.count-warning{color:#e65100;font-weight:600}.count-info{color:#1565c0}
      table.findings{border-collapse:collapse;width:100%;margin-bottom:1.5rem}
      table.findings th,table.findings td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
      table.findings th{background:#f5f5f5}
      tr.finding-error td.severity{color:#c62828;font-weight:600}
      tr.finding-warning td.severity{color:#e65100;font-weight:600}
      tr.finding-info td.severity{color:#1565c0}
      section.diagram{border-top:2px solid #eee;padding-top:.5rem;margin-top:1rem}
      .diagram-body{display:flex;gap:1rem}
      .canvas{flex:1 1 auto;height:480px;border:1px solid #ccc;border-radius:4px;background:#fff}
      .diagram-findings{flex:0 0 22rem;max-height:480px;overflow:auto;font-size:13px}
      .diagram-findings li{margin-bottom:.5rem}
      .diagram-findings .sev-error{color:#c62828;font-weight:600}.diagram-findings .sev-warning{color:#e65100;font-weight:600}
      .diagram-status{color:#555;font-style:italic}
      .djs-element.finding-error .djs-visual>:nth-child(1){stroke:#d32f2f!important;stroke-width:3px!important;fill:#ffebee!important}
      .djs-element.finding-warning .djs-visual>:nth-child(1){stroke:#f57c00!important;stroke-width:3px!important;fill:#fff3e0!important}
      .djs-element.finding-info .djs-visual>:nth-child(1){stroke:#1976d2!important;stroke-width:2px!important}
      .finding-badge{border-radius:10px;color:#fff;font:bold 11px sans-serif;padding:1px 6px;cursor:pointer}
      .finding-badge-error{background:#d32f2f}.finding-badge-warning{background:#f57c00}.finding-badge-info{background:#1976d2}
      """;

  /** Reads each diagram's data from its JSON element; user text reaches the page only as textContent. */
  private static final String PAGE_JS = """
      (function () {
        'use strict';
        function worst(list) {
          if (list.some(function (f) { return f.severity === 'error'; })) { return 'error'; }
          if (list.some(function (f) { return f.severity === 'warning'; })) { return 'warning'; }
          return 'info';
        }
        function show(panel, title, list) {
          panel.textContent = '';
          var heading = document.createElement('h3');
          heading.textContent = title;
          panel.appendChild(heading);
          if (list.length === 0) {
            var none = document.createElement('p');
            none.textContent = 'No findings here.';
            panel.appendChild(none);
            return;
          }
          var ul = document.createElement('ul');
          list.forEach(function (f) {
            var li = document.createElement('li');
            var sev = document.createElement('span');
            sev.className = 'sev-' + f.severity;
            sev.textContent = f.severity + ' ';
            var rule = document.createElement('a');
            rule.href = f.docs;
            rule.textContent = f.rule;
            li.appendChild(sev);
            li.appendChild(rule);
            li.appendChild(document.createTextNode((f.line ? ' (line ' + f.line + ')' : '') + ': ' + f.message
                + (f.fix ? ' Fix: ' + f.fix : '')));
            ul.appendChild(li);
          });
          panel.appendChild(ul);
        }
        document.querySelectorAll('section.diagram').forEach(function (section) {
          var dataElement = section.querySelector('script.diagram-data');
          if (!dataElement) { return; }
          var data = JSON.parse(dataElement.textContent);
          var status = section.querySelector('.diagram-status');
          var panel = section.querySelector('.diagram-findings');
          var all = [].concat(data.general);
          Object.keys(data.findings).forEach(function (id) { all = all.concat(data.findings[id]); });
          var viewer = new BpmnJS({ container: section.querySelector('.canvas') });
          viewer.importXML(data.xml).then(function () {
            var canvas = viewer.get('canvas');
            var registry = viewer.get('elementRegistry');
            var overlays = viewer.get('overlays');
            canvas.zoom('fit-viewport');
            var notDrawn = [];
            Object.keys(data.findings).forEach(function (id) {
              var list = data.findings[id];
              var element = registry.get(id);
              if (!element || !element.parent) { notDrawn.push(id); return; }
              var level = worst(list);
              canvas.addMarker(id, 'finding-' + level);
              var badge = document.createElement('div');
              badge.className = 'finding-badge finding-badge-' + level;
              badge.textContent = String(list.length);
              badge.title = list.map(function (f) { return f.severity + ' ' + f.rule + ': ' + f.message; }).join('\\n');
              badge.addEventListener('click', function () { show(panel, id, list); });
              overlays.add(id, 'findings', { position: { top: -8, right: 8 }, html: badge });
            });
            viewer.on('element.hover', function (event) {
              var list = data.findings[event.element.id];
              if (list && event.element.parent) { show(panel, event.element.id, list); }
            });
            viewer.on('element.click', function (event) {
              var id = event.element.id;
              if (!event.element.parent) { show(panel, data.file, all); return; }
              show(panel, id, data.findings[id] || []);
            });
            show(panel, data.file, all);
            status.textContent = notDrawn.length === 0
              ? 'Click an element to see its findings.'
              : 'Findings on elements without a shape in the diagram: ' + notDrawn.join(', ') + '.';
            section.setAttribute('data-rendered', 'ok');
          }).catch(function (error) {
            status.textContent = 'The diagram could not be drawn: ' + (error && error.message ? error.message : error)
              + '. Its findings are in the table above.';
            show(panel, data.file, all);
            section.querySelector('.canvas').style.display = 'none';
            section.setAttribute('data-rendered', 'failed');
          });
        });
      })();
      """;
}
