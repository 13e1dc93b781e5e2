package dev.prometheuspipeline.run;

import dev.prometheuspipeline.release.ApprovalRefusedException;
import dev.prometheuspipeline.release.InvalidDecisionException;
import dev.prometheuspipeline.release.ReleaseConflictException;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.release.ReleaseState;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A release's approval decided without Tasklist: the open {@code Task_ApproveRelease} of the release is
 * claimed and completed as the caller, through the engine, so its authorizations (the candidate groups) and
 * the four-eyes rule judge the caller exactly as they judge a person in Tasklist.
 */
@Profile("!worker")
@Service
public class ReleaseApprovals {
  private static final Logger log = LoggerFactory.getLogger(ReleaseApprovals.class);

  private final ReleaseRuns runs;
  private final TaskService tasks;
  private final IdentityService identity;

  ReleaseApprovals(ReleaseRuns runs, TaskService tasks, IdentityService identity) {
    this.runs = runs;
    this.tasks = tasks;
    this.identity = identity;
  }

  /**
   * Decides the release's open approval as the engine's authenticated user. One transaction: a decision the
   * engine refuses leaves the task unclaimed.
   *
   * @throws ReleaseConflictException when no approval waits, or another person has claimed it
   * @throws ApprovalRefusedException when the caller requested the release or is not a candidate
   */
  @Transactional
  public ReleaseRun decide(ReleaseRun run, boolean aprovado, String comentario) {
    Authentication caller = identity.getCurrentAuthentication();
    if (caller == null || caller.getUserId() == null) {
      throw new ApprovalRefusedException("an approval is decided by an authenticated user");
    }
    String user = caller.getUserId();
    if (run.state() != ReleaseState.AWAITING_APPROVAL) {
      throw new ReleaseConflictException("release " + run.releaseRef() + " is " + run.state().wireName()
          + "; no approval is waiting");
    }
    // Found as the pipeline: a caller who may not see the task must hear 403, not that nothing waits.
    List<Task> open = ReleaseService.asPipeline(identity, () -> tasks.createTaskQuery()
        .processInstanceId(run.processInstanceId()).taskDefinitionKey(ReleaseService.APPROVAL_TASK).active().list());
    Task task = mine(open, user).orElseThrow(() -> open.isEmpty()
        ? new ReleaseConflictException("release " + run.releaseRef() + " has no open approval task")
        : new ReleaseConflictException("the approval of release " + run.releaseRef() + " is claimed by "
            + open.get(0).getAssignee() + "; they decide it, or unclaim it in Tasklist"));
    try {
      if (task.getAssignee() == null) {
        tasks.claim(task.getId(), user);
      }
      tasks.complete(task.getId(), Variables.createVariables()
          .putValue("aprovado", aprovado)
          .putValue("comentario", comentario));
    } catch (AuthorizationException e) {
      throw refused(run, user, e);
    } catch (FormFieldValidationException e) {
      throw new InvalidDecisionException(String.valueOf((Object) e.getDetail()), e.getMessage());
    } catch (ProcessEngineException e) {
      // A task listener's refusal (four-eyes on claim) reaches the caller wrapped by the engine, twice.
      for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
        if (cause instanceof AuthorizationException refusal) {
          throw refused(run, user, refusal);
        }
      }
      throw e;
    }
    log.info("release={} run={} stage=approval outcome={} by={} via=api", run.releaseRef(), run.id(),
        aprovado ? "approved" : "rejected", user);
    return runs.require(run.id());
  }

  private static Optional<Task> mine(List<Task> open, String user) {
    return open.stream().filter(task -> user.equals(task.getAssignee())).findFirst()
        .or(() -> open.stream().filter(task -> task.getAssignee() == null).findFirst());
  }

  private static ApprovalRefusedException refused(ReleaseRun run, String user, AuthorizationException e) {
    String message = e.getMessage() != null && e.getMessage().startsWith("Four-eyes") ? e.getMessage()
        : user + " may not decide the approval of release " + run.releaseRef() + ": only the approvers' group "
            + "(candidates of Task_ApproveRelease) may";
    return new ApprovalRefusedException(message);
  }
}
