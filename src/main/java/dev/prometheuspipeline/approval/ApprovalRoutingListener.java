package dev.prometheuspipeline.approval;

import dev.prometheuspipeline.approval.ApprovalRouting.Route;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns the approval routing's result into the variables the approval reads: {@value #GROUPS} (the
 * candidate groups), {@value #QUORUM}, {@value #REASON}, and starts the count of who approved
 * ({@value FourEyesListener#APPROVERS}, {@value FourEyesListener#APPROVAL_COUNT}).
 *
 * <p>Listens on the {@code end} of the business rule task, where {@link DecisionRows} reads the result.
 */
@Component("approvalRoutingListener")
public class ApprovalRoutingListener implements ExecutionListener {
  static final String GROUPS = "approvalGroups";
  static final String QUORUM = "approvalQuorum";
  static final String REASON = "approvalRoutingReason";

  private static final Logger LOG = LoggerFactory.getLogger(ApprovalRoutingListener.class);

  @Override
  public void notify(DelegateExecution execution) {
    ApprovalRouting routing = ApprovalRouting.of(routes(
        DecisionRows.of(execution, "ApprovalRoutingListener", "approvalRouting")));
    execution.setVariable(GROUPS, routing.groups());
    execution.setVariable(QUORUM, routing.quorum());
    execution.setVariable(REASON, routing.reason());
    execution.setVariable(FourEyesListener.APPROVERS, "");
    execution.setVariable(FourEyesListener.APPROVAL_COUNT, 0);
    LOG.info("stage=approval-routing release={} groups={} quorum={}",
        execution.getProcessBusinessKey(), routing.groups(), routing.quorum());
  }

  private static List<Route> routes(List<Map<String, Object>> rows) {
    return rows.stream()
        .map(row -> new Route(DecisionRows.text(row.get("groups")),
            row.get("quorum") instanceof Number n ? n.intValue() : 0, DecisionRows.text(row.get("reason"))))
        .toList();
  }
}
