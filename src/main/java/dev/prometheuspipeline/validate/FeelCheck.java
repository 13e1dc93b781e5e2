package dev.prometheuspipeline.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.impl.DmnModelConstants;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.DmnElement;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.Text;
import org.camunda.bpm.model.dmn.instance.UnaryTests;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;

/**
 * Parses every FEEL text of a DMN model with the FEEL engine Camunda 7 evaluates it with. Camunda
 * deploys a table whose cells do not parse and fails only when a rule is evaluated; this finds them first.
 *
 * <p>Which language a cell is in follows Camunda 7.13+ without the legacy switch: FEEL for input
 * expressions, input entries, output entries and literal expressions, unless the element (or the
 * definitions, with a non-FEEL language) names another. Cells in other languages are not checked.
 */
final class FeelCheck {
  static final String RULE = "dmn-feel";
  static final RuleInfo FEEL = RuleInfo.lint(RULE, "dmn", Severity.ERROR, "FEEL expressions and unary tests parse",
      "Camunda deploys a decision whose cells do not parse and fails each time a rule with such a cell is"
          + " evaluated.",
      "fix the cell's FEEL: quotes around strings, comparison operators, ranges as [a..b]");
  static final List<RuleInfo> RULES = List.of(FEEL);

  private static final Set<String> FEEL_NAMESPACES =
      Set.of(
          DmnModelConstants.FEEL_NS,
          DmnModelConstants.FEEL12_NS,
          DmnModelConstants.FEEL13_NS,
          DmnModelConstants.FEEL14_NS,
          DmnModelConstants.FEEL15_NS);

  private static final class Engine {
    // External functions off, as in Camunda's own FEEL engine; parsing never runs anything anyway.
    static final FeelEngineApi FEEL = FeelEngineBuilder.forJava().withEnabledExternalFunctions(false).build();
  }

  List<Finding> check(CheckedFile file, DmnModelInstance model) {
    String globalLanguage = model.getDefinitions().getExpressionLanguage();
    List<Finding> findings = new ArrayList<>();
    for (DecisionTable table : model.getModelElementsByType(DecisionTable.class)) {
      for (Input input : table.getInputs()) {
        LiteralExpression expression = input.getInputExpression();
        if (expression != null) {
          checkExpression(file, expression, input, globalLanguage, "input expression", findings);
        }
      }
      for (Rule rule : table.getRules()) {
        for (InputEntry entry : rule.getInputEntries()) {
          checkUnaryTests(file, entry, rule, globalLanguage, findings);
        }
        for (OutputEntry entry : rule.getOutputEntries()) {
          checkExpression(file, entry, rule, globalLanguage, "output entry", findings);
        }
      }
    }
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      if (decision.getExpression() instanceof LiteralExpression literal) {
        checkExpression(file, literal, decision, globalLanguage, "literal expression", findings);
      }
    }
    return findings;
  }

  private static void checkExpression(
      CheckedFile file, LiteralExpression expression, DmnElement owner, String globalLanguage, String what,
      List<Finding> findings) {
    String text = textOf(expression.getText());
    if (!text.isBlank() && isFeel(expression.getExpressionLanguage(), globalLanguage)) {
      report(file, parse(text, false), text, expression, owner, what, findings);
    }
  }

  private static void checkUnaryTests(
      CheckedFile file, UnaryTests entry, Rule rule, String globalLanguage, List<Finding> findings) {
    String text = textOf(entry.getText());
    if (!text.isBlank() && isFeel(entry.getExpressionLanguage(), globalLanguage)) {
      report(file, parse(text, true), text, entry, rule, "input entry", findings);
    }
  }

  /** The parser's complaint; empty when the text parses. */
  private static Optional<String> parse(String text, boolean unaryTests) {
    try {
      ParseResult result = unaryTests ? Engine.FEEL.parseUnaryTests(text) : Engine.FEEL.parseExpression(text);
      return result.isSuccess() ? Optional.empty() : Optional.of(EngineMessages.clean(result.failure().message()));
    } catch (StackOverflowError e) {
      // The FEEL parser recurses per nesting level; a hostile cell must not take the validator down.
      return Optional.of("nested too deeply to parse");
    }
  }

  private static void report(
      CheckedFile file, Optional<String> problem, String text, DmnElement cell, DmnElement owner, String what,
      List<Finding> findings) {
    if (problem.isEmpty()) {
      return;
    }
    String elementId = firstKnownId(file, cell, owner);
    findings.add(
        file.findingOn(
            elementId,
            Location.UNKNOWN,
            RULE,
            Severity.ERROR,
            what + " '" + abbreviated(text.strip()) + "' is not valid FEEL: " + problem.get(),
            "correct the FEEL in this cell (Camunda Modeler's FEEL editor underlines the error); strings need"
                + " double quotes, ranges look like [1..10]"));
  }

  private static String abbreviated(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "…";
  }

  /** The cell's own id when it has one the pre-parse located, else its rule's (or input's, decision's). */
  private static String firstKnownId(CheckedFile file, DmnElement cell, DmnElement owner) {
    if (cell.getId() != null && file.locations().find(cell.getId()).isPresent()) {
      return cell.getId();
    }
    return owner.getId() == null ? "" : owner.getId();
  }

  private static boolean isFeel(String elementLanguage, String globalLanguage) {
    String language = elementLanguage;
    if (language == null && globalLanguage != null && !FEEL_NAMESPACES.contains(globalLanguage)) {
      language = globalLanguage;
    }
    return language == null
        || FEEL_NAMESPACES.contains(language)
        || "feel".equals(language.toLowerCase(Locale.ROOT));
  }

  private static String textOf(Text text) {
    return text == null || text.getTextContent() == null ? "" : text.getTextContent();
  }
}
