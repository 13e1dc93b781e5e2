package dev.prometheuspipeline.board;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.Approval;
import dev.prometheuspipeline.release.ReleaseEvent;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.release.Resultado;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.StoredReport;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the store and the engine know of one release, read for its board page: the run, each recorded
 * stage's status and end, the Regra de Ouro's verdict once given, the stored reports (without bodies),
 * the history, the open user tasks and the decision.
 */
record ReleaseFacts(
    ReleaseRun run,
    Map<Stage, StageStatus> statuses,
    Map<Stage, Instant> finishedAt,
    Optional<Resultado.Gate> gate,
    List<StoredReport> reports,
    List<ReleaseEvent> history,
    List<OpenTask> openTasks,
    Optional<Approval> approval) {

  ReleaseFacts {
    requireNonNull(run, "run");
    statuses = statuses.isEmpty() ? Map.of() : new EnumMap<>(statuses);
    finishedAt = finishedAt.isEmpty() ? Map.of() : new EnumMap<>(finishedAt);
    requireNonNull(gate, "gate");
    reports = List.copyOf(reports);
    history = List.copyOf(history);
    openTasks = List.copyOf(openTasks);
    requireNonNull(approval, "approval");
  }

  /** A user task of the release that waits for someone: the approval, or a rollback's. */
  record OpenTask(String id, String name, List<String> candidateGroups, String assignee, Instant created) {
    OpenTask {
      requireNonNull(id, "id");
      name = name == null ? "" : name;
      candidateGroups = List.copyOf(candidateGroups);
      assignee = assignee == null ? "" : assignee;
      requireNonNull(created, "created");
    }
  }
}
