package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.RuleInfo.engine;
import static dev.prometheuspipeline.validate.RuleInfo.lint;

import java.util.List;

/**
 * The rules the checkers of this branch report, described until {@code RuleCatalog} (which describes
 * every rule where it is defined) replaces this list; see {@link PipelineRules}.
 */
final class InterimRules {
  static final List<RuleInfo> RULES = List.of(
      engine(BpmnChecker.RULE, "bpmn", "The Camunda 7 engine parses the process",
          "The engine's own BPMN parser decides what deploys; whatever it refuses here it refuses on the target.",
          "Fix the element the message names, in Camunda Modeler, and validate again."),
      engine(DmnChecker.ENGINE_RULE, "dmn", "The Camunda 7 DMN engine parses the decision",
          "The engine's DMN parser decides what deploys; whatever it refuses here it refuses on the target.",
          "Fix the decision element the message names, in Camunda Modeler."),
      engine(DmnChecker.SCHEMA_RULE, "dmn", "The decision follows the DMN schema of its namespace",
          "A decision outside the schema either fails to deploy or loses what the engine does not read.",
          "Correct the element the message names so it matches the DMN schema."),
      lint(FeelCheck.RULE, "dmn", Severity.ERROR, "FEEL expressions and input entries compile",
          "The engine deploys a decision with broken FEEL and fails only when the rule is evaluated.",
          "Correct the FEEL expression; Camunda Modeler's DMN editor shows the same syntax."),
      engine(FormChecker.JSON_RULE, "form", "A Camunda Form is a JSON document",
          "Tasklist cannot render a form it cannot parse; the user task is stuck.",
          "Save the form again from Camunda Modeler, or correct the JSON at the line given."),
      lint(FormChecker.COMPONENTS_RULE, "form", Severity.ERROR, "Form components are well-formed",
          "Tasklist renders only components it knows, each with the properties it needs.",
          "Correct the component the message names."),
      engine(FormChecker.ID_RULE, "form", "Every form has an id",
          "The engine refuses a deployment with a form without id, as a bare HTTP 500.",
          "Give the form an id in Camunda Modeler (the id camunda:formRef points at)."),
      lint(HtmlChecker.RULE, "html", Severity.ERROR, "Embedded forms are valid HTML with valid cam-variable attributes",
          "Tasklist's embedded forms read cam-variable-name and cam-variable-type; a bad one breaks the form.",
          "Correct the element the message names."),
      engine(XmlScanner.WELL_FORMED, "file", "XML models are well-formed",
          "Neither the engine nor Modeler reads a model that is not well-formed XML.",
          "Correct the XML at the line and column given, or save the model again from Modeler."),
      lint(XmlScanner.DOCTYPE_FORBIDDEN, "file", Severity.ERROR, "XML models carry no DOCTYPE",
          "A DOCTYPE enables entity expansion and external entities (XXE); models never need one.",
          "Remove the DOCTYPE declaration."),
      lint(XmlScanner.TOO_DEEP, "file", Severity.ERROR, "XML models are not nested absurdly deep",
          "Deep nesting exhausts the parser's stack; no real model comes near the limit.",
          "Flatten the model; a generated file is the usual cause."),
      engine(TextCheck.RULE, "file", "Models are text in their declared encoding",
          "A binary file, or bytes that do not match the declared encoding, cannot be parsed.",
          "Save the file as UTF-8 text, or fix its encoding declaration."),
      lint(Validator.TOO_LARGE, "file", Severity.ERROR, "Files are within the size limit",
          "Parsing is bounded in memory and time; a model over the limit is not parsed at all.",
          "Make the file smaller (embedded images are the usual cause), or raise the limit."),
      lint(Validator.EXTENSION, "file", Severity.ERROR, "A file's name ends in its type's extension",
          "The engine stores a resource with another extension without parsing or deploying it.",
          "Rename the file to end in .bpmn, .dmn, .form or .html as its type says."),
      lint(Validator.CHECK_FAILED, "file", Severity.ERROR, "Every file could be checked",
          "A file that could not be checked cannot be shown to be safe to deploy.",
          "Report it to the pipeline's maintainers with the file."));

  private InterimRules() {}
}
