package dev.prometheuspipeline.board;

import dev.prometheuspipeline.board.ReleaseFacts.OpenTask;
import dev.prometheuspipeline.board.ReleasePage.HistoryLine;
import dev.prometheuspipeline.board.ReleasePage.Link;
import dev.prometheuspipeline.board.ReleasePage.Row;
import dev.prometheuspipeline.board.ReleasePage.StageLine;
import dev.prometheuspipeline.board.ReleasePage.TaskLine;
import dev.prometheuspipeline.release.Approval;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.release.ReleaseState;
import dev.prometheuspipeline.release.Resultado;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StoredReport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The release board's pages from what the store and the engine know: who must act, the stage timeline
 * with durations, the gate, and where the evidence is. Plain values in, text out; the template escapes it.
 */
final class ReleaseBoard {
  static final String COCKPIT_INSTANCE = "/camunda/app/cockpit/default/#/process-instance/";
  static final String TASKLIST_TASK = "/camunda/app/tasklist/default/#/?task=";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  /** The stages a running release may still reach; a rollback appears only when one happened. */
  private static final Set<Stage> PLANNED = EnumSet.of(Stage.VALIDATE, Stage.TEST, Stage.SBOM,
      Stage.VULNERABILITIES, Stage.SIGNATURES, Stage.DEPLOY, Stage.VERIFY);
  /** Report kinds people open, by the stage that stored them; JSON and SARIF are for tools. */
  private static final Map<String, String> REPORT_LABELS = reportLabels();

  private ReleaseBoard() {}

  static Row row(ReleaseRun run, Map<Stage, Instant> finishedAt) {
    String lastStage = finishedAt.entrySet().stream().max(Map.Entry.comparingByValue())
        .map(e -> e.getKey().wireName()).orElse("");
    return new Row(run.id(), run.releaseRef(), run.state().wireName(), label(run.state()),
        mustAct(run, List.of()), lastStage, run.requestedBy(), time(run.createdAt()), time(run.updatedAt()));
  }

  static ReleasePage page(ReleaseFacts facts) {
    ReleaseRun run = facts.run();
    Optional<Resultado.Gate> gate = facts.gate();
    return new ReleasePage(run.id(), run.releaseRef(), run.state().wireName(), label(run.state()),
        run.stateReason(), run.state().isActive(), mustAct(run, facts.openTasks()), run.requestedBy(),
        run.trigger().wireName(), run.sprintOrigem(), time(run.createdAt()), time(run.updatedAt()),
        facts.openTasks().stream().map(ReleaseBoard::taskLine).toList(), timeline(facts),
        gate.map(Resultado.Gate::verdict).orElse(""), gate.map(Resultado.Gate::reasons).orElse(List.of()),
        facts.approval().map(ReleaseBoard::decision).orElse(""), reports(facts.reports()), evidence(facts),
        facts.history().stream().map(e -> new HistoryLine(time(e.at()), e.kind(), e.message())).toList());
  }

  /**
   * Who has to do something now: the candidate groups (and the assignee, once claimed) of each open task;
   * for a release waiting without a task it can see, what the run recorded when it started waiting.
   */
  static String mustAct(ReleaseRun run, List<OpenTask> tasks) {
    if (!tasks.isEmpty()) {
      return String.join("; ", tasks.stream().map(ReleaseBoard::waitingFor).toList());
    }
    if (run.state() == ReleaseState.AWAITING_APPROVAL) {
      return run.stateReason().isBlank() ? "waiting for the approvers" : run.stateReason() + " approval";
    }
    return "";
  }

  private static String waitingFor(OpenTask task) {
    String who = task.candidateGroups().isEmpty() ? "the approvers" : String.join(", ", task.candidateGroups());
    String what = task.name().isBlank() ? "" : " (" + task.name() + ")";
    return "waiting for " + who + " approval" + what
        + (task.assignee().isBlank() ? "" : ", claimed by " + task.assignee());
  }

  private static TaskLine taskLine(OpenTask task) {
    return new TaskLine(task.name(), String.join(", ", task.candidateGroups()), task.assignee(),
        time(task.created()), TASKLIST_TASK + task.id());
  }

  /**
   * The stages in the order they finished, each timed from the previous end (the run's start for the first,
   * the decision for the first after the approval, so the wait is not counted as deploying); stages not yet
   * reached follow as pending while the release runs.
   */
  static List<StageLine> timeline(ReleaseFacts facts) {
    ReleaseRun run = facts.run();
    Instant approvedAt = facts.approval().map(Approval::em).orElse(null);
    List<Map.Entry<Stage, Instant>> finished = new ArrayList<>(facts.finishedAt().entrySet());
    finished.sort(Map.Entry.<Stage, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
    List<StageLine> lines = new ArrayList<>();
    Instant previous = run.createdAt();
    for (Map.Entry<Stage, Instant> stage : finished) {
      Instant end = stage.getValue();
      if (approvedAt != null && approvedAt.isAfter(previous) && approvedAt.isBefore(end)) {
        previous = approvedAt;
      }
      String status = Optional.ofNullable(facts.statuses().get(stage.getKey())).map(s -> s.wireName()).orElse("");
      lines.add(new StageLine(stage.getKey().wireName(), status, time(end), duration(previous, end)));
      previous = end.isAfter(previous) ? end : previous;
    }
    if (run.state().isActive()) {
      PLANNED.stream().filter(s -> !facts.finishedAt().containsKey(s)).sorted(Comparator.naturalOrder())
          .forEach(s -> lines.add(new StageLine(s.wireName(), "pending", "", "")));
    }
    return lines;
  }

  /** The newest report of each kind a person reads, labelled; kinds unknown here keep their name. */
  static List<Link> reports(List<StoredReport> reports) {
    Map<String, Link> newest = new LinkedHashMap<>();
    reports.stream().filter(r -> r.mediaType().startsWith("text/html"))
        .forEach(r -> newest.put(r.kind(), new Link(REPORT_LABELS.getOrDefault(r.kind(), r.kind()),
            "/api/releases/" + r.runId() + "/reports/" + r.id())));
    return List.copyOf(newest.values());
  }

  /** The release's JSON, its supply-chain evidence once the stages that make it ran, its notes and Cockpit. */
  static List<Link> evidence(ReleaseFacts facts) {
    String api = "/api/releases/" + facts.run().id();
    List<Link> links = new ArrayList<>(List.of(new Link("Release (JSON)", api)));
    if (facts.finishedAt().containsKey(Stage.SBOM)) {
      links.add(new Link("SBOM (CycloneDX)", api + "/sbom"));
      links.add(new Link("SBOM (SPDX)", api + "/sbom?format=spdx"));
    }
    if (facts.finishedAt().containsKey(Stage.SIGNATURES)) {
      links.add(new Link("Attestations", api + "/attestations"));
    }
    links.add(new Link("Release notes", api + "/notes"));
    if (!facts.run().processInstanceId().isEmpty()) {
      links.add(new Link("Process in Cockpit (diagram, variables)", COCKPIT_INSTANCE + facts.run().processInstanceId()));
    }
    return links;
  }

  static String label(ReleaseState state) {
    return switch (state) {
      case RUNNING -> "Running";
      case AWAITING_APPROVAL -> "Awaiting approval";
      case SUCCEEDED -> "Succeeded";
      case FAILED -> "Failed";
      case ROLLED_BACK -> "Rolled back";
    };
  }

  /** {@code 850 ms}, {@code 12.4 s}, {@code 3 min 04 s}, {@code 2 h 05 min}. */
  static String duration(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    long ms = d.toMillis();
    if (ms < 1_000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    if (d.toHours() == 0) {
      return String.format(java.util.Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }
    return String.format(java.util.Locale.ROOT, "%d h %02d min", d.toHours(), d.toMinutesPart());
  }

  static String time(Instant at) {
    return TIME.format(at.truncatedTo(ChronoUnit.SECONDS));
  }

  private static String decision(Approval approval) {
    return (approval.aprovado() ? "Approved by " : "Rejected by ") + approval.por() + " at " + time(approval.em())
        + (approval.comentario() == null || approval.comentario().isBlank() ? "" : ": " + approval.comentario());
  }

  private static Map<String, String> reportLabels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("validation-html", "Validation report (findings on the diagrams)");
    labels.put("test-html", "Test and coverage report");
    return labels;
  }
}
