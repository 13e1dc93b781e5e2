package dev.prometheuspipeline.validate;

import java.util.List;

/**
 * Lint rules over a BPMN model the engine may well deploy: each family reports, for every rule it owns
 * (its {@code RULES}), the elements that break it, with the rule's default severity.
 */
interface BpmnRule {
  List<Finding> check(BpmnModel model);
}
