package dev.prometheuspipeline.telemetry;

import dev.prometheuspipeline.deploy.TargetResolver;
import dev.prometheuspipeline.release.DeployEtapa;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.ModoConcluded;
import dev.prometheuspipeline.release.ReleaseFinished;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.release.RollbackEtapa;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.Trigger;
import dev.prometheuspipeline.run.ReleaseRuns;
import dev.prometheuspipeline.run.ReleaseService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts releases from what the application already hears: the engine's events (a release process
 * starts, an approval is decided, a manual rollback ends) and the release's own ({@link ModoConcluded},
 * {@link ReleaseFinished}). The engine's events arrive inside its transaction: what they count is counted
 * once that transaction commits, so a step the engine rolls back (a refused four-eyes decision) is not.
 * Stage durations are not here: {@code StageHandler} observes each stage.
 */
@Component
class ReleaseMetrics {
  static final String STARTED = "prometheus.pipeline.releases.started";
  static final String SUCCEEDED = "prometheus.pipeline.releases.succeeded";
  static final String FAILED = "prometheus.pipeline.releases.failed";
  static final String APPROVAL_WAIT = "prometheus.pipeline.approval.wait";
  static final String APPROVALS_EXPIRED = "prometheus.pipeline.approvals.expired";
  static final String LEAD_TIME = "prometheus.pipeline.lead.time";
  static final String DEPLOYS = "prometheus.pipeline.deploys";
  static final String ROLLBACKS = "prometheus.pipeline.rollbacks";

  private static final Map<String, String> APPROVAL_TASKS = Map.of(
      ReleaseService.APPROVAL_TASK, "release", "Task_ApproveRollback", "rollback");
  private static final Set<String> MODO_PROCESSES = Set.of("release", "implantar");

  private final MeterRegistry registry;
  private final ReleaseRuns runs;

  ReleaseMetrics(MeterRegistry registry, ReleaseRuns runs, TargetResolver environments) {
    this.registry = registry;
    this.runs = runs;
    // Every series exists from the start at zero, so a dashboard's rate() has something to read.
    for (Modo modo : Modo.values()) {
      for (Trigger trigger : Trigger.values()) {
        for (String name : List.of(STARTED, SUCCEEDED, FAILED)) {
          counter(name, modo, trigger);
        }
      }
    }
    for (String ambiente : environments.names()) {
      for (String outcome : List.of("success", "failed")) {
        deploys(ambiente, outcome);
      }
      rollbacks("automatic", ambiente);
    }
    rollbacks("manual", "all");
    for (String approval : APPROVAL_TASKS.values()) {
      for (String decision : List.of("approved", "rejected")) {
        approvalWait(approval, decision);
      }
      Counter.builder(APPROVALS_EXPIRED).tag("approval", approval)
          .description("Approvals that expired undecided").register(registry);
    }
    leadTime();
  }

  /** A release process starts: {@code release} runs validar first, {@code implantar} starts for each deploy. */
  @EventListener
  public void onExecution(DelegateExecution execution) {
    if (!ExecutionListener.EVENTNAME_START.equals(execution.getEventName())
        || !(execution.getVariable("runId") instanceof String runId)) {
      return;
    }
    String processKey = processKey(execution);
    if (execution.getBpmnModelElementInstance() instanceof StartEvent start
        && start.getParentElement() instanceof Process && MODO_PROCESSES.contains(processKey)) {
      // validar runs inside release (the application never starts it alone); implantar also runs alone (a redeploy).
      Modo modo = "release".equals(processKey) ? Modo.VALIDAR : Modo.IMPLANTAR;
      runs.find(runId).map(ReleaseRun::trigger)
          // The process's own start is announced on its start event too: once per instance.
          .ifPresent(trigger -> AfterCommit.once("started:" + execution.getProcessInstanceId(),
              () -> counter(STARTED, modo, trigger).increment()));
    } else if (execution.getBpmnModelElementInstance() instanceof EndEvent end
        && "EndEvent_RolledBack".equals(end.getId()) && "rollback".equals(processKey)) {
      // A manual rollback undoes the release on every environment it reached.
      AfterCommit.run(() -> rollbacks("manual", "all").increment());
    }
  }

  /** How long an approval waited for its decision, from the task's creation. */
  @EventListener
  public void onTask(DelegateTask task) {
    String approval = APPROVAL_TASKS.get(task.getTaskDefinitionKey());
    if (approval == null || !TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())
        || task.getCreateTime() == null) {
      return;
    }
    Duration waited = Duration.between(task.getCreateTime().toInstant(), Instant.now());
    String decision = Boolean.TRUE.equals(task.getVariable("aprovado")) ? "approved" : "rejected";
    AfterCommit.run(() -> approvalWait(approval, decision).record(waited));
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void onModoConcluded(ModoConcluded concluded) {
    Optional<ReleaseRun> run = runs.find(concluded.runId());
    Trigger trigger = run.map(ReleaseRun::trigger).orElse(Trigger.API);
    boolean success = concluded.resultado().succeeded();
    counter(success ? SUCCEEDED : FAILED, concluded.modo(), trigger).increment();
    if (concluded.modo() != Modo.IMPLANTAR) {
      return;
    }
    Optional<RollbackEtapa> rollback = concluded.resultado().etapa(Stage.ROLLBACK, RollbackEtapa.class)
        .filter(r -> r.pedido().isEmpty());
    rollback.ifPresent(r -> rollbacks("automatic", r.ambiente()).increment());
    concluded.resultado().etapa(Stage.DEPLOY, DeployEtapa.class).map(DeployEtapa::ambientes).orElse(List.of())
        .forEach(ambiente -> {
          boolean rolledBack = rollback.map(r -> r.ambiente().equals(ambiente.ambiente())).orElse(false);
          deploys(ambiente.ambiente(), ambiente.erro() == null && !rolledBack ? "success" : "failed").increment();
        });
    if (success && run.isPresent()) {
      // From the request: the commits' own times are not stored with the release.
      leadTime().record(Duration.between(run.get().createdAt(), Instant.now()));
    }
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  public void onReleaseFinished(ReleaseFinished finished) {
    if ("EndEvent_ApprovalExpired".equals(finished.endEventId())) {
      registry.counter(APPROVALS_EXPIRED, "approval", "release").increment();
    }
  }

  private Counter counter(String name, Modo modo, Trigger trigger) {
    return Counter.builder(name).tag("modo", modo.wireName()).tag("trigger", trigger.wireName())
        .description("Release modos " + name.substring(name.lastIndexOf('.') + 1) + ", by modo and trigger")
        .register(registry);
  }

  private Counter deploys(String ambiente, String outcome) {
    return Counter.builder(DEPLOYS).tag("ambiente", ambiente).tag("outcome", outcome)
        .description("Deploys to an environment: success once verified, failed when refused, unverified or"
            + " rolled back").register(registry);
  }

  private Counter rollbacks(String kind, String ambiente) {
    return Counter.builder(ROLLBACKS).tag("kind", kind).tag("ambiente", ambiente)
        .description("Rollbacks: automatic after a failed deploy or verification, manual on request")
        .register(registry);
  }

  private Timer approvalWait(String approval, String decision) {
    return Timer.builder(APPROVAL_WAIT).tag("approval", approval).tag("decision", decision)
        .description("Time from an approval's request to its decision")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofSeconds(1))
        .maximumExpectedValue(Duration.ofDays(14)).register(registry);
  }

  private Timer leadTime() {
    return Timer.builder(LEAD_TIME)
        .description("Time from a release's request to its verified deployment on every environment")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofSeconds(1))
        .maximumExpectedValue(Duration.ofDays(30)).register(registry);
  }

  private static String processKey(DelegateExecution execution) {
    String definition = execution.getProcessDefinitionId();
    return definition == null ? "" : definition.substring(0, Math.max(definition.indexOf(':'), 0));
  }
}
