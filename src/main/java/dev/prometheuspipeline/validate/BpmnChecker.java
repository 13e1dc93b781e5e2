package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.sandbox.DeployAttempt;
import dev.prometheuspipeline.sandbox.ParseAttempt;
import dev.prometheuspipeline.sandbox.ParseOnlyEngine;
import dev.prometheuspipeline.sandbox.ParseWarnings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;

/**
 * BPMN through Camunda's own parser: each file is parsed on its own as a deployment of it alone would
 * parse it ({@link ParseOnlyEngine}, no database), or, where only a deployment can tell, deployed alone to a
 * sandbox engine ({@link EngineCheck}); so every file's problems show, and the engine's errors and warnings become findings with the line, column and
 * element id the engine gives (or, when it gives no line, where the pre-parse saw that element). Then
 * the lint rules ({@link BpmnRules}) on the same file, each problem reported once.
 */
final class BpmnChecker implements FileChecker {
  static final String RULE = "bpmn-engine-parse";
  static final RuleInfo ENGINE_PARSE = RuleInfo.engine(RULE, "bpmn",
      "Camunda 7's own parser accepts the model",
      "The engine parses every BPMN file at deployment and refuses the whole deployment on any error;"
          + " its warnings are things it accepts but that rarely do what was meant.",
      "fix the element the message names; the message is the engine's own");
  static final List<RuleInfo> RULES = List.of(ENGINE_PARSE);

  private static final Pattern CONDITIONAL_FLOW_WARNING = Pattern.compile(
      "^Exclusive Gateway '[^']*' has outgoing sequence flow '[^']*' without condition which is not the default flow");

  private final LazySandbox sandbox;
  private final EngineCheck engineCheck;

  BpmnChecker(LazySandbox sandbox, EngineCheck engineCheck) {
    this.sandbox = sandbox;
    this.engineCheck = engineCheck;
  }

  @Override
  public List<Finding> check(CheckedFile file) {
    List<Finding> engineFindings = engineParse(file);
    List<Finding> lintFindings = BpmnRules.check(file);
    List<Finding> findings = new ArrayList<>();
    for (Finding finding : engineFindings) {
      if (!restatedByLint(finding, lintFindings)) {
        findings.add(finding);
      }
    }
    for (Finding finding : lintFindings) {
      if (!saidByEngine(finding, engineFindings)) {
        findings.add(finding);
      }
    }
    return findings;
  }

  /**
   * The engine's warning about an exclusive gateway's unconditional flow is {@code bpmn-conditional-flows}
   * (which also covers inclusive gateways); reporting it under the rule's id lets a repository configure it.
   */
  private static boolean restatedByLint(Finding engine, List<Finding> lintFindings) {
    return engine.severity() == Severity.WARNING
        && CONDITIONAL_FLOW_WARNING.matcher(engine.message()).find()
        && lintFindings.stream().anyMatch(lint -> lint.rule().equals(GatewayRules.CONDITIONAL_FLOWS.id())
            && lint.elementId().equals(engine.elementId()));
  }

  /**
   * A rule for what the engine refuses repeats the engine's error when the engine got that far; the
   * engine's own words stand then. The rule still speaks for the elements the engine stopped before.
   */
  private static boolean saidByEngine(Finding lint, List<Finding> engineFindings) {
    boolean engineRule = BpmnRules.RULES.stream()
        .anyMatch(rule -> rule.id().equals(lint.rule()) && rule.engineRejects());
    return engineRule && !lint.elementId().isEmpty() && engineFindings.stream()
        .anyMatch(f -> f.severity() == Severity.ERROR && f.elementId().equals(lint.elementId()));
  }

  private List<Finding> engineParse(CheckedFile file) {
    if (engineCheck == EngineCheck.PARSE_FIRST) {
      Optional<ParseAttempt> parsed = ParseOnlyEngine.shared().parseBpmn(file.path(), file.resourceName(), file.bytes());
      if (parsed.isPresent()) {
        return fromEngine(file, parsed.get().warnings(), parsed.get().failure());
      }
    }
    DeployAttempt attempt = sandbox.tryDeploy(file);
    return fromEngine(file, attempt.warnings(), attempt.failure());
  }

  private static List<Finding> fromEngine(CheckedFile file, List<ParseWarnings> recorded,
      Optional<RuntimeException> failure) {
    List<Finding> findings = new ArrayList<>();
    if (failure.isPresent() && failure.get() instanceof ParseException parse) {
      // The exception carries the warnings too; the recorded ones would repeat them.
      for (ResourceReport report : parse.getResorceReports()) {
        report.getErrors().forEach(problem -> findings.add(fromProblem(file, problem, Severity.ERROR)));
        report.getWarnings().forEach(problem -> findings.add(fromProblem(file, problem, Severity.WARNING)));
      }
      return findings;
    }
    for (ParseWarnings warnings : recorded) {
      warnings.warnings().forEach(problem -> findings.add(fromProblem(file, problem, Severity.WARNING)));
    }
    failure.ifPresent(refusal -> findings.add(fromFailure(file, refusal)));
    return findings;
  }

  static Finding fromProblem(CheckedFile file, Problem problem, Severity severity) {
    String message = EngineMessages.clean(problem.getMessage());
    Location reported = new Location(problem.getLine(), problem.getColumn());
    String elementId = mainElementId(problem);
    if (elementId.isEmpty()) {
      // A dangling reference is reported where the schema check noticed it, the document's end; the
      // element holding the reference is where it gets fixed. Without a line, the message may name one.
      boolean danglingReference = message.startsWith("cvc-id.1");
      Optional<ElementLocations.Place> named =
          danglingReference || !reported.isKnown()
              ? file.locations().elementNamedIn(message)
              : Optional.empty();
      if (named.isPresent()) {
        return file.finding(
            named.get().location(), named.get().elementId(), RULE, severity, message, EngineMessages.fixFor(message));
      }
      if (reported.isKnown()) {
        elementId = file.locations().idOnLine(reported.line()).orElse("");
      }
    }
    return file.findingOn(elementId, reported, RULE, severity, message, EngineMessages.fixFor(message));
  }

  private static String mainElementId(Problem problem) {
    if (problem.getMainElementId() != null) {
      return problem.getMainElementId();
    }
    List<String> ids = problem.getElementIds();
    return ids == null || ids.isEmpty() || ids.get(0) == null ? "" : ids.get(0);
  }

  private static Finding fromFailure(CheckedFile file, RuntimeException failure) {
    String message = EngineMessages.chain(failure);
    Optional<ElementLocations.Place> named = file.locations().elementNamedIn(message);
    String elementId = named.map(ElementLocations.Place::elementId).orElse("");
    Location at = named.map(ElementLocations.Place::location).orElse(Location.UNKNOWN);
    return file.finding(at, elementId, RULE, Severity.ERROR, message, EngineMessages.fixFor(message));
  }
}
