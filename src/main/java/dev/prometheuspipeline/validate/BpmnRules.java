package dev.prometheuspipeline.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BPMN lint rules: bpmnlint's recommended set in spirit, and what Camunda 7 needs beyond the schema.
 * They run on every BPMN file the model API can read, next to the engine parse.
 */
final class BpmnRules {
  private static final Logger log = LoggerFactory.getLogger(BpmnRules.class);

  private static final List<BpmnRule> FAMILIES = List.of(
      new FlowRules(), new GatewayRules(), new EventRules(), new LabelRule(), new CamundaRules(),
      new TimerRule(), new JuelRule(), new MessageRules(), new DiagramRule());

  static final List<RuleInfo> RULES = Stream.of(FlowRules.RULES, GatewayRules.RULES, EventRules.RULES,
          LabelRule.RULES, CamundaRules.RULES, TimerRule.RULES, JuelRule.RULES, MessageRules.RULES, DiagramRule.RULES)
      .flatMap(List::stream)
      .toList();

  private BpmnRules() {}

  /** Every rule's findings; none when the model API cannot read the file (the engine parse says why). */
  static List<Finding> check(CheckedFile file) {
    List<Finding> findings = new ArrayList<>();
    BpmnModel.read(file).ifPresent(model -> {
      for (BpmnRule family : FAMILIES) {
        try {
          findings.addAll(family.check(model));
        } catch (RuntimeException e) {
          // A rule that breaks on some model must not hide the others' findings, nor pass the file.
          log.warn("event=rule-failed file={} rules={} reason={}", file.path(),
              family.getClass().getSimpleName(), e.toString(), e);
          findings.add(file.finding(Location.UNKNOWN, "", Validator.CHECK_FAILED, Severity.ERROR,
              "the " + family.getClass().getSimpleName() + " lint rules could not check this file: " + e,
              "report this to the pipeline's maintainers with the file; until then the file cannot pass"));
        }
      }
      findings.replaceAll(finding -> outsideWhatRuns(model, finding));
    });
    return findings;
  }

  /**
   * The engine deploys only executable processes: it parses a non-executable one and runs none of it,
   * so a mistake there cannot break anything until someone ticks "Executable". Said as a warning, with
   * that reason (bpmn-io's own test diagrams are mostly such sketches).
   */
  private static Finding outsideWhatRuns(BpmnModel model, Finding finding) {
    if (finding.severity() != Severity.ERROR || finding.elementId().isEmpty()
        || Validator.CHECK_FAILED.equals(finding.rule())) {
      return finding;
    }
    return enclosingProcess(model.instance().getModelElementById(finding.elementId()))
        .filter(process -> !process.isExecutable())
        .map(process -> new Finding(finding.file(), finding.line(), finding.column(), finding.elementId(),
            finding.rule(), Severity.WARNING,
            finding.message() + " (in process '" + process.getId() + "', which is not executable: the engine"
                + " deploys and runs none of it, so this breaks nothing until it is made executable)",
            finding.fix()))
        .orElse(finding);
  }

  private static Optional<Process> enclosingProcess(ModelElementInstance element) {
    for (ModelElementInstance at = element; at != null; at = at.getParentElement()) {
      if (at instanceof Process process) {
        return Optional.of(process);
      }
    }
    return Optional.empty();
  }
}
