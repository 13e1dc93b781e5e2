package dev.prometheuspipeline.rollback;

import dev.prometheuspipeline.release.ApprovalPolicy;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.ReleaseConflictException;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.release.ReleaseState;
import dev.prometheuspipeline.release.TargetDeployment;
import dev.prometheuspipeline.run.ReleaseService;
import dev.prometheuspipeline.run.RunDeployments;
import dev.prometheuspipeline.run.RunHistory;
import dev.prometheuspipeline.run.StageResults;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Manual rollbacks: starts the {@code rollback} process for a verified release and says where the
 * release's rollback stands. Starting is one transaction with the engine, as for releases.
 */
@Profile("!worker")
@Service
public class RollbackRequests {
  public static final String PROCESS_KEY = "rollback";
  private static final Logger log = LoggerFactory.getLogger(RollbackRequests.class);

  private final Rollbacks rollbacks;
  private final StageResults stages;
  private final RunDeployments deployments;
  private final RunHistory history;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final ApprovalPolicy approval;

  RollbackRequests(Rollbacks rollbacks, StageResults stages, RunDeployments deployments, RunHistory history,
      RuntimeService runtime, IdentityService identity, ApprovalPolicy approval) {
    this.rollbacks = rollbacks;
    this.stages = stages;
    this.deployments = deployments;
    this.history = history;
    this.runtime = runtime;
    this.identity = identity;
    this.approval = approval;
  }

  /**
   * Asks for the rollback of {@code run}, to be approved by a member of the approvers' group who is
   * neither {@code requestedBy} nor the release's author.
   *
   * @throws ReleaseConflictException when the release's implantar did not end verified, it is already
   *     rolled back, it deployed nothing new, or another rollback of it is open
   */
  @Transactional
  public ReleaseRollback request(ReleaseRun run, String motivo, String requestedBy) {
    Optional<ReleaseRollback> open = current(run.id()).filter(r -> r.state().isActive());
    if (open.isPresent()) {
      throw running(run, open.get());
    }
    if (run.state() == ReleaseState.ROLLED_BACK) {
      throw new ReleaseConflictException("release " + run.releaseRef() + " is already rolled back ("
          + run.stateReason() + ")");
    }
    if (run.state() != ReleaseState.SUCCEEDED || !stages.succeeded(run.id(), Modo.IMPLANTAR)) {
      throw new ReleaseConflictException("release " + run.releaseRef() + " cannot be rolled back: only a release "
          + "whose implantar ended verified can, and this one is " + run.state().wireName()
          + (run.stateReason().isEmpty() ? "" : " (" + run.stateReason() + ")"));
    }
    List<TargetDeployment> recorded = deployments.deployments(run.id());
    List<String> environments = RollbackOrder.reversed(recorded);
    if (environments.isEmpty()) {
      throw new ReleaseConflictException("release " + run.releaseRef() + " created no deployment on any "
          + "environment (every file was unchanged), so there is nothing to roll back");
    }
    VariableMap variables = Variables.createVariables()
        .putValue("runId", run.id())
        .putValue("releaseRef", run.releaseRef())
        .putValue("requestedBy", requestedBy)
        .putValue("releaseRequestedBy", run.requestedBy())
        .putValue("rollbackReason", motivo)
        .putValue("rollbackPlan", plan(environments, recorded))
        // The same reminder, escalation and expiry as a release's approval.
        .putValue("approvalReminder", approval.reminder())
        .putValue("approvalEscalation", approval.escalation())
        .putValue("approvalExpiry", approval.expiry())
        .putValue("escalationGroup", approval.escalationGroup());
    // As for releases: who may ask is decided here, not by the caller's own engine authorizations.
    ProcessInstance instance = ReleaseService.asPipeline(identity,
        () -> runtime.startProcessInstanceByKey(PROCESS_KEY, run.releaseRef(), variables));
    Instant now = Instant.now();
    ReleaseRollback rollback = new ReleaseRollback(instance.getId(), run.id(), requestedBy, motivo,
        RollbackState.AWAITING_APPROVAL, "waiting for " + approval.group(), now, now);
    try {
      rollbacks.create(rollback);
    } catch (DuplicateKeyException e) {
      // Another request won the race; this transaction, and the process it started, roll back. No query
      // here to name the winner: PostgreSQL refuses every statement of a transaction after a failed one.
      throw new ReleaseConflictException("release " + run.releaseRef() + " already has a rollback open, asked for "
          + "at the same moment; GET /api/releases/" + run.id() + " shows it");
    }
    history.addEvent(run.id(), "rollback-requested", "Rollback " + instance.getId() + " requested by " + requestedBy
        + ": " + motivo);
    log.info("release={} run={} stage=rollback outcome=requested by={} rollback={} environments={}",
        run.releaseRef(), run.id(), requestedBy, instance.getId(), String.join(",", environments));
    return rollback;
  }

  /**
   * The release's newest rollback as it stands now: {@code failed} while an incident holds it, with the
   * incident's message (what is left); {@code cancelled} when its process was deleted before it ended.
   */
  @Transactional
  public Optional<ReleaseRollback> current(String runId) {
    // As the pipeline: the caller's engine authorizations would hide the process from a reader such as carol.
    return rollbacks.latest(runId).map(rollback -> ReleaseService.asPipeline(identity, () -> now(rollback)));
  }

  private ReleaseRollback now(ReleaseRollback rollback) {
    if (!rollback.state().isActive()) {
      return rollback;
    }
    if (runtime.createProcessInstanceQuery().processInstanceId(rollback.id()).count() == 0) {
      rollbacks.setState(rollback.id(), RollbackState.CANCELLED, "its process instance was deleted before it ended");
      return rollbacks.find(rollback.id()).orElseThrow();
    }
    List<Incident> incidents = runtime.createIncidentQuery().processInstanceId(rollback.id()).list();
    if (incidents.isEmpty()) {
      return rollback;
    }
    return rollback.in(RollbackState.FAILED, incidents.stream().map(Incident::getIncidentMessage)
        .collect(Collectors.joining("; ")));
  }

  private static ReleaseConflictException running(ReleaseRun run, ReleaseRollback open) {
    return new ReleaseConflictException("release " + run.releaseRef() + " already has rollback " + open.id() + " "
        + open.state().wireName() + ", requested by " + open.requestedBy() + "; wait for it to end, or approve or "
        + "reject it in Tasklist");
  }

  /** What the approver sees: each environment, last deployed first, and the deployments undone there. */
  static String plan(List<String> environments, List<TargetDeployment> recorded) {
    return environments.stream().map(environment -> "- **" + environment + "**: " + recorded.stream()
            .filter(d -> d.created() && d.environment().equals(environment))
            .map(d -> "deployment " + d.deploymentId() + " of '" + d.deploymentName() + "'")
            .collect(Collectors.joining(", ")))
        .collect(Collectors.joining("\n"));
  }
}
