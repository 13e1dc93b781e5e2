package dev.prometheuspipeline.approval;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who approves a release and how many distinct people must, made of the approval-routing rules that fired.
 *
 * @param groups the candidate groups, comma-separated as {@code camunda:candidateGroups} takes them
 * @param quorum distinct approvers needed, none the requester
 * @param reason why, shown in the approval form: the reasons of the rules that asked for this quorum
 */
record ApprovalRouting(String groups, int quorum, String reason) {
  /**
   * Bounds the approvers recorded on the release: a quorum above this is a mistake in the decision, not a
   * policy, and the list of who approved stays short enough for a variable.
   */
  static final int MAX_QUORUM = 5;
  static final String DECISION = "dmn/approval-routing.dmn (approvalRouting)";

  ApprovalRouting {
    requireNonNull(groups, "groups");
    requireNonNull(reason, "reason");
  }

  /**
   * The highest quorum any rule asks for, from the groups of the rules that ask for it. A decision that
   * fired no rule is a broken model: nobody could approve, so it fails rather than guessing.
   */
  static ApprovalRouting of(List<Route> fired) {
    if (fired.isEmpty()) {
      throw new ApprovalException(DECISION + ": no rule applied; the decision needs a rule that always"
          + " applies (the default: one approver from ms-produto)");
    }
    int quorum = fired.stream().mapToInt(Route::quorum).max().orElseThrow();
    List<Route> deciding = fired.stream().filter(route -> route.quorum() == quorum).toList();
    Set<String> groups = new LinkedHashSet<>();
    deciding.forEach(route -> groups.addAll(route.groupList()));
    String reason = deciding.stream().map(Route::reason).distinct().collect(Collectors.joining("; "));
    return new ApprovalRouting(String.join(",", groups), quorum, reason);
  }

  /** One row of the decision result. */
  record Route(String groups, int quorum, String reason) {
    Route {
      if (groups == null || groups.isBlank()) {
        throw new ApprovalException(DECISION + ": a rule returned no candidate groups; every rule must name"
            + " the groups whose members approve, e.g. \"ms-produto\"");
      }
      if (quorum < 1 || quorum > MAX_QUORUM) {
        throw new ApprovalException(DECISION + ": a rule returned quorum " + quorum + "; a quorum is 1 to "
            + MAX_QUORUM + " distinct approvers");
      }
      if (reason == null || reason.isBlank()) {
        throw new ApprovalException(DECISION + ": a rule with quorum " + quorum + " returned no reason; every"
            + " rule must say why, the approval form shows it");
      }
    }

    List<String> groupList() {
      return Arrays.stream(groups.split(",")).map(String::trim).filter(g -> !g.isEmpty()).toList();
    }
  }
}
