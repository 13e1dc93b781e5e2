package dev.prometheuspipeline.validate;

import java.util.ArrayList;
import java.util.List;
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
    });
    return findings;
  }
}
