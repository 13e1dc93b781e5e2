package dev.prometheuspipeline.approval;

import dev.prometheuspipeline.approval.GateVerdict.FiredRule;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns the Regra de Ouro's result into the two strings the gateway and the approval form read:
 * {@value #GATE_VERDICT} and {@value #GATE_REASONS}.
 *
 * <p>Listens on the {@code end} of the business rule task, where {@link DecisionRows} reads the result.
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
    List<Map<String, Object>> rows = DecisionRows.of(execution, "GateVerdictListener", "regraDeOuro");
    GateVerdict verdict = GateVerdict.of(firedRules(rows));
    execution.setVariable(GATE_VERDICT, verdict.verdict());
    execution.setVariable(GATE_REASONS, verdict.reasons());
    LOG.info("stage=gate release={} outcome={} rules={}",
        execution.getProcessBusinessKey(), verdict.verdict(), rows.size());
  }

  private static List<FiredRule> firedRules(List<Map<String, Object>> rows) {
    return rows.stream()
        .map(row -> new FiredRule(DecisionRows.text(row.get("verdict")), DecisionRows.text(row.get("reason"))))
        .toList();
  }
}
