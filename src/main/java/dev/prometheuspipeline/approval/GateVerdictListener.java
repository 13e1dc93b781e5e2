package dev.prometheuspipeline.approval;

import dev.prometheuspipeline.approval.GateVerdict.FiredRule;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.DecisionEvaluationUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns the Regra de Ouro's result into the two strings the gateway and the approval form read:
 * {@value #GATE_VERDICT} and {@value #GATE_REASONS}.
 *
 * <p>Listens on the {@code end} of the business rule task. The engine leaves the decision result there as
 * the transient local variable {@code decisionResult}; it is never stored, which matters because the
 * result is a Java object and Java serialization of variables is off.
 *
 * <p>The models bind the bean {@code gateVerdictListener}; see {@link FourEyesListener} on why the class keeps
 * its name.
 */
@Component("gateVerdictListener")
public class GateVerdictListener implements ExecutionListener {
  static final String GATE_VERDICT = "gateVerdict";
  static final String GATE_REASONS = "gateReasons";

  private static final Logger LOG = LoggerFactory.getLogger(GateVerdictListener.class);

  @Override
  public void notify(DelegateExecution execution) {
    Object result = execution.getVariableLocal(DecisionEvaluationUtil.DECISION_RESULT_VARIABLE);
    if (!(result instanceof DmnDecisionResult decision)) {
      throw new ApprovalException("processes/release.bpmn (" + execution.getCurrentActivityId()
          + "): no decision result to read; GateVerdictListener belongs on the end event of the business rule"
          + " task that evaluates regraDeOuro");
    }
    GateVerdict verdict = GateVerdict.of(firedRules(decision.getResultList()));
    execution.setVariable(GATE_VERDICT, verdict.verdict());
    execution.setVariable(GATE_REASONS, verdict.reasons());
    LOG.info("stage=gate release={} outcome={} rules={}",
        execution.getProcessBusinessKey(), verdict.verdict(), decision.getResultList().size());
  }

  private static List<FiredRule> firedRules(List<Map<String, Object>> rows) {
    return rows.stream()
        .map(row -> new FiredRule(text(row.get("verdict")), text(row.get("reason"))))
        .toList();
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
