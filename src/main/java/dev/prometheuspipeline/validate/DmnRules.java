package dev.prometheuspipeline.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.dmn.BuiltinAggregator;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.DmnElement;
import org.camunda.bpm.model.dmn.instance.DmnElementReference;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.Variable;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * What Camunda 7's DMN engine refuses, or accepts and then fails on at evaluation, in a model that is
 * valid DMN: a decision without a history time to live, hit policies it does not implement, an
 * aggregation over several outputs, requirements pointing nowhere, types it silently ignores.
 */
final class DmnRules {
  static final RuleInfo HISTORY_TIME_TO_LIVE =
      RuleInfo.engine(
          "dmn-history-time-to-live",
          "dmn",
          "Every decision sets camunda:historyTimeToLive",
          "Camunda 7.20+ refuses to deploy a decision without a history time to live (ENGINE-12018), so"
              + " history cleanup can remove its instances.",
          "set History cleanup › Time to live (days) on the decision in Camunda Modeler");
  static final RuleInfo UNSUPPORTED_HIT_POLICY =
      RuleInfo.engine(
          "dmn-hit-policy-unsupported",
          "dmn",
          "The hit policy is one Camunda 7 implements",
          "Camunda 7 implements UNIQUE, FIRST, ANY, RULE ORDER and COLLECT (with SUM, COUNT, MIN or MAX); it"
              + " refuses to deploy PRIORITY, OUTPUT ORDER, or an aggregation without COLLECT.",
          "choose FIRST or RULE ORDER (order the rules by priority) instead of PRIORITY or OUTPUT ORDER; use an"
              + " aggregation only with COLLECT");
  static final RuleInfo COLLECT_AGGREGATION =
      RuleInfo.lint(
          "dmn-collect-aggregation",
          "dmn",
          Severity.ERROR,
          "COLLECT with an aggregation: each rule outputs one value",
          "The engine deploys such a table but fails every evaluation where a rule with several output values"
              + " matches: it aggregates one value per rule into one number.",
          "keep one output column, or remove the aggregation and collect all outputs");
  static final RuleInfo UNIQUE_OVERLAP =
      RuleInfo.lint(
          "dmn-unique-overlap",
          "dmn",
          Severity.WARNING,
          "Rules of a UNIQUE table do not have identical input entries",
          "Two rules with the same input entries match the same inputs; under UNIQUE the engine then fails"
              + " the evaluation. Only literally equal entries are compared, not overlapping ranges.",
          "merge the two rules, make their input entries differ, or use hit policy FIRST or COLLECT");
  static final RuleInfo REQUIREMENT_HREF =
      RuleInfo.engine(
          "dmn-requirement-href",
          "dmn",
          "Requirements point at an element of the same file",
          "Camunda 7 resolves required decisions only inside one DMN file and refuses to deploy a file whose"
              + " information requirement names a decision it cannot find (DMN-02016 Unable to find a model"
              + " element instance). A required input, knowledge or authority that points nowhere (older"
              + " Modeler versions write href=\"\") is ignored: the file deploys and evaluates, only the"
              + " diagram's requirement leads nowhere, so that is a warning.",
          "point the requirement at a decision or input data of this file (href=\"#id\"), or remove it");
  static final RuleInfo TYPE_REF =
      RuleInfo.lint(
          "dmn-type-ref",
          "dmn",
          Severity.WARNING,
          "Input, output and variable types are ones the engine knows",
          "Camunda 7 converts values to string, boolean, integer, long, double and date; any other typeRef is"
              + " silently ignored, so values pass unconverted and unchecked.",
          "choose one of string, boolean, integer, long, double, date in Camunda Modeler, or remove the type");

  static final List<RuleInfo> RULES =
      List.of(HISTORY_TIME_TO_LIVE, UNSUPPORTED_HIT_POLICY, COLLECT_AGGREGATION, UNIQUE_OVERLAP, REQUIREMENT_HREF,
          TYPE_REF);

  /** The engine's DefaultDataTypeTransformerRegistry, which compares lower-cased names. */
  static final Set<String> KNOWN_TYPES = Set.of("string", "boolean", "integer", "long", "double", "date");

  private static final Set<HitPolicy> UNSUPPORTED = Set.of(HitPolicy.PRIORITY, HitPolicy.OUTPUT_ORDER);

  List<Finding> check(CheckedFile file, DmnModelInstance model) {
    List<Finding> findings = new ArrayList<>();
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      String ttl = decision.getCamundaHistoryTimeToLiveString();
      if (ttl == null || ttl.isBlank()) {
        findings.add(on(file, decision, HISTORY_TIME_TO_LIVE,
            "decision '" + decision.getId() + "' has no camunda:historyTimeToLive; the engine refuses to deploy it (ENGINE-12018 History Time To Live (TTL) cannot be null. TTL is necessary for the History Cleanup to work.)"));
      }
      Variable variable = decision.getVariable();
      if (variable != null) {
        checkType(file, variable.getTypeRef(), decision, "the variable of decision '" + decision.getId() + "'",
            findings);
      }
    }
    for (DecisionTable table : model.getModelElementsByType(DecisionTable.class)) {
      checkHitPolicy(file, table, findings);
      for (Input input : table.getInputs()) {
        LiteralExpression expression = input.getInputExpression();
        if (expression != null) {
          checkType(file, expression.getTypeRef(), expression.getId() == null ? input : expression,
              "input '" + labelOf(input) + "'", findings);
        }
      }
      for (Output output : table.getOutputs()) {
        checkType(file, output.getTypeRef(), output, "output '" + labelOf(output) + "'", findings);
      }
    }
    for (DmnElementReference reference : model.getModelElementsByType(DmnElementReference.class)) {
      // Reading DMN 1.3, the model API also types <inputData> as a reference (with no href): only the
      // requirement elements (requiredDecision, requiredInput, requiredAuthority) refer to anything.
      if (reference.getDomElement().getLocalName().startsWith("required")) {
        checkReference(file, model, reference, findings);
      }
    }
    return findings;
  }

  private static void checkHitPolicy(CheckedFile file, DecisionTable table, List<Finding> findings) {
    HitPolicy policy = table.getHitPolicy() == null ? HitPolicy.UNIQUE : table.getHitPolicy();
    BuiltinAggregator aggregation = table.getAggregation();
    if (UNSUPPORTED.contains(policy)) {
      findings.add(on(file, table, UNSUPPORTED_HIT_POLICY,
          "hit policy " + policy + " is not implemented by Camunda 7; the engine refuses to deploy this table"));
      return;
    }
    if (aggregation != null && policy != HitPolicy.COLLECT) {
      findings.add(on(file, table, UNSUPPORTED_HIT_POLICY,
          "aggregation " + aggregation + " with hit policy " + policy
              + " is not implemented by Camunda 7; aggregations belong to COLLECT"));
      return;
    }
    if (aggregation != null) {
      // The engine aggregates the one value each matched rule outputs; an empty output entry yields no value,
      // so several output columns are fine as long as no rule fills more than one (its own tests do this).
      for (Rule rule : table.getRules()) {
        long filled = rule.getOutputEntries().stream()
            .filter(entry -> entry.getTextContent() != null && !entry.getTextContent().isBlank()).count();
        if (filled > 1) {
          findings.add(on(file, rule, COLLECT_AGGREGATION,
              "hit policy COLLECT " + aggregation + ": rule '" + rule.getId() + "' outputs " + filled
                  + " values; the engine fails every evaluation where it matches, as it aggregates one value per rule"));
        }
      }
    }
    if (policy == HitPolicy.UNIQUE) {
      checkIdenticalRules(file, table, findings);
    }
  }

  private static void checkIdenticalRules(CheckedFile file, DecisionTable table, List<Finding> findings) {
    Map<List<String>, Rule> firstWithEntries = new LinkedHashMap<>();
    for (Rule rule : table.getRules()) {
      List<String> entries =
          rule.getInputEntries().stream().map(DmnRules::normalised).collect(Collectors.toList());
      Rule first = firstWithEntries.putIfAbsent(entries, rule);
      if (first != null) {
        findings.add(on(file, rule, UNIQUE_OVERLAP,
            "rule '" + rule.getId() + "' has the same input entries as rule '" + first.getId()
                + "'; under hit policy UNIQUE an input that matches both fails the evaluation"));
      }
    }
  }

  private static String normalised(InputEntry entry) {
    String text = entry.getText() == null || entry.getText().getTextContent() == null
        ? "" : entry.getText().getTextContent().strip();
    return text.isEmpty() ? "-" : text;
  }

  private static void checkType(
      CheckedFile file, String typeRef, DmnElement element, String what, List<Finding> findings) {
    if (typeRef == null || typeRef.isBlank() || KNOWN_TYPES.contains(typeRef.toLowerCase(Locale.ROOT))) {
      return;
    }
    findings.add(on(file, element, TYPE_REF,
        what + " has typeRef '" + typeRef + "', which Camunda 7 does not know; its values are not converted"
            + " nor checked"));
  }

  private static void checkReference(
      CheckedFile file, DmnModelInstance model, DmnElementReference reference, List<Finding> findings) {
    String href = reference.getHref() == null ? "" : reference.getHref().strip();
    String target = href.startsWith("#") ? href.substring(1) : "";
    ModelElementInstance resolved = target.isEmpty() ? null : model.getModelElementById(target);
    if (resolved != null) {
      return;
    }
    String ownerId = owningId(file, reference);
    String kind = reference.getElementType().getTypeName();
    String why = href.startsWith("#")
        ? "no element with id '" + target + "' exists in this file"
        : "it is not a reference into this file (\"#id\"); Camunda 7 does not resolve other files";
    if (refusedWhenUnresolved(reference)) {
      findings.add(file.findingOn(ownerId, Location.UNKNOWN, REQUIREMENT_HREF.id(), Severity.ERROR,
          kind + " href=\"" + href + "\" of '" + ownerId + "' resolves to nothing: " + why
              + "; the engine refuses to deploy the file (DMN-02016 Error while transforming decision requirements"
              + " graph: Unable to find a model element instance for id " + (target.isEmpty() ? href : target) + ")",
          REQUIREMENT_HREF.fix()));
      return;
    }
    findings.add(file.findingOn(ownerId, Location.UNKNOWN, REQUIREMENT_HREF.id(), Severity.WARNING,
        kind + " href=\"" + href + "\" of '" + ownerId + "' resolves to nothing: " + why
            + "; the engine deploys and evaluates the decision without it, but the requirement in the diagram"
            + " leads nowhere",
        REQUIREMENT_HREF.fix()));
  }

  /**
   * The engine builds the decision requirements graph from information requirements on decisions alone;
   * every other requirement is only drawn.
   */
  private static boolean refusedWhenUnresolved(DmnElementReference reference) {
    ModelElementInstance parent = reference.getParentElement();
    return "requiredDecision".equals(reference.getElementType().getTypeName())
        && parent != null && "informationRequirement".equals(parent.getElementType().getTypeName());
  }

  /** The nearest enclosing element the pre-parse located: the requirement when it has an id, else its decision. */
  private static String owningId(CheckedFile file, ModelElementInstance reference) {
    for (ModelElementInstance parent = reference.getParentElement(); parent != null;
        parent = parent.getParentElement()) {
      String id = parent.getAttributeValue("id");
      if (id != null && file.locations().find(id).isPresent()) {
        return id;
      }
    }
    return "";
  }

  private static String labelOf(DmnElement clause) {
    String label = clause.getAttributeValue("label");
    if (label != null && !label.isBlank()) {
      return label;
    }
    return clause.getId() == null ? "?" : clause.getId();
  }

  private static Finding on(CheckedFile file, DmnElement element, RuleInfo rule, String message) {
    String id = element == null || element.getId() == null ? "" : element.getId();
    return file.findingOn(id, Location.UNKNOWN, rule.id(), rule.defaultSeverity(), message, rule.fix());
  }
}
