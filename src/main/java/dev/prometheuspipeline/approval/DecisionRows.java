package dev.prometheuspipeline.approval;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.DecisionEvaluationUtil;

/**
 * The rows a business rule task's decision returned, read by a listener on the task's {@code end}. The engine
 * leaves the result there as the transient local variable {@code decisionResult}; it is never stored, which
 * matters because the result is a Java object and Java serialization of variables is off.
 */
final class DecisionRows {
  private DecisionRows() {}

  static List<Map<String, Object>> of(DelegateExecution execution, String listener, String decisionKey) {
    Object result = execution.getVariableLocal(DecisionEvaluationUtil.DECISION_RESULT_VARIABLE);
    if (!(result instanceof DmnDecisionResult decision)) {
      throw new ApprovalException("processes/release.bpmn (" + execution.getCurrentActivityId()
          + "): no decision result to read; " + listener + " belongs on the end event of the business rule"
          + " task that evaluates " + decisionKey);
    }
    return decision.getResultList();
  }

  static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
