package dev.prometheuspipeline.approval;

import java.time.Instant;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Waivers of the Regra de Ouro ({@code Task_WaiveCriteria}, group {@code release-admin}), enforced by the engine
 * for every client, registered like {@link FourEyesListener}: on {@code assignment} it refuses the release's
 * author as assignee; on {@code take} of the flow out of the task it checks who decided and what: an
 * authenticated user other than the author, {@value #WAIVE} true or false, a {@value #WAIVER_REASON} when
 * waiving, and only failed criteria the decision marks waivable.
 *
 * <p>A waiver records {@value #WAIVED_CRITERIA} (the failed criteria, comma-separated), {@value #WAIVER_REASON},
 * {@value #WAIVED_BY} and {@value #WAIVED_AT}, and turns the verdict into {@code aprovado com ressalvas} with
 * the waiver named first among the reasons, so the approvers read it.
 */
@Component("waiverListener")
public class WaiverListener implements TaskListener, ExecutionListener {
  static final String WAIVE = "waive";
  static final String WAIVER_REASON = "waiverReason";
  static final String WAIVED_CRITERIA = "waivedCriteria";
  static final String WAIVED_BY = "waivedBy";
  static final String WAIVED_AT = "waivedAt";

  private static final Logger LOG = LoggerFactory.getLogger(WaiverListener.class);

  @Override
  public void notify(DelegateTask task) {
    String assignee = task.getAssignee();
    if (EVENTNAME_ASSIGNMENT.equals(task.getEventName()) && assignee != null
        && assignee.equals(task.getVariable(FourEyesListener.REQUESTED_BY))) {
      throw new AuthorizationException(authorRefused(assignee, task.getVariable(FourEyesListener.RELEASE_REF)));
    }
  }

  @Override
  public void notify(DelegateExecution execution) {
    Object release = execution.getVariable(FourEyesListener.RELEASE_REF);
    Authentication authentication =
        execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new AuthorizationException("The gate of release " + release + " can only be waived or left failed by"
          + " an authenticated member of release-admin; log in and complete the task again.");
    }
    String user = authentication.getUserId();
    if (user.equals(execution.getVariable(FourEyesListener.REQUESTED_BY))) {
      throw new AuthorizationException(authorRefused(user, release));
    }
    if (!(execution.getVariable(WAIVE) instanceof Boolean waive)) {
      throw new FormFieldValidationException(WAIVE, "Field " + WAIVE + " of release " + release
          + " must be true (waive the failed criteria) or false (leave the gate failed); submit the form again.");
    }
    if (!waive) {
      LOG.info("stage=waiver release={} outcome=refused by={}", release, user);
      return;
    }
    if (!(execution.getVariable(WAIVER_REASON) instanceof String reason) || reason.isBlank()) {
      throw new FormFieldValidationException(WAIVER_REASON, "Field " + WAIVER_REASON + " is required when waiving"
          + " criteria of release " + release + "; say why the release may go on and submit again.");
    }
    String failed = String.valueOf(execution.getVariable(GateVerdictListener.GATE_FAILED_CRITERIA));
    if (!Boolean.TRUE.equals(execution.getVariable(GateVerdictListener.GATE_WAIVABLE))) {
      throw new FormFieldValidationException(WAIVE, "Release " + release + " failed criteria that cannot be"
          + " waived (" + failed + "); fix them and run validar again.");
    }
    execution.setVariable(WAIVED_CRITERIA, failed);
    execution.setVariable(WAIVED_BY, user);
    execution.setVariable(WAIVED_AT, Instant.now().toString());
    execution.setVariable(GateVerdictListener.GATE_VERDICT, GateVerdict.RESSALVAS);
    String waiver = "waived " + failed + " by " + user + ": " + bounded(reason.strip().replaceAll("\\s+", " "));
    execution.setVariable(GateVerdictListener.GATE_REASONS,
        waiver + "\n" + execution.getVariable(GateVerdictListener.GATE_REASONS));
    LOG.info("stage=waiver release={} outcome=waived criteria={} by={}", release, failed, user);
  }

  /** The reason leads the gate's reasons, which stay a bounded variable. */
  private static String bounded(String reason) {
    return reason.length() <= 500 ? reason : reason.substring(0, 500) + "…";
  }

  private static String authorRefused(String user, Object release) {
    return "Waivers: " + user + " requested release " + release + " and cannot waive its gate; another member of"
        + " release-admin must decide.";
  }
}
