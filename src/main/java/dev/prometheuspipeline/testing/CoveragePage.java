package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.report.BpmnViewer;
import dev.prometheuspipeline.report.ReportPages;
import dev.prometheuspipeline.testing.Coverage.DecisionCoverage;
import dev.prometheuspipeline.testing.Coverage.Element;
import dev.prometheuspipeline.testing.Coverage.ProcessCoverage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The coverage picture ({@code templates/report/coverage.html}): one self-contained HTML page with every BPMN
 * diagram of the release rendered by bpmn-js (inlined from the webjar: the page is stored and served offline, and a
 * CDN would leak who reads it), covered flow nodes and sequence flows in green, uncovered ones outlined in dashed
 * red, and the figures. The test report embeds its fragments.
 */
public final class CoveragePage {
  private CoveragePage() {}

  /** The figures and diagrams the coverage fragments show; {@code data} feeds the viewer script. */
  record View(String combined, int covered, int total, String processes, String decisions, List<Diagram> diagrams,
      List<DecisionRow> decisionTables, String data) {}

  /** A BPMN file: its processes' rows and the element the viewer draws it in. */
  record Diagram(String file, String container, List<ProcessRow> processes) {}

  record ProcessRow(String label, String covered, int flowNodes, int sequenceFlows, String ratio,
      List<String> notPassed) {}

  record DecisionRow(String file, String label, String fired, String ratio, List<String> neverFired) {}

  /** A whole page: the figures, the legend and every diagram of {@code models}. */
  public static String page(String title, List<FetchedArtifact> models, Coverage coverage) {
    Map<String, Object> variables = new HashMap<>(variables(models, coverage));
    variables.put("title", requireNonNull(title, "title"));
    return ReportPages.render("coverage", variables);
  }

  /** What a template that includes the {@code head} and {@code section} fragments (viewerHead, coverageSection) of the coverage page reads. */
  static Map<String, Object> variables(List<FetchedArtifact> models, Coverage coverage) {
    return Map.of("viewerStyles", BpmnViewer.diagramStyles(), "viewerScript", BpmnViewer.script(),
        "coverage", view(models, coverage));
  }

  private static View view(List<FetchedArtifact> models, Coverage coverage) {
    requireNonNull(models, "models");
    requireNonNull(coverage, "coverage");
    List<Diagram> diagrams = new ArrayList<>();
    List<Map<String, Object>> data = new ArrayList<>();
    for (FetchedArtifact model : models) {
      if (model.type() != ArtifactType.BPMN) {
        continue;
      }
      List<ProcessCoverage> processes = coverage.processes().stream()
          .filter(p -> p.file().equals(model.path())).toList();
      String container = "diagram-" + diagrams.size();
      diagrams.add(new Diagram(model.path(), container, processes.stream().map(CoveragePage::row).toList()));
      Map<String, Object> diagram = new LinkedHashMap<>();
      diagram.put("container", container);
      diagram.put("xml", model.text());
      diagram.put("covered", processes.stream().flatMap(p -> p.coveredIds().stream()).sorted().toList());
      diagram.put("uncovered", processes.stream().flatMap(p -> p.uncovered().stream()).map(Element::id).toList());
      data.add(diagram);
    }
    return new View(percent(coverage.ratio()), coverage.covered(), coverage.total(), percent(coverage.processRatio()),
        percent(coverage.decisionRatio()), diagrams, coverage.decisions().stream().map(CoveragePage::row).toList(),
        ReportPages.scriptJson(Map.of("diagrams", data)));
  }

  private static ProcessRow row(ProcessCoverage process) {
    return new ProcessRow(label(process.name(), process.key()), process.covered() + " / " + process.total(),
        process.flowNodes(), process.sequenceFlows(), percent(process.ratio()), described(process.uncovered()));
  }

  private static DecisionRow row(DecisionCoverage decision) {
    return new DecisionRow(decision.file(), label(decision.name(), decision.key()),
        decision.fired() + " / " + decision.total(), percent(decision.ratio()), described(decision.unfired()));
  }

  private static List<String> described(List<Element> elements) {
    return elements.stream().map(Element::describe).toList();
  }

  private static String label(String name, String key) {
    return name.isBlank() ? key : name + " (" + key + ")";
  }

  static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
  }
}
