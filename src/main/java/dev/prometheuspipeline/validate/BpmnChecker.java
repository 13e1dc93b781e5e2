package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.sandbox.DeployAttempt;
import dev.prometheuspipeline.sandbox.ParseWarnings;
import dev.prometheuspipeline.sandbox.SandboxEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;

/**
 * BPMN through Camunda's own parser: each file is deployed on its own to a sandbox engine, so every
 * file's problems show, and the engine's errors and warnings become findings with the line, column and
 * element id the engine gives (or, when it gives no line, where the pre-parse saw that element).
 */
final class BpmnChecker implements FileChecker {
  static final String RULE = "bpmn-engine-parse";

  private final Supplier<SandboxEngine> sandbox;

  BpmnChecker(Supplier<SandboxEngine> sandbox) {
    this.sandbox = sandbox;
  }

  @Override
  public List<Finding> check(CheckedFile file) {
    SandboxEngine engine = sandbox.get();
    DeployAttempt attempt = engine.deploy(file.path(), Map.of(file.resourceName(), file.bytes()));
    List<Finding> findings = new ArrayList<>();
    Optional<RuntimeException> failure = attempt.failure();
    if (failure.isPresent() && failure.get() instanceof ParseException parse) {
      // The exception carries the warnings too; the recorded ones would repeat them.
      for (ResourceReport report : parse.getResorceReports()) {
        report.getErrors().forEach(problem -> findings.add(fromProblem(file, problem, Severity.ERROR)));
        report.getWarnings().forEach(problem -> findings.add(fromProblem(file, problem, Severity.WARNING)));
      }
      return findings;
    }
    for (ParseWarnings warnings : attempt.warnings()) {
      warnings.warnings().forEach(problem -> findings.add(fromProblem(file, problem, Severity.WARNING)));
    }
    if (failure.isPresent()) {
      findings.add(fromFailure(file, failure.get()));
    } else {
      engine.undeploy(attempt.deploymentId());
    }
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
