package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.sandbox.DeployAttempt;
import dev.prometheuspipeline.sandbox.ParseAttempt;
import dev.prometheuspipeline.sandbox.ParseOnlyEngine;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.impl.DmnModelConstants;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.xml.sax.SAXParseException;

/**
 * DMN as Camunda 7.24 reads it (DMN 1.1 to 1.5): the version, the schema, every error of it; the DMN model API; the
 * FEEL (and JUEL) of every cell (the engine parses them only when a rule is evaluated, so a broken cell
 * deploys and fails at run time); what the engine refuses or fails on later ({@link DmnRules}); then the
 * engine's DMN transform for what it refuses, without a database ({@link EngineCheck}).
 */
final class DmnChecker implements FileChecker {
  static final String SCHEMA_RULE = "dmn-schema";
  static final String ENGINE_RULE = "dmn-engine-parse";

  static final RuleInfo VERSION =
      RuleInfo.engine(
          "dmn-version",
          "dmn",
          "The file is DMN 1.1 to 1.5, the versions Camunda 7.24 reads",
          "Camunda 7.24 parses and deploys DMN 1.1, 1.2, 1.3, 1.4 and 1.5 (tried with its model API and"
              + " engine); a root element in any other namespace is not a DMN model it can read.",
          "save the file as DMN 1.3 in Camunda Modeler (File › Export or Save As, DMN 1.3)");
  static final RuleInfo SCHEMA =
      RuleInfo.engine(
          SCHEMA_RULE,
          "dmn",
          "The file matches the DMN schema of its version",
          "Camunda's DMN parser validates against the schema and refuses a file that does not match.",
          "fix the element at the reported line so it matches the DMN schema; reopening the file in"
              + " Camunda Modeler shows the problem");
  static final RuleInfo DUPLICATE_ID =
      RuleInfo.engine(
          "dmn-duplicate-id",
          "dmn",
          "Element ids are unique within the file",
          "Ids are how decisions, requirements and diagram shapes refer to each other; the schema, and so the"
              + " engine, refuses a file where two elements share one.",
          "give each element a unique id (Camunda Modeler: select the element, General › ID)");
  static final RuleInfo ENGINE =
      RuleInfo.engine(
          ENGINE_RULE,
          "dmn",
          "The engine's DMN transform accepts the file",
          "What the sandbox engine refuses at deployment, the target engine refuses too.",
          "correct the element the engine names; the message is the engine's own");

  static final List<RuleInfo> RULES = List.of(VERSION, SCHEMA, DUPLICATE_ID, ENGINE);

  private static final Set<String> READABLE_NAMESPACES =
      Set.of(
          DmnModelConstants.DMN11_NS,
          DmnModelConstants.DMN11_ALTERNATIVE_NS,
          DmnModelConstants.DMN12_NS,
          DmnModelConstants.DMN13_NS,
          DmnModelConstants.DMN14_NS,
          DmnModelConstants.DMN15_NS);
  /** Rules whose findings the engine would refuse the file for anyway. */
  private static final Set<String> ENGINE_REJECTED =
      Set.of(DmnRules.HISTORY_TIME_TO_LIVE.id(), DmnRules.UNSUPPORTED_HIT_POLICY.id(), DmnRules.REQUIREMENT_HREF.id());
  private static final Pattern DUPLICATE_ID_MESSAGE = Pattern.compile("cvc-id\\.2:.*?'([^']+)'");

  private static final Pattern LINE_IN_MESSAGE = Pattern.compile("Line=(\\d+)");
  private static final String HISTORY_TTL_CODE = "ENGINE-12018";

  private final LazySandbox sandbox;
  private final EngineCheck engineCheck;
  private final DmnSchema schema;
  private final FeelCheck feel = new FeelCheck();
  private final DmnRules rules = new DmnRules();

  DmnChecker(LazySandbox sandbox, EngineCheck engineCheck, DmnSchema schema) {
    this.sandbox = sandbox;
    this.engineCheck = engineCheck;
    this.schema = schema;
  }

  @Override
  public List<Finding> check(CheckedFile file) {
    Optional<DmnSchema.Root> root = schema.root(file.bytes());
    if (root.isPresent() && !READABLE_NAMESPACES.contains(root.get().namespace())) {
      return List.of(versionFinding(file, root.get()));
    }
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
    findings.addAll(rules.check(file, model));
    // The engine stops at its first refusal and names it less precisely; what we already know it refuses
    // would only come back as one vaguer finding.
    // A warning of those rules (a requirement the engine ignores) is no refusal: the deployment still speaks.
    boolean engineWouldRefuse = findings.stream().anyMatch(finding ->
        ENGINE_REJECTED.contains(finding.rule()) && finding.severity() == Severity.ERROR);
    if (!engineWouldRefuse) {
      findings.addAll(deploy(file, model));
    }
    return findings;
  }

  private static Finding versionFinding(CheckedFile file, DmnSchema.Root root) {
    String namespace = root.namespace().isEmpty() ? "no namespace" : "namespace '" + root.namespace() + "'";
    String why = "definitions".equals(root.localName())
        ? "its <definitions> is in " + namespace + ", which is not DMN 1.1, 1.2, 1.3, 1.4 or 1.5"
        : "its root element <" + root.localName() + "> in " + namespace + " is not a DMN <definitions>";
    return file.finding(root.location(), file.locations().idOnLine(root.location().line()).orElse(""),
        VERSION.id(), Severity.ERROR,
        "is not a DMN model Camunda 7.24 can read: " + why, VERSION.fix());
  }

  private List<Finding> schemaErrors(CheckedFile file) {
    // The schema validator reports one mistake several times at one place (the enumeration, then the
    // attribute's type); the first says it best.
    Set<Location> seen = new HashSet<>();
    return schema.validate(file.bytes()).stream()
        .filter(error -> seen.add(new Location(error.getLineNumber(), error.getColumnNumber())))
        .map(error -> schemaFinding(file, error.getLineNumber(), error.getColumnNumber(), error.getMessage()))
        .map(finding -> asDuplicateId(file, finding))
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

  /** The schema says "multiple occurrences of ID value 'x'"; the element to fix is the second x. */
  private static Finding asDuplicateId(CheckedFile file, Finding finding) {
    Matcher duplicate = DUPLICATE_ID_MESSAGE.matcher(finding.message());
    if (!duplicate.find()) {
      return finding;
    }
    String id = duplicate.group(1);
    return new Finding(finding.file(), finding.line(), finding.column(), id, DUPLICATE_ID.id(), Severity.ERROR,
        "id '" + id + "' is used by more than one element (the first is at line "
            + file.locations().find(id).map(Location::line).orElse(0) + "); ids must be unique within the file"
            // The schema's own words, which the engine refuses the file with, so both can be found by them.
            + " (" + finding.message().substring(duplicate.start()) + ")",
        DUPLICATE_ID.fix());
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
    Optional<RuntimeException> refusal = engineRefusal(file);
    if (refusal.isEmpty()) {
      return List.of();
    }
    String message = EngineMessages.chain(refusal.get());
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

  /** Why the engine refuses the file, if it does: its transform without a database, or a sandbox deployment. */
  private Optional<RuntimeException> engineRefusal(CheckedFile file) {
    if (engineCheck == EngineCheck.PARSE_FIRST) {
      Optional<ParseAttempt> transformed = ParseOnlyEngine.shared().transformDmn(file.path(), file.resourceName(), file.bytes());
      if (transformed.isPresent()) {
        return transformed.get().failure();
      }
    }
    DeployAttempt attempt = sandbox.tryDeploy(file);
    return attempt.failure();
  }
}
