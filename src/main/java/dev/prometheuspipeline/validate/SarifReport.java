package dev.prometheuspipeline.validate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 (OASIS), one run, so GitHub code scanning and SARIF viewers show the findings on the
 * files. Paths are relative to {@code %SRCROOT%}, the repository root; the uploader or viewer binds it.
 */
final class SarifReport {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String TOOL = "Prometheus Pipeline";
  static final String SRCROOT = "%SRCROOT%";

  private SarifReport() {}

  static String write(Report report, ReportContext context) {
    ObjectNode log = JsonReport.JSON.createObjectNode().put("$schema", SCHEMA).put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver").put("name", TOOL);
    // SARIF wants absolute URIs here; without a known public URL there is none to give.
    context.rulesIndex().ifPresent(index -> driver.put("informationUri", index));
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    ArrayNode rules = driver.putArray("rules");
    for (RuleInfo rule : rulesOf(report, context)) {
      ruleIndex.put(rule.id(), ruleIndex.size());
      rules.add(descriptor(rule, context));
    }
    // Finding columns count Java chars, which are UTF-16 code units.
    run.put("columnKind", "utf16CodeUnits");
    ArrayNode results = run.putArray("results");
    for (Finding finding : report.findings()) {
      results.add(result(finding, ruleIndex.get(finding.rule())));
    }
    return JsonReport.serialize(log);
  }

  /**
   * Every known rule, then any rule a finding names that the list lacks: a result must point at a
   * descriptor, and a rule missing from the catalogue must not drop its findings.
   */
  private static List<RuleInfo> rulesOf(Report report, ReportContext context) {
    List<RuleInfo> rules = new ArrayList<>(context.rules());
    report.findings().stream().map(Finding::rule).distinct()
        .filter(id -> context.rule(id).isEmpty())
        .forEach(id -> rules.add(new RuleInfo(id, "file", Severity.WARNING, false, id,
            "This rule is not in the rule catalogue of this build.", "See the finding's message.", List.of())));
    return rules;
  }

  private static ObjectNode descriptor(RuleInfo rule, ReportContext context) {
    ObjectNode node = JsonReport.JSON.createObjectNode().put("id", rule.id()).put("name", pascalCase(rule.id()));
    node.putObject("shortDescription").put("text", rule.title());
    node.putObject("fullDescription").put("text", rule.rationale());
    node.putObject("help").put("text", rule.fix());
    String docs = context.docsLink(rule.id());
    // helpUri must be an absolute URI; a server-relative link would make the log invalid.
    if (URI.create(docs).isAbsolute()) {
      node.put("helpUri", docs);
    }
    node.putObject("defaultConfiguration").put("level", level(rule.defaultSeverity()));
    ObjectNode properties = node.putObject("properties");
    properties.put("appliesTo", rule.appliesTo()).put("engineRejects", rule.engineRejects());
    ArrayNode tags = properties.putArray("tags").add(rule.appliesTo());
    if (rule.engineRejects()) {
      tags.add("engine-rejects");
    }
    if (!rule.bpmnlintNames().isEmpty()) {
      ArrayNode names = properties.putArray("bpmnlintNames");
      rule.bpmnlintNames().forEach(names::add);
    }
    return node;
  }

  private static ObjectNode result(Finding finding, int ruleIndex) {
    ObjectNode result = JsonReport.JSON.createObjectNode()
        .put("ruleId", finding.rule())
        .put("ruleIndex", ruleIndex)
        .put("level", level(finding.severity()));
    String text = finding.fix().isBlank() ? finding.message() : finding.message() + " Fix: " + finding.fix();
    result.putObject("message").put("text", text);
    ObjectNode location = result.putArray("locations").addObject();
    ObjectNode physical = location.putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", relativeUri(finding.file())).put("uriBaseId", SRCROOT);
    if (finding.line() > 0) {
      ObjectNode region = physical.putObject("region").put("startLine", finding.line());
      if (finding.column() > 0) {
        region.put("startColumn", finding.column());
      }
    }
    if (!finding.elementId().isEmpty()) {
      location.putArray("logicalLocations").addObject()
          .put("name", finding.elementId())
          .put("fullyQualifiedName", finding.file() + "#" + finding.elementId())
          .put("kind", "element");
    }
    return result;
  }

  static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  /**
   * A repository path as a relative URI reference: spaces and non-ASCII percent-encoded, and a colon in
   * the first segment kept from reading as a scheme ({@code a:b/x.bpmn} → {@code ./a:b/x.bpmn}).
   */
  static String relativeUri(String path) {
    String slashed = path.replace('\\', '/');
    while (slashed.startsWith("/")) {
      slashed = slashed.substring(1);
    }
    int slash = slashed.indexOf('/');
    String first = slash < 0 ? slashed : slashed.substring(0, slash);
    if (first.contains(":")) {
      slashed = "./" + slashed;
    }
    try {
      return new URI(null, null, slashed, null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a usable path: " + path, e);
    }
  }

  private static String pascalCase(String kebab) {
    StringBuilder name = new StringBuilder();
    for (String part : kebab.split("-")) {
      if (!part.isEmpty()) {
        name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return name.toString();
  }
}
