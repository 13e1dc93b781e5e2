package dev.prometheuspipeline.run;

import dev.prometheuspipeline.release.Resultado;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The approvals a release waits for, as the approval routing and the four-eyes check keep them in the
 * release's variables: the quorum (distinct approvers needed), who approved so far and why this many.
 * A release started before the routing existed needs one approval and has no reason.
 *
 * @param quorum distinct approvers needed, at least 1
 * @param approvers who approved so far, in order
 * @param reason the routing's reason for this quorum; empty when unknown
 */
public record Approvals(int quorum, List<String> approvers, String reason) {
  /** The variables of the release process that hold them. */
  public static final List<String> VARIABLES = List.of("approvalQuorum", "approvers", "approvalRoutingReason");

  public Approvals {
    quorum = Math.max(1, quorum);
    approvers = List.copyOf(approvers);
    reason = reason == null ? "" : reason;
  }

  /** Reads them from the release process's variables, by the names in {@link #VARIABLES}. */
  public static Approvals of(Map<String, Object> variables) {
    int quorum = variables.get("approvalQuorum") instanceof Number n ? n.intValue() : 1;
    List<String> approvers = variables.get("approvers") instanceof String list && !list.isBlank()
        ? List.of(list.split(",")) : List.of();
    return new Approvals(quorum, approvers, variables.get("approvalRoutingReason") instanceof String r ? r : "");
  }

  static Approvals of(VariableScope scope) {
    Map<String, Object> variables = new HashMap<>();
    VARIABLES.forEach(name -> variables.put(name, scope.getVariable(name)));
    return of(variables);
  }

  /** The state reason of a release waiting for them; for a single approval as it always was. */
  String waitingFor(String candidates) {
    if (quorum <= 1) {
      return "waiting for " + candidates;
    }
    return "waiting for " + candidates + ": " + approvers.size() + " of " + quorum + " approvals"
        + (approvers.isEmpty() ? "" : " (" + String.join(", ", approvers) + ")")
        + (reason.isEmpty() ? "" : "; " + quorum + " approvers because " + reason);
  }

  /** For the validar resultado: only when more than one approval is needed, so the usual one is unchanged. */
  Resultado.Aprovacoes wire() {
    return quorum > 1 ? new Resultado.Aprovacoes(quorum, approvers, reason) : null;
  }
}
