package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.testing.Coverage.DecisionCoverage;
import dev.prometheuspipeline.testing.Coverage.Element;
import dev.prometheuspipeline.testing.Coverage.ProcessCoverage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The coverage picture: one self-contained HTML page with every BPMN diagram of the release rendered by
 * bpmn-js (inlined from the webjar: the page is stored and served offline, and a CDN would leak who reads it),
 * covered flow nodes and sequence flows in green, uncovered ones outlined in dashed red, and the figures.
 */
public final class CoveragePage {
  private static final String BPMN_JS = "META-INF/resources/webjars/bpmn-js/8.0.0/dist/";
  private static final Pattern CLOSING_SCRIPT = Pattern.compile("</(script)", Pattern.CASE_INSENSITIVE);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String STYLE = """
      body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1f2328; }
      table { border-collapse: collapse; margin: .5rem 0 1rem; }
      th, td { border: 1px solid #d0d7de; padding: .25rem .6rem; text-align: left; vertical-align: top; }
      th { background: #f6f8fa; }
      td.figure { text-align: right; font-variant-numeric: tabular-nums; }
      .canvas { height: 480px; border: 1px solid #d0d7de; margin-bottom: 1rem; }
      .legend span { display: inline-block; margin-right: 1.5rem; }
      .swatch { display: inline-block; width: 1.6em; height: .9em; vertical-align: middle; margin-right: .3em; }
      .swatch.covered { background: #dcf5e3; border: 2px solid #1b873f; }
      .swatch.uncovered { background: #f3f3f3; border: 2px dashed #c62828; }
      .swatch.ignored { background: #fff; border: 2px solid #999; }
      .render-error { color: #c62828; }
      .djs-shape.covered .djs-visual > :nth-child(1) { stroke: #1b873f !important; stroke-width: 3px !important; fill: #dcf5e3 !important; }
      .djs-connection.covered .djs-visual > path { stroke: #1b873f !important; stroke-width: 3px !important; }
      .djs-shape.uncovered .djs-visual > :nth-child(1) { stroke: #c62828 !important; stroke-dasharray: 6 3; fill: #f3f3f3 !important; }
      .djs-connection.uncovered .djs-visual > path { stroke: #c62828 !important; stroke-dasharray: 6 3; }
      """;

  // Markers go on after import; elements the library does not count (a link throw event) stay as drawn.
  private static final String RENDER = """
      (function () {
        var data = JSON.parse(document.getElementById('coverage-data').textContent);
        data.diagrams.forEach(function (diagram) {
          var container = document.getElementById(diagram.container);
          var viewer = new BpmnJS({ container: container });
          viewer.importXML(diagram.xml).then(function () {
            var canvas = viewer.get('canvas');
            var registry = viewer.get('elementRegistry');
            canvas.zoom('fit-viewport');
            diagram.covered.forEach(function (id) { if (registry.get(id)) { canvas.addMarker(id, 'covered'); } });
            diagram.uncovered.forEach(function (id) { if (registry.get(id)) { canvas.addMarker(id, 'uncovered'); } });
            container.setAttribute('data-rendered', 'ok');
          }).catch(function (err) {
            container.setAttribute('data-rendered', 'failed');
            container.style.display = 'none';
            var message = document.createElement('p');
            message.className = 'render-error';
            message.textContent = 'This diagram could not be drawn (' + err.message
                + '); a model saved without its diagram (DI) has nothing to draw. The table above still counts it.';
            container.parentNode.insertBefore(message, container);
          });
        });
      })();
      """;

  private CoveragePage() {}

  /** A whole page: the figures, the legend and every diagram of {@code models}. */
  public static String page(String title, List<FetchedArtifact> models, Coverage coverage) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n"
        + head() + "</head>\n<body>\n<h1>" + escape(title) + "</h1>\n" + section(models, coverage) + "</body></html>\n";
  }

  /** What a page that embeds {@link #section} needs in its head: the styles and the inlined viewer. */
  static String head() {
    return "<style>\n" + resource("assets/diagram-js.css") + "\n" + STYLE + "</style>\n"
        + "<script>\n" + CLOSING_SCRIPT.matcher(resource("bpmn-navigated-viewer.production.min.js")).replaceAll("<\\\\/$1")
        + "\n</script>\n";
  }

  /** The coverage part of a page: figures, legend, tables and diagrams; its script must come after the head's. */
  static String section(List<FetchedArtifact> models, Coverage coverage) {
    requireNonNull(models, "models");
    requireNonNull(coverage, "coverage");
    StringBuilder html = new StringBuilder("<section class=\"coverage\">\n<h2>Coverage</h2>\n");
    html.append("<p class=\"summary\">Combined: <strong>").append(percent(coverage.ratio())).append("</strong> (")
        .append(coverage.covered()).append(" of ").append(coverage.total())
        .append(" flow nodes, sequence flows and rules). Processes: ").append(percent(coverage.processRatio()))
        .append(". Decision tables: ").append(percent(coverage.decisionRatio())).append(".</p>\n");
    html.append("<p class=\"legend\"><span><i class=\"swatch covered\"></i>passed by a test</span>")
        .append("<span><i class=\"swatch uncovered\"></i>not passed by any test</span>")
        .append("<span><i class=\"swatch ignored\"></i>not counted (link throw events, non-executable pools)</span></p>\n");
    List<Map<String, Object>> diagrams = new ArrayList<>();
    for (FetchedArtifact model : models) {
      if (model.type() != ArtifactType.BPMN) {
        continue;
      }
      List<ProcessCoverage> processes = coverage.processes().stream()
          .filter(p -> p.file().equals(model.path())).toList();
      String container = "diagram-" + diagrams.size();
      html.append("<h3>").append(escape(model.path())).append("</h3>\n");
      processTable(html, processes);
      html.append("<div class=\"canvas\" id=\"").append(container).append("\"></div>\n");
      Map<String, Object> diagram = new LinkedHashMap<>();
      diagram.put("container", container);
      diagram.put("xml", model.text());
      diagram.put("covered", processes.stream().flatMap(p -> p.coveredIds().stream()).sorted().toList());
      diagram.put("uncovered", processes.stream().flatMap(p -> p.uncovered().stream()).map(Element::id).toList());
      diagrams.add(diagram);
    }
    decisionTable(html, coverage.decisions());
    html.append("<script type=\"application/json\" id=\"coverage-data\">")
        .append(scriptSafeJson(Map.of("diagrams", diagrams))).append("</script>\n");
    html.append("<script>\n").append(RENDER).append("</script>\n</section>\n");
    return html.toString();
  }

  private static void processTable(StringBuilder html, List<ProcessCoverage> processes) {
    if (processes.isEmpty()) {
      html.append("<p>No executable process of this file was counted: nothing to cover.</p>\n");
      return;
    }
    html.append("<table class=\"processes\"><tr><th>Process</th><th>Covered</th><th>Flow nodes</th>")
        .append("<th>Sequence flows</th><th>Coverage</th><th>Not passed</th></tr>\n");
    for (ProcessCoverage process : processes) {
      html.append("<tr><td>").append(escape(label(process.name(), process.key()))).append("</td><td class=\"figure\">")
          .append(process.covered()).append(" / ").append(process.total()).append("</td><td class=\"figure\">")
          .append(process.flowNodes()).append("</td><td class=\"figure\">").append(process.sequenceFlows())
          .append("</td><td class=\"figure\">").append(percent(process.ratio())).append("</td><td>")
          .append(elements(process.uncovered())).append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static void decisionTable(StringBuilder html, List<DecisionCoverage> decisions) {
    if (decisions.isEmpty()) {
      return;
    }
    html.append("<h3>Decision tables</h3>\n<table class=\"decisions\"><tr><th>File</th><th>Decision</th>")
        .append("<th>Rules fired</th><th>Coverage</th><th>Never fired</th></tr>\n");
    for (DecisionCoverage decision : decisions) {
      html.append("<tr><td>").append(escape(decision.file())).append("</td><td>")
          .append(escape(label(decision.name(), decision.key()))).append("</td><td class=\"figure\">")
          .append(decision.fired()).append(" / ").append(decision.total()).append("</td><td class=\"figure\">")
          .append(percent(decision.ratio())).append("</td><td>").append(elements(decision.unfired()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static String elements(List<Element> elements) {
    StringBuilder list = new StringBuilder();
    for (Element element : elements) {
      list.append(list.length() == 0 ? "" : "<br>").append(escape(element.describe()));
    }
    return list.toString();
  }

  private static String label(String name, String key) {
    return name.isBlank() ? key : name + " (" + key + ")";
  }

  static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
  }

  /** Text for HTML element content and quoted attribute values. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * JSON that can sit inside a {@code <script>} element: {@code <}, {@code >} and {@code &} only occur inside
   * JSON strings, where their {@code \\u} escapes mean the same, so a model containing {@code </script>} cannot
   * end the element early.
   */
  static String scriptSafeJson(Object value) {
    try {
      return JSON.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plain maps and lists always serialise", e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = CoveragePage.class.getClassLoader().getResourceAsStream(BPMN_JS + name)) {
      if (in == null) {
        throw new IllegalStateException(BPMN_JS + name + " is not on the classpath: the bpmn-js 8.0.0 webjar is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
