package dev.prometheuspipeline.approval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The four-eyes rule on a release's approval, enforced by the engine for every client (Tasklist, REST,
 * Java API): whoever requested a release can neither claim its approval nor decide it.
 *
 * <p>Two registrations in {@code release.bpmn}:
 * <ul>
 *   <li>task listener on {@code assignment} of {@code Task_ApproveRelease}: refuses the requester as
 *       assignee. The engine wraps any task listener failure, so callers get a {@code ProcessEngineException}
 *       whose cause is the {@link AuthorizationException}. It also refuses a claim by someone in none of the
 *       task's candidate groups: an administrator's rights on every task do not make an approver
 *       ({@link ApproverCandidacy}). Registered on {@code complete} too, it notes whether the person
 *       completing is a candidate, for the execution listener to refuse.
 *   <li>execution listener on {@code take} of the flow that leaves the approval: checks the decision. It
 *       runs inside the completing transaction, only when the task completes (not when it expires), and
 *       its exceptions reach the caller unwrapped: {@link AuthorizationException} (REST 403) for who decides,
 *       {@link FormFieldValidationException} (REST 400 on complete and submit-form) for what was submitted.
 * </ul>
 * On success it records {@value #APROVADO_POR} and {@value #APROVADO_EM}, the last decision's. When the release
 * needs several approvers ({@value #APPROVAL_QUORUM}, from the approval routing) the approval is asked again
 * until that many distinct people approved: each approval adds its approver to {@value #APPROVERS}
 * (comma-separated, at most the quorum) and counts in {@value #APPROVAL_COUNT}; whoever already approved can
 * neither claim nor decide it again. A third registration, on {@code create}, forgets the previous
 * approver's {@value #APROVADO} and {@value #COMENTARIO}, so that a completion without a decision is refused
 * instead of counting the previous approval twice. The same registrations (but create) guard
 * {@code Task_ApproveRollback} in {@code rollback.bpmn}, where the release's author
 * ({@value #RELEASE_REQUESTED_BY}) is refused as well as whoever asked for the rollback.
 *
 * <p>The models bind the bean {@code fourEyesListener}. Releases started on the first model bind this class by name,
 * so it keeps its name, stays public and keeps a no-argument constructor while such releases may be open.
 */
@Component("fourEyesListener")
public class FourEyesListener implements TaskListener, ExecutionListener {
  static final String REQUESTED_BY = "requestedBy";
  /** Set only on a rollback's approval: the author of the release being rolled back, who cannot decide it either. */
  static final String RELEASE_REQUESTED_BY = "releaseRequestedBy";
  static final String RELEASE_REF = "releaseRef";
  static final String APROVADO = "aprovado";
  static final String COMENTARIO = "comentario";
  static final String APROVADO_POR = "aprovadoPor";
  static final String APROVADO_EM = "aprovadoEm";
  static final String APPROVAL_QUORUM = "approvalQuorum";
  static final String APPROVERS = "approvers";
  static final String APPROVAL_COUNT = "approvalCount";
  /** Transient, never stored: why the person completing the task is none of its candidates. */
  static final String NOT_A_CANDIDATE = "approvalNotACandidate";

  private static final Logger LOG = LoggerFactory.getLogger(FourEyesListener.class);

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName()) && task.hasVariable(APPROVAL_QUORUM)) {
      task.getExecution().removeVariable(APROVADO);
      task.getExecution().removeVariable(COMENTARIO);
      return;
    }
    if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      // Judged here, where the task's candidates are still known, and refused on the outgoing flow: a task
      // listener's exception reaches REST's complete and submit-form wrapped, as a 500.
      Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      if (authentication != null && authentication.getUserId() != null
          && !ApproverCandidacy.isCandidate(task, authentication)) {
        task.getExecution().setVariableLocal(NOT_A_CANDIDATE, Variables.stringValue(
            ApproverCandidacy.refusal(authentication.getUserId(), task, "decide").getMessage(), true));
      }
      return;
    }
    if (!EVENTNAME_ASSIGNMENT.equals(task.getEventName())) {
      return;
    }
    String assignee = task.getAssignee();
    if (assignee != null && !ApproverCandidacy.mayBeAssigned(task, assignee)) {
      throw ApproverCandidacy.refusal(assignee, task, "claim");
    }
    if (assignee != null && excluded(assignee, task)) {
      throw new AuthorizationException("Four-eyes rule: " + assignee + " " + role(assignee, task)
          + " and cannot claim its approval; another member of ms-produto must decide.");
    }
    if (assignee != null && approvers(task).contains(assignee)) {
      throw new AuthorizationException(alreadyApproved(assignee, task) + " and cannot claim it again.");
    }
  }

  @Override
  public void notify(DelegateExecution execution) {
    String release = release(execution);
    Authentication authentication =
        execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new AuthorizationException("Release " + release + " can only be approved or rejected by an"
          + " authenticated user; log in (or authenticate as the backlog service) and complete the task again.");
    }
    String user = authentication.getUserId();
    if (execution.getVariable(NOT_A_CANDIDATE) instanceof String refusal) {
      throw new AuthorizationException(refusal);
    }
    if (excluded(user, execution)) {
      throw new AuthorizationException("Four-eyes rule: " + user + " " + role(user, execution)
          + " and cannot approve it; another member of ms-produto must decide.");
    }
    if (approvers(execution).contains(user)) {
      throw new AuthorizationException(alreadyApproved(user, execution) + " and cannot decide it again.");
    }
    Object aprovado = execution.getVariable(APROVADO);
    if (!(aprovado instanceof Boolean approved)) {
      throw new FormFieldValidationException(APROVADO, "Field " + APROVADO + " of release " + release
          + " must be true (approve) or false (reject), was " + (aprovado == null ? "missing" : "'" + aprovado + "'")
          + "; submit the approval form again.");
    }
    Object comentario = execution.getVariable(COMENTARIO);
    if (!approved && (!(comentario instanceof String text) || text.isBlank())) {
      throw new FormFieldValidationException(COMENTARIO, "Field " + COMENTARIO + " is required when rejecting"
          + " release " + release + "; say why it is rejected and submit again.");
    }
    execution.setVariable(APROVADO_POR, user);
    execution.setVariable(APROVADO_EM, Instant.now().toString());
    if (approved && execution.hasVariable(APPROVAL_QUORUM)) {
      List<String> approvers = new ArrayList<>(approvers(execution));
      approvers.add(user);
      execution.setVariable(APPROVERS, String.join(",", approvers));
      execution.setVariable(APPROVAL_COUNT, approvers.size());
    }
    LOG.info("stage=approval release={} outcome={} by={}", release, approved ? "approved" : "rejected", user);
  }

  /** Who approved so far, in order; empty where the approval needs one decision only. */
  static List<String> approvers(VariableScope scope) {
    return scope.getVariable(APPROVERS) instanceof String list && !list.isBlank()
        ? List.of(list.split(",")) : List.of();
  }

  private static String alreadyApproved(String user, VariableScope scope) {
    return "Four-eyes rule: " + user + " already approved release " + release(scope) + ", which needs "
        + scope.getVariable(APPROVAL_QUORUM) + " distinct approvers";
  }

  private static boolean excluded(String user, VariableScope scope) {
    return user.equals(scope.getVariable(REQUESTED_BY)) || user.equals(scope.getVariable(RELEASE_REQUESTED_BY));
  }

  private static String role(String user, VariableScope scope) {
    boolean rollback = scope.hasVariable(RELEASE_REQUESTED_BY);
    if (user.equals(scope.getVariable(REQUESTED_BY))) {
      return rollback ? "requested the rollback of release " + release(scope) : "requested release " + release(scope);
    }
    return "requested release " + release(scope) + ", whose rollback this is,";
  }

  private static String release(VariableScope scope) {
    Object ref = scope.getVariable(RELEASE_REF);
    return ref == null ? "(no releaseRef)" : ref.toString();
  }
}
