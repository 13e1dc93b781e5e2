package dev.prometheuspipeline.run;

import dev.prometheuspipeline.release.Approval;
import dev.prometheuspipeline.release.ApprovalPolicy;
import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.Contexto;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.PushedCommit;
import dev.prometheuspipeline.release.ReleaseConflictException;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.release.ReleaseState;
import dev.prometheuspipeline.release.TraceParents;
import dev.prometheuspipeline.release.Trigger;
import dev.prometheuspipeline.release.UnprocessableReleaseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts releases and moves them on, whoever asks (REST API, webhook, backlog). Each call is one
 * transaction with the engine: the run record and the process instance exist together or not at all,
 * so a failure never leaves a run without a process or a process without a run.
 */
@Profile("!worker")
@Service
public class ReleaseService {
  public static final String APPROVAL_TASK = "Task_ApproveRelease";
  private static final Logger log = LoggerFactory.getLogger(ReleaseService.class);

  private final ReleaseRuns runs;
  private final RunArtifacts artifacts;
  private final StageResults stages;
  private final RunHistory history;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;
  private final ApprovalPolicy approval;
  private final TraceParents traces;

  ReleaseService(ReleaseRuns runs, RunArtifacts artifacts, StageResults stages, RunHistory history,
      RuntimeService runtime, TaskService tasks, IdentityService identity, ApprovalPolicy approval,
      TraceParents traces) {
    this.runs = runs;
    this.artifacts = artifacts;
    this.stages = stages;
    this.history = history;
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
    this.approval = approval;
    this.traces = traces;
  }

  /** Starts the {@code release} process: validar, the gate, the approval, then implantar. */
  @Transactional
  public ReleaseRun validar(Contexto contexto, String requestedBy, Trigger trigger) {
    if (contexto.modo() != Modo.VALIDAR) {
      throw new IllegalArgumentException("validar needs a contexto with modo validar");
    }
    return start(contexto, Optional.empty(), requestedBy, trigger);
  }

  /**
   * Starts the {@code release} process for a push, with release_ref {@link PushedCommit#releaseRef()} and no
   * artifacts yet: its fetch stage lists the product folders' files at the commit, so this does no Git work.
   *
   * @throws ReleaseConflictException when the push's release is already running
   */
  @Transactional
  public ReleaseRun validarPush(PushedCommit push, String requestedBy, Trigger trigger) {
    return start(new Contexto(Modo.VALIDAR, push.releaseRef(), "", List.of()), Optional.of(push), requestedBy,
        trigger);
  }

  private ReleaseRun start(Contexto contexto, Optional<PushedCommit> push, String requestedBy, Trigger trigger) {
    runs.latest(contexto.releaseRef()).filter(run -> run.state().isActive()).ifPresent(run -> {
      throw new ReleaseConflictException("release " + run.releaseRef() + " is already " + run.state().wireName()
          + " (id " + run.id() + "); wait for it to end or use another release_ref");
    });
    ReleaseRun run;
    try {
      run = runs.create(contexto, requestedBy, trigger);
    } catch (DuplicateKeyException e) {
      // The check above and this insert are not atomic: a request for the same release_ref committed in
      // between. No query to name it: PostgreSQL refuses every statement of a transaction after a failed one.
      throw new ReleaseConflictException("release " + contexto.releaseRef() + " was requested at the same moment"
          + " by another request, which started it; GET /api/releases lists it");
    }
    push.ifPresent(pushed -> runs.recordPush(run.id(), pushed));
    history.addEvent(run.id(), "requested", "validar requested by " + requestedBy + " via " + trigger.wireName()
        + push.map(pushed -> " for the product folders' files at " + pushed.commit())
            .orElse(" with " + contexto.artefatos().size() + " artifact(s)"));
    VariableMap variables = baseVariables(run)
        .putValue("approvalReminder", approval.reminder())
        .putValue("approvalEscalation", approval.escalation())
        .putValue("approvalExpiry", approval.expiry())
        .putValue("escalationGroup", approval.escalationGroup());
    // Read by the approval routing: a generated artifact with a low confianca needs more approvers.
    contexto.lowestConfidence().ifPresent(lowest -> variables.putValue("lowestConfidence", lowest));
    ProcessInstance instance = asPipeline(() -> runtime.startProcessInstanceByKey("release", run.releaseRef(),
        variables));
    runs.attachProcess(run.id(), instance.getId());
    log.info("release={} run={} trigger={} requestedBy={} outcome=started process={}",
        run.releaseRef(), run.id(), trigger.wireName(), requestedBy, instance.getId());
    return runs.find(run.id()).orElseThrow();
  }

  /**
   * Moves a validated release to {@code implantar}: an approved release whose last implantar ended deploys
   * again, the same digests. A release waiting in its approval must be approved in Tasklist first.
   */
  @Transactional
  public ReleaseRun implantar(Contexto contexto, String requestedBy, Trigger trigger) {
    return implantar(contexto, requestedBy, List.of(), trigger);
  }

  /**
   * {@link #implantar(Contexto, String, Trigger)} for a backlog row proven by a service account: a release
   * waiting in its approval is approved by that account, as the engine user {@code requestedBy} in
   * {@code groups}, so the task's authorizations and four-eyes judge it as they judge a person in Tasklist.
   */
  @Transactional
  public ReleaseRun implantar(Contexto contexto, String requestedBy, List<String> groups, Trigger trigger) {
    ReleaseRun run = runs.latest(contexto.releaseRef()).orElseThrow(() -> new UnprocessableReleaseException(
        "no release with release_ref " + contexto.releaseRef() + " exists; run modo validar for it first"));
    checkSameArtifacts(contexto, run);
    switch (run.state()) {
      case AWAITING_APPROVAL -> {
        if (trigger != Trigger.BACKLOG) {
          throw new ReleaseConflictException("release " + run.releaseRef() + " is waiting for the approval of "
              + approval.group() + "; approve it in Tasklist (or send executar_pipeline through the backlog)");
        }
        approveThroughBacklog(run, requestedBy, groups);
        return runs.find(run.id()).orElseThrow();
      }
      case RUNNING -> throw new ReleaseConflictException("release " + run.releaseRef()
          + " is still running (id " + run.id() + "); wait for it to end");
      default -> {
        return redeploy(run, requestedBy, trigger);
      }
    }
  }

  private ReleaseRun redeploy(ReleaseRun run, String requestedBy, Trigger trigger) {
    boolean validated = stages.succeeded(run.id(), Modo.VALIDAR);
    boolean approved = history.approval(run.id()).map(Approval::aprovado).orElse(false);
    if (!validated || !approved) {
      throw new ReleaseConflictException("release " + run.releaseRef() + " cannot be deployed: "
          + (!validated ? "its validation did not succeed" : "it was not approved")
          + (run.stateReason().isEmpty() ? "" : " (" + run.stateReason() + ")")
          + "; run modo validar again to start a new release");
    }
    stages.resetModo(run.id(), Modo.IMPLANTAR);
    runs.setState(run.id(), ReleaseState.RUNNING, "");
    history.addEvent(run.id(), "requested", "implantar requested by " + requestedBy + " via " + trigger.wireName());
    ProcessInstance instance = asPipeline(() -> runtime.startProcessInstanceByKey(Modo.IMPLANTAR.processKey(),
        run.releaseRef(), baseVariables(run)));
    runs.attachProcess(run.id(), instance.getId());
    log.info("release={} run={} trigger={} outcome=implantar-started process={}",
        run.releaseRef(), run.id(), trigger.wireName(), instance.getId());
    return runs.find(run.id()).orElseThrow();
  }

  private void approveThroughBacklog(ReleaseRun run, String approver, List<String> groups) {
    Task task = tasks.createTaskQuery().processInstanceId(run.processInstanceId())
        .taskDefinitionKey(APPROVAL_TASK).singleResult();
    if (task == null) {
      throw new ReleaseConflictException("release " + run.releaseRef() + " has no open approval task");
    }
    Authentication previous = identity.getCurrentAuthentication();
    // The account's own identity and groups, never the approvers' group by default: an account that is not a
    // candidate of the task is refused by the engine like anyone else.
    identity.setAuthentication(approver, groups);
    try {
      tasks.complete(task.getId(), Variables.createVariables()
          .putValue("aprovado", true)
          .putValue("comentario", "Approved through the backlog by " + approver));
    } finally {
      if (previous == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(previous);
      }
    }
  }

  private void checkSameArtifacts(Contexto contexto, ReleaseRun run) {
    if (contexto.artefatos().isEmpty()) {
      return;
    }
    Map<String, Artifact> validated = artifacts.artifacts(run.id()).stream()
        .collect(Collectors.toMap(a -> a.type().wireName() + ":" + a.path(), Function.identity()));
    for (Artifact asked : contexto.artefatos()) {
      Artifact known = validated.get(asked.type().wireName() + ":" + asked.path());
      if (known == null || !(known.sha().startsWith(asked.sha()) || asked.sha().startsWith(known.sha()))) {
        throw new UnprocessableReleaseException("contexto.artefatos differ from what release " + run.releaseRef()
            + " validated: " + asked.path() + "@" + asked.sha()
            + (known == null ? " was not part of it" : " was validated at " + known.sha())
            + "; implantar deploys exactly what was validated and approved");
      }
    }
    if (contexto.artefatos().size() != validated.size()) {
      throw new UnprocessableReleaseException("contexto.artefatos list " + contexto.artefatos().size()
          + " artifact(s) but release " + run.releaseRef() + " validated " + validated.size()
          + "; omit artefatos to deploy everything that was validated");
    }
  }

  /**
   * Runs an engine call as the pipeline itself. Who may request a release is this service's decision
   * (the API authenticates, the requester is recorded); the caller's own engine authorizations, which
   * the REST filter set for the request, must not decide whether the pipeline can start its processes.
   */
  private <T> T asPipeline(Supplier<T> call) {
    return asPipeline(identity, call);
  }

  /** {@link #asPipeline(Supplier)} for the other services that start the pipeline's processes. */
  public static <T> T asPipeline(IdentityService identity, Supplier<T> call) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return call.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  private VariableMap baseVariables(ReleaseRun run) {
    VariableMap variables = Variables.createVariables()
        .putValue("runId", run.id())
        .putValue("releaseRef", run.releaseRef())
        .putValue("requestedBy", run.requestedBy());
    // The stages' spans join the trace of the request that started the release (tracing on only).
    traces.current().ifPresent(parent -> variables.putValue(TraceParents.VARIABLE, parent));
    return variables;
  }
}
