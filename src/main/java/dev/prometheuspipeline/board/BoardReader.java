package dev.prometheuspipeline.board;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.board.ReleaseFacts.OpenTask;
import dev.prometheuspipeline.release.Etapa;
import dev.prometheuspipeline.release.Modo;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.release.Resultado;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.run.ReleaseRuns;
import dev.prometheuspipeline.run.RunHistory;
import dev.prometheuspipeline.run.RunReports;
import dev.prometheuspipeline.run.StageResults;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Reads what the board shows from the run store and the engine. The open tasks are asked for as the
 * viewer: the engine's authorizations apply, so a viewer who may not see a task still sees the reason
 * the run recorded when it started waiting.
 */
@Profile("!worker")
@Component
class BoardReader {
  private final ReleaseRuns runs;
  private final StageResults stages;
  private final RunReports reports;
  private final RunHistory history;
  private final TaskService tasks;

  BoardReader(ReleaseRuns runs, StageResults stages, RunReports reports, RunHistory history, TaskService tasks) {
    this.runs = runs;
    this.stages = stages;
    this.reports = reports;
    this.history = history;
    this.tasks = tasks;
  }

  List<ReleasePage.Row> recent(int limit) {
    return runs.recent(limit).stream().map(run -> ReleaseBoard.row(run, stages.finishedAt(run.id()))).toList();
  }

  Optional<ReleasePage> release(String id) {
    return runs.find(id).map(run -> ReleaseBoard.page(facts(run)));
  }

  private ReleaseFacts facts(ReleaseRun run) {
    Map<Stage, StageStatus> statuses = new EnumMap<>(Stage.class);
    Map<Stage, Etapa> etapas = stages.stages(run.id());
    etapas.forEach((stage, etapa) -> statuses.put(stage, etapa.status()));
    return new ReleaseFacts(run, statuses, stages.finishedAt(run.id()), gate(run.id()),
        reports.reports(run.id()), history.events(run.id()), run.state().isActive() ? openTasks(run) : List.of(),
        history.approval(run.id()));
  }

  /** The Regra de Ouro's verdict as the concluded validar carries it. */
  private Optional<Resultado.Gate> gate(String runId) {
    return stages.resultado(runId, Modo.VALIDAR).map(r -> r.path("regra_de_ouro"))
        .filter(JsonNode::isObject)
        .map(g -> {
          List<String> reasons = new ArrayList<>();
          g.path("motivos").forEach(reason -> reasons.add(reason.asText()));
          return new Resultado.Gate(g.path("veredito").asText(), reasons);
        });
  }

  /** The called processes share the release's business key, so one query finds every task waiting for people. */
  private List<OpenTask> openTasks(ReleaseRun run) {
    try {
      return tasks.createTaskQuery().processInstanceBusinessKey(run.releaseRef()).active()
          .orderByTaskCreateTime().asc().list().stream().map(this::openTask).toList();
    } catch (AuthorizationException notVisible) {
      return List.of();
    }
  }

  private OpenTask openTask(Task task) {
    List<String> groups = tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).toList();
    return new OpenTask(task.getId(), task.getName(), groups, task.getAssignee(), task.getCreateTime().toInstant());
  }
}
