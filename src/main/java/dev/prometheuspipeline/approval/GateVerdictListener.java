package dev.prometheuspipeline.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.approval.GateVerdict.Criterion;
import dev.prometheuspipeline.approval.GateVerdict.FiredRule;
import dev.prometheuspipeline.approval.GateVerdict.Thresholds;
import dev.prometheuspipeline.release.Resultado;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns the Regra de Ouro's result into the variables the gateway, the forms and the report read:
 * {@value #GATE_VERDICT}, {@value #GATE_SCORE}, {@value #GATE_REASONS}, {@value #GATE_FAILED_CRITERIA},
 * {@value #GATE_WAIVABLE}, {@value #GATE_SUMMARY} (the table in Markdown) and {@value #GATE_TABLE} (the table
 * as JSON, for {@code resultado.regra_de_ouro.criterios}). All are bounded: a dozen criteria, each reason a line.
 *
 * <p>Listens on the {@code end} of the business rule task, where {@link DecisionRows} reads the result.
 *
 * <p>The models bind the bean {@code gateVerdictListener}; see {@link FourEyesListener} on why the class keeps
 * its name and its no-argument constructor.
 */
@Component("gateVerdictListener")
public class GateVerdictListener implements ExecutionListener {
  static final String GATE_VERDICT = "gateVerdict";
  static final String GATE_SCORE = "gateScore";
  static final String GATE_REASONS = "gateReasons";
  static final String GATE_FAILED_CRITERIA = "gateFailedCriteria";
  static final String GATE_WAIVABLE = "gateWaivable";
  static final String GATE_SUMMARY = "gateSummary";
  static final String GATE_TABLE = "gateTable";
  static final int MAX_TEXT = 3900;
  static final int MAX_REASON = 200;

  private static final Logger LOG = LoggerFactory.getLogger(GateVerdictListener.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void notify(DelegateExecution execution) {
    List<Map<String, Object>> rows = DecisionRows.of(execution, "GateVerdictListener", "regraDeOuro");
    boolean scored = rows.stream().anyMatch(row -> row.containsKey("criterion"));
    GateVerdict verdict = scored
        ? GateVerdict.scored(criteria(rows), thresholds(execution))
        : GateVerdict.legacy(firedRules(rows));
    execution.setVariable(GATE_VERDICT, verdict.verdict());
    execution.setVariable(GATE_REASONS, bounded(verdict.reasons()));
    if (scored) {
      execution.setVariable(GATE_SCORE, verdict.score());
      execution.setVariable(GATE_FAILED_CRITERIA, verdict.failedCriteria());
      execution.setVariable(GATE_WAIVABLE, verdict.waivable());
      execution.setVariable(GATE_SUMMARY, bounded(verdict.table()));
      execution.setVariable(GATE_TABLE, json(verdict.criteria()));
    }
    LOG.info("stage=gate release={} outcome={} score={} failed={}", execution.getProcessBusinessKey(),
        verdict.verdict(), verdict.score(), verdict.failedCriteria());
  }

  /**
   * The thresholds deployed with the process that evaluated the gate. Read as the engine itself, like the
   * business rule task evaluated the checklist: whoever's call ran the gate needs no rights on the decisions.
   */
  private static Thresholds thresholds(DelegateExecution execution) {
    ProcessEngineServices engine = execution.getProcessEngineServices();
    return Context.getCommandContext().runWithoutAuthorization(() -> {
      String deploymentId = engine.getRepositoryService()
          .getProcessDefinition(execution.getProcessDefinitionId()).getDeploymentId();
      return new Thresholds(threshold(engine, deploymentId, "passScore"),
          threshold(engine, deploymentId, "warningScore"));
    });
  }

  private static double threshold(ProcessEngineServices engine, String deploymentId, String key) {
    DecisionDefinition definition = engine.getRepositoryService().createDecisionDefinitionQuery()
        .deploymentId(deploymentId).decisionDefinitionKey(key).singleResult();
    if (definition == null) {
      throw new ApprovalException("dmn/regra-de-ouro.dmn: no decision " + key + " deployed with the release"
          + " process; the scored Regra de Ouro reads its thresholds from the decisions passScore and warningScore");
    }
    Object value = engine.getDecisionService().evaluateDecisionById(definition.getId()).evaluate()
        .getSingleEntry();
    if (!(value instanceof Number number)) {
      throw new ApprovalException("dmn/regra-de-ouro.dmn (" + key + "): must be a number of percent, was " + value);
    }
    return number.doubleValue();
  }

  private static List<Criterion> criteria(List<Map<String, Object>> rows) {
    return rows.stream()
        .map(row -> new Criterion(DecisionRows.text(row.get("criterion")), DecisionRows.text(row.get("status")), integer(row.get("weight")),
            Boolean.TRUE.equals(row.get("blocking")), Boolean.TRUE.equals(row.get("waivable")),
            DecisionRows.text(row.get("reason"))))
        .toList();
  }

  private static List<FiredRule> firedRules(List<Map<String, Object>> rows) {
    return rows.stream()
        .map(row -> new FiredRule(DecisionRows.text(row.get("verdict")), DecisionRows.text(row.get("reason"))))
        .toList();
  }

  private static String json(List<Criterion> criteria) {
    List<Resultado.Criterion> table = criteria.stream()
        .map(c -> new Resultado.Criterion(c.id(), c.status(), c.weight(), shortened(c.reason()))).toList();
    try {
      return JSON.writeValueAsString(table);
    } catch (JsonProcessingException e) {
      throw new ApprovalException("the gate table cannot be written as JSON: " + e.getOriginalMessage());
    }
  }

  /** A dozen criteria stay within a string variable's 4000 characters; the full reasons are in gateReasons. */
  private static String shortened(String reason) {
    return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…";
  }

  private static String bounded(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
  }

  private static int integer(Object value) {
    return value instanceof Number number ? number.intValue() : 0;
  }

}
