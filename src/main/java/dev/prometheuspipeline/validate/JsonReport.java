package dev.prometheuspipeline.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report for scripts: counts, counts per rule, and every finding with its documentation link.
 * The stage's {@code etapas.validate.erros} and {@code avisos} use the same finding shape.
 */
final class JsonReport {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  static String write(Report report, ReportContext context) {
    return serialize(tree(report, context));
  }

  static ObjectNode tree(Report report, ReportContext context) {
    ObjectNode node = JSON.createObjectNode()
        .put("errors", report.errorCount())
        .put("warnings", report.warningCount())
        .put("summary", report.summary());
    ObjectNode rules = node.putObject("rules");
    perRule(report).forEach((rule, counts) -> rules.putObject(rule)
        .put("errors", counts[0]).put("warnings", counts[1]).put("info", counts[2])
        .put("docs", context.docsLink(rule)));
    node.set("findings", findings(report.findings(), context));
    return node;
  }

  static ArrayNode findings(List<Finding> findings, ReportContext context) {
    return JSON.valueToTree(context.onTheWire(findings));
  }

  /** Rule id → {errors, warnings, info}, sorted by rule id. */
  static Map<String, int[]> perRule(Report report) {
    Map<String, int[]> counts = new TreeMap<>();
    for (Finding f : report.findings()) {
      int column = switch (f.severity()) {
        case ERROR -> 0;
        case WARNING -> 1;
        case INFO -> 2;
      };
      counts.computeIfAbsent(f.rule(), r -> new int[3])[column]++;
    }
    return counts;
  }

  /** One line, for embedding. */
  static String serializeCompact(Object tree) {
    try {
      return Json.MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write a JSON tree", e);
    }
  }

  static String serialize(Object tree) {
    try {
      return JSON.writeValueAsString(tree) + "\n";
    } catch (JsonProcessingException e) {
      // Trees of strings and numbers always serialize; this is a broken Jackson, not bad input.
      throw new IllegalStateException("could not write a JSON tree", e);
    }
  }
}
