package dev.prometheuspipeline.board;

import java.util.List;

/**
 * One release as its board page shows it: every value already text, so the template only places and
 * escapes. {@code mustAct} is empty when nobody has to do anything.
 */
record ReleasePage(
    String id,
    String releaseRef,
    String state,
    String stateLabel,
    String stateReason,
    boolean active,
    String mustAct,
    String requestedBy,
    String trigger,
    String sprint,
    String created,
    String updated,
    List<TaskLine> tasks,
    List<StageLine> stages,
    String gateVerdict,
    List<String> gateReasons,
    String decision,
    List<Link> reports,
    List<Link> evidence,
    List<HistoryLine> history) {

  ReleasePage {
    tasks = List.copyOf(tasks);
    stages = List.copyOf(stages);
    gateReasons = List.copyOf(gateReasons);
    reports = List.copyOf(reports);
    evidence = List.copyOf(evidence);
    history = List.copyOf(history);
  }

  /** An open user task: who may take it, who has, since when, and where to act on it. */
  record TaskLine(String name, String candidates, String assignee, String since, String href) {}

  /**
   * A stage on the timeline: {@code status} is the contract's ({@code success}, {@code failed}, {@code skipped})
   * or {@code pending} while the release may still run it; {@code duration} from the previous stage's end.
   */
  record StageLine(String name, String status, String finished, String duration) {}

  record Link(String label, String href) {}

  record HistoryLine(String at, String kind, String message) {}

  /** A release on the list page. */
  record Row(String id, String releaseRef, String state, String stateLabel, String mustAct, String lastStage,
      String requestedBy, String created, String updated) {}
}
