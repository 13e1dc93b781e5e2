package dev.prometheuspipeline.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.Approval;
import dev.prometheuspipeline.release.ApprovalRequested;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.ModoConcluded;
import dev.prometheuspipeline.release.ReleaseFinished;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.release.ReleaseState;
import dev.prometheuspipeline.release.Resultado;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Follows the release processes through the engine's events (published to Spring synchronously,
 * inside the engine's transaction) and keeps the run store in step: states, the concluded
 * {@code resultado} of each modo, the approval, the history. The models stay free of application
 * beans; success is recognised by the end event's id and any other end's name is the reason shown.
 */
@Component
class ReleaseProgress {
  static final Set<String> SUCCESS_ENDS = Set.of("EndEvent_ReleaseDeployed", "EndEvent_Validated", "EndEvent_Deployed");
  /** Ends of {@code release} reached before the approval: validar concludes there as a failure. */
  static final Set<String> ENDS_BEFORE_APPROVAL =
      Set.of("EndEvent_ValidationFailed", "EndEvent_GateFailed", "EndEvent_WaiverExpired");
  static final String WAIVER_TASK = "Task_WaiveCriteria";
  private static final Set<String> PIPELINE_PROCESSES = Set.of("release", "validar", "implantar");
  private static final Logger log = LoggerFactory.getLogger(ReleaseProgress.class);

  private final ReleaseRuns runs;
  private final StageResults stages;
  private final RunHistory history;
  private final ApplicationEventPublisher events;
  private final ObjectMapper json;

  ReleaseProgress(ReleaseRuns runs, StageResults stages, RunHistory history, ApplicationEventPublisher events,
      ObjectMapper json) {
    this.runs = runs;
    this.stages = stages;
    this.history = history;
    this.events = events;
    this.json = json;
  }

  @EventListener
  public void onExecution(DelegateExecution execution) {
    if (!ExecutionListener.EVENTNAME_START.equals(execution.getEventName())
        || !(execution.getBpmnModelElementInstance() instanceof EndEvent end)) {
      return;
    }
    if (endsASideBranch(end)) {
      return; // a reminder or an escalation ended its own branch; the release goes on
    }
    if (!(end.getParentElement() instanceof Process)) {
      return; // one environment's pass of implantar ended; the process's own end event concludes
    }
    String processKey = processKey(end);
    Object runId = execution.getVariable("runId");
    if (!PIPELINE_PROCESSES.contains(processKey) || !(runId instanceof String id)) {
      return; // a user's process deployed to this engine as a target: not ours to follow
    }
    ReleaseRun run = runs.find(id).orElse(null);
    if (run == null) {
      return;
    }
    boolean success = SUCCESS_ENDS.contains(end.getId());
    String reason = success ? "" : reason(end, execution);
    boolean standalone = execution.getProcessInstance().getSuperExecution() == null;
    switch (processKey) {
      case "validar" -> {
        if (standalone) {
          conclude(run, Modo.VALIDAR, success, reason, null, null);
          finish(run, end, success, reason);
        }
      }
      case "implantar" -> {
        conclude(run, Modo.IMPLANTAR, success, reason, null, null);
        if (standalone) {
          finish(run, end, success, reason);
        }
      }
      default -> {
        if (ENDS_BEFORE_APPROVAL.contains(end.getId())) {
          conclude(run, Modo.VALIDAR, false, reason, gate(execution), null);
        }
        finish(run, end, success, reason);
      }
    }
  }

  @EventListener
  public void onTask(DelegateTask task) {
    boolean waiver = WAIVER_TASK.equals(task.getTaskDefinitionKey());
    if (!(waiver || ReleaseService.APPROVAL_TASK.equals(task.getTaskDefinitionKey()))
        || !(task.getVariable("runId") instanceof String runId)) {
      return;
    }
    ReleaseRun run = runs.find(runId).orElse(null);
    if (run == null) {
      return;
    }
    if (waiver) {
      onWaiver(task, run);
      return;
    }
    switch (task.getEventName()) {
      case TaskListener.EVENTNAME_CREATE -> {
        Approvals approvals = Approvals.of(task);
        runs.setState(runId, ReleaseState.AWAITING_APPROVAL, approvals.waitingFor(candidates(task)));
        if (!approvals.approvers().isEmpty()) {
          // A further approver of a quorum: validar concluded and MS_PRODUTO was told when the first was asked.
          history.addEvent(runId, "approval-requested", "Approval " + (approvals.approvers().size() + 1) + " of "
              + approvals.quorum() + " requested from " + candidates(task));
          return;
        }
        Resultado validar = conclude(run, Modo.VALIDAR, true, "", gate(task.getExecution()), approvals.wire());
        history.addEvent(runId, "approval-requested", "Approval requested from " + candidates(task)
            + (approvals.quorum() > 1 ? " (" + approvals.quorum() + " distinct approvers: " + approvals.reason() + ")"
                : ""));
        events.publishEvent(new ApprovalRequested(runId, run.releaseRef(), validar, candidateGroups(task)));
      }
      case TaskListener.EVENTNAME_COMPLETE -> {
        boolean approved = Boolean.TRUE.equals(task.getVariable("aprovado"));
        String by = decider(task);
        String comment = task.getVariable("comentario") instanceof String c ? c : "";
        Approvals approvals = Approvals.of(task);
        if (approved && approvals.approvers().size() + 1 < approvals.quorum()) {
          // Not the decision yet: the release waits for the next approver, the task is asked again.
          history.addEvent(runId, "approved", "Approved by " + by + " (" + (approvals.approvers().size() + 1)
              + " of " + approvals.quorum() + " approvals)" + (comment.isBlank() ? "" : ": " + comment));
          log.info("release={} run={} stage=approval outcome=approved by={} approvals={}/{}", run.releaseRef(),
              runId, by, approvals.approvers().size() + 1, approvals.quorum());
          return;
        }
        // If the four-eyes check refuses this decision (it runs right after, on the outgoing flow), the
        // transaction rolls back and this record with it.
        history.saveApproval(runId, new Approval(approved, by, comment, Instant.now()));
        history.addEvent(runId, approved ? "approved" : "rejected",
            (approved ? "Approved by " : "Rejected by ") + by + (comment.isBlank() ? "" : ": " + comment));
        runs.setState(runId, ReleaseState.RUNNING, approved ? "approved by " + by : "rejected by " + by);
        log.info("release={} run={} stage=approval outcome={} by={}", run.releaseRef(), runId,
            approved ? "approved" : "rejected", by);
      }
      default -> { }
    }
  }

  /** The gate failed: release-admin waives it or leaves it failed. The take listener checks who and what. */
  private void onWaiver(DelegateTask task, ReleaseRun run) {
    String failed = String.valueOf(task.getVariable("gateFailedCriteria"));
    switch (task.getEventName()) {
      case TaskListener.EVENTNAME_CREATE -> {
        runs.setState(run.id(), ReleaseState.AWAITING_APPROVAL, "gate failed (" + failed
            + "); waiting for a waiver from release-admin");
        history.addEvent(run.id(), "waiver-requested", "Regra de Ouro reprovado (" + failed
            + "): waiver requested from release-admin");
      }
      case TaskListener.EVENTNAME_COMPLETE -> {
        boolean waived = Boolean.TRUE.equals(task.getVariable("waive"));
        String by = decider(task);
        String reason = task.getVariable("waiverReason") instanceof String r ? r.strip() : "";
        history.addEvent(run.id(), waived ? "waived" : "waiver-refused", waived
            ? "Criteria " + failed + " waived by " + by + ": " + reason
            : "Waiver refused by " + by + (reason.isBlank() ? "" : ": " + reason));
        runs.setState(run.id(), ReleaseState.RUNNING, waived ? "gate waived by " + by : "waiver refused by " + by);
      }
      default -> { }
    }
  }

  private Resultado conclude(ReleaseRun run, Modo modo, boolean success, String reason, Resultado.Gate gate,
      Resultado.Aprovacoes waiting) {
    Resultado resultado = Resultado.of(modo, success, stages.stages(run.id()), reason, gate);
    resultado = waiting == null ? resultado : resultado.withAprovacoes(waiting);
    stages.saveResultado(run.id(), modo, resultado);
    history.addEvent(run.id(), modo.wireName() + "-" + resultado.status(),
        modo.wireName() + " " + resultado.status() + (reason.isBlank() ? "" : ": " + reason));
    events.publishEvent(new ModoConcluded(run.id(), run.releaseRef(), modo, resultado));
    return resultado;
  }

  private void finish(ReleaseRun run, EndEvent end, boolean success, String reason) {
    runs.setState(run.id(), success ? ReleaseState.SUCCEEDED : ReleaseState.FAILED, reason);
    history.addEvent(run.id(), success ? "succeeded" : "failed", success ? "Release finished" : reason);
    log.info("release={} run={} outcome={} reason={}", run.releaseRef(), run.id(),
        success ? "succeeded" : "failed", reason);
    events.publishEvent(new ReleaseFinished(run.id(), run.releaseRef(), success, end.getId(), reason));
  }

  private static String reason(EndEvent end, DelegateExecution execution) {
    String name = end.getName() == null || end.getName().isBlank() ? end.getId() : end.getName();
    if (execution.getVariable("failureReason") instanceof String failure && !failure.isBlank()) {
      return name + ": " + failure;
    }
    if ("EndEvent_GateFailed".equals(end.getId()) && execution.getVariable("gateReasons") instanceof String r) {
      return name + ": " + String.join("; ", failed(r));
    }
    if ("EndEvent_ReleaseRejected".equals(end.getId()) && execution.getVariable("comentario") instanceof String c) {
      return name + " by " + execution.getVariable("aprovadoPor") + ": " + c;
    }
    return name;
  }

  /** The reasons that failed the gate: failed criteria, or the rejecting rules of a gate from before the score. */
  private static List<String> failed(String gateReasons) {
    return Arrays.stream(gateReasons.split("\n"))
        .filter(line -> line.startsWith("reprovado") || line.startsWith("fail ")).toList();
  }

  /** The gate for {@code resultado}: the scored table and the waiver when the gate had them. */
  private Resultado.Gate gate(DelegateExecution execution) {
    if (execution == null || !(execution.getVariable("gateVerdict") instanceof String verdict)) {
      return null;
    }
    String reasons = execution.getVariable("gateReasons") instanceof String r ? r : "";
    List<String> lines = Arrays.stream(reasons.split("\n")).filter(s -> !s.isBlank()).toList();
    Double score = execution.getVariable("gateScore") instanceof Number n ? n.doubleValue() : null;
    List<Resultado.Criterion> criteria = null;
    if (execution.getVariable("gateTable") instanceof String table) {
      try {
        criteria = List.of(json.readValue(table, Resultado.Criterion[].class));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("gateTable of release " + execution.getProcessBusinessKey()
            + " is not the gate table: " + e.getOriginalMessage(), e);
      }
    }
    Resultado.Waiver waiver = null;
    if (execution.getVariable("waivedCriteria") instanceof String waived && !waived.isBlank()) {
      waiver = new Resultado.Waiver(List.of(waived.split(",")), String.valueOf(execution.getVariable("waiverReason")),
          String.valueOf(execution.getVariable("waivedBy")));
    }
    return new Resultado.Gate(verdict, lines, score, criteria, waiver);
  }

  private static String candidates(DelegateTask task) {
    List<String> groups = candidateGroups(task);
    return groups.isEmpty() ? "the approvers" : String.join(", ", groups);
  }

  private static List<String> candidateGroups(DelegateTask task) {
    return task.getCandidates().stream().map(link -> link.getGroupId()).filter(g -> g != null).toList();
  }

  /** Who completes the task: the engine's authenticated user, as the four-eyes check sees it. */
  private static String decider(DelegateTask task) {
    Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return current == null || current.getUserId() == null ? "unknown" : current.getUserId();
  }

  /** True when the end event is reached only from a non-interrupting boundary event. */
  static boolean endsASideBranch(EndEvent end) {
    Deque<FlowNode> toVisit = new ArrayDeque<>(List.of(end));
    Set<String> seen = new HashSet<>();
    boolean reachedFromMainPath = false;
    while (!toVisit.isEmpty()) {
      FlowNode node = toVisit.pop();
      if (!seen.add(node.getId())) {
        continue;
      }
      if (node instanceof BoundaryEvent boundary) {
        if (boundary.cancelActivity()) {
          reachedFromMainPath = true;
        }
        continue;
      }
      if (node.getIncoming().isEmpty()) {
        reachedFromMainPath = true;
      }
      node.getIncoming().forEach(flow -> toVisit.push(flow.getSource()));
    }
    return !reachedFromMainPath;
  }

  private static String processKey(FlowElement element) {
    ModelElementInstance parent = element.getParentElement();
    while (parent != null && !(parent instanceof Process)) {
      parent = parent.getParentElement();
    }
    return parent instanceof Process process ? process.getId() : "";
  }
}
