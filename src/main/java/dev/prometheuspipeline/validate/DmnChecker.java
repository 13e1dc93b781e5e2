package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.sandbox.DeployAttempt;
import dev.prometheuspipeline.sandbox.SandboxEngine;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.xml.sax.SAXParseException;

/**
 * DMN as Camunda 7 reads it (DMN 1.1 to 1.3): the schema, every error of it; the DMN model API; the
 * FEEL of every cell (the engine parses FEEL only when a rule is evaluated, so a broken cell deploys
 * and fails at run time); then a deployment to a sandbox engine for what its DMN transform refuses.
 */
final class DmnChecker implements FileChecker {
  static final String SCHEMA_RULE = "dmn-schema";
  static final String ENGINE_RULE = "dmn-engine-parse";
  static final List<RuleInfo> RULES = List.of(
      RuleInfo.engine(SCHEMA_RULE, "dmn", "DMN files follow the DMN schema",
          "The DMN engine reads models against the DMN 1.1-1.3 schemas and refuses any that do not follow them.",
          "fix the element the message names, or re-save the file from Camunda Modeler"),
      RuleInfo.engine(ENGINE_RULE, "dmn", "Camunda 7's DMN engine accepts the model",
          "The engine transforms every decision at deployment and refuses the deployment on any error.",
          "fix the decision the message names; the message is the engine's own"));

  private static final Pattern LINE_IN_MESSAGE = Pattern.compile("Line=(\\d+)");
  private static final String HISTORY_TTL_CODE = "ENGINE-12018";

  private final Supplier<SandboxEngine> sandbox;
  private final DmnSchema schema;
  private final FeelCheck feel = new FeelCheck();

  DmnChecker(Supplier<SandboxEngine> sandbox, DmnSchema schema) {
    this.sandbox = sandbox;
    this.schema = schema;
  }

  @Override
  public List<Finding> check(CheckedFile file) {
    List<Finding> schemaFindings = schemaErrors(file);
    if (!schemaFindings.isEmpty()) {
      return schemaFindings;
    }
    DmnModelInstance model;
    try {
      model = Dmn.readModelFromStream(new ByteArrayInputStream(file.bytes()));
    } catch (RuntimeException e) {
      return List.of(fromModelFailure(file, e));
    }
    List<Finding> findings = new ArrayList<>(feel.check(file, model));
    findings.addAll(deploy(file, model));
    return findings;
  }

  private List<Finding> schemaErrors(CheckedFile file) {
    // The schema validator reports one mistake several times at one place (the enumeration, then the
    // attribute's type); the first says it best.
    Set<Location> seen = new HashSet<>();
    return schema.validate(file.bytes()).stream()
        .filter(error -> seen.add(new Location(error.getLineNumber(), error.getColumnNumber())))
        .map(error -> schemaFinding(file, error.getLineNumber(), error.getColumnNumber(), error.getMessage()))
        .toList();
  }

  private static Finding schemaFinding(CheckedFile file, int line, int column, String rawMessage) {
    String message = EngineMessages.clean(rawMessage);
    Location at = new Location(line, column);
    String elementId = at.isKnown() ? file.locations().idOnLine(at.line()).orElse("") : "";
    return file.finding(
        at,
        elementId,
        SCHEMA_RULE,
        Severity.ERROR,
        "does not match the DMN schema: " + message,
        "fix the element at this line so it matches the DMN schema (Camunda Modeler shows the problem when the"
            + " file is reopened)");
  }

  /** The model API stops at its first error and keeps only its line, in the message text. */
  private static Finding fromModelFailure(CheckedFile file, RuntimeException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SAXParseException parse) {
        return schemaFinding(file, parse.getLineNumber(), parse.getColumnNumber(), parse.getMessage());
      }
      if (cause.getCause() == null) {
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        Matcher line = LINE_IN_MESSAGE.matcher(message);
        int lineNumber = line.find() ? Integer.parseInt(line.group(1)) : 0;
        String text = message.replaceFirst("^.*?Line=\\d+:\\s*", "");
        return schemaFinding(file, lineNumber, 0, text.isBlank() ? EngineMessages.chain(failure) : text);
      }
    }
    return schemaFinding(file, 0, 0, EngineMessages.chain(failure));
  }

  private List<Finding> deploy(CheckedFile file, DmnModelInstance model) {
    SandboxEngine engine = sandbox.get();
    DeployAttempt attempt = engine.deploy(file.path(), Map.of(file.resourceName(), file.bytes()));
    if (attempt.succeeded()) {
      engine.undeploy(attempt.deploymentId());
      return List.of();
    }
    String message = EngineMessages.chain(attempt.failure().orElseThrow());
    String fix = EngineMessages.fixFor(message);
    if (message.contains(HISTORY_TTL_CODE)) {
      // The engine stops at the first decision without a time to live and does not name it; name them all.
      List<Finding> withoutTtl =
          model.getModelElementsByType(Decision.class).stream()
              .filter(decision -> decision.getCamundaHistoryTimeToLiveString() == null)
              .map(decision -> file.findingOn(decision.getId(), Location.UNKNOWN, ENGINE_RULE, Severity.ERROR,
                  "decision '" + decision.getId() + "' has no history time to live: " + message, fix))
              .toList();
      if (!withoutTtl.isEmpty()) {
        return withoutTtl;
      }
    }
    Optional<ElementLocations.Place> named = file.locations().elementNamedIn(message);
    return List.of(
        file.finding(
            named.map(ElementLocations.Place::location).orElse(Location.UNKNOWN),
            named.map(ElementLocations.Place::elementId).orElse(""),
            ENGINE_RULE,
            Severity.ERROR,
            message,
            fix));
  }
}
