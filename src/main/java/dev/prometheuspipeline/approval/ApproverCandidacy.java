package dev.prometheuspipeline.approval;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;

/**
 * Only a candidate decides an approval: a member of one of the task's candidate groups (the approvers, and the
 * escalation group once it escalated) or a candidate user. {@code camunda-admin} holds every permission on every
 * task, which the engine's authorizations cannot take back per task, so without this check an administrator who
 * is no approver could claim and decide a release.
 */
final class ApproverCandidacy {
  private ApproverCandidacy() {}

  /** The authenticated decider, judged by the groups its login carries (REST, Tasklist, the backlog's account). */
  static boolean isCandidate(DelegateTask task, Authentication authentication) {
    List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
    return task.getCandidates().stream().anyMatch(link -> authentication.getUserId().equals(link.getUserId())
        || link.getGroupId() != null && groups.contains(link.getGroupId()));
  }

  /**
   * Whether {@code assignee} may hold the task. Without an authenticated caller the engine itself or the
   * application's own code assigns, and is trusted; a caller claiming for itself is judged by its login's groups;
   * a caller assigning someone else (Cockpit, Admin) by that person's memberships.
   */
  static boolean mayBeAssigned(DelegateTask task, String assignee) {
    IdentityService identity = task.getProcessEngineServices().getIdentityService();
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null) {
      return true;
    }
    if (assignee.equals(caller.getUserId())) {
      return isCandidate(task, caller);
    }
    // The caller may not read users and groups: the membership is the engine's fact, not the caller's view.
    return Context.getCommandContext().runWithoutAuthorization(() -> task.getCandidates().stream()
        .anyMatch(link -> assignee.equals(link.getUserId()) || link.getGroupId() != null
            && identity.createUserQuery().userId(assignee).memberOfGroup(link.getGroupId()).count() > 0));
  }

  static AuthorizationException refusal(String user, DelegateTask task, String action) {
    String groups = String.join(", ", task.getCandidates().stream().map(IdentityLink::getGroupId)
        .filter(Objects::nonNull).distinct().toList());
    return new AuthorizationException(user + " is in none of the candidate groups of this approval (" + groups
        + ") and cannot " + action + " it; a member of those groups must, or an administrator adds " + user
        + " to one in Admin.");
  }
}
