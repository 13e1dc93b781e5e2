package dev.prometheuspipeline.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.board.ReleaseFacts.OpenTask;
import dev.prometheuspipeline.board.ReleasePage.StageLine;
import dev.prometheuspipeline.release.Approval;
import dev.prometheuspipeline.release.ReleaseEvent;
import dev.prometheuspipeline.release.ReleaseRun;
import dev.prometheuspipeline.release.ReleaseState;
import dev.prometheuspipeline.release.Resultado;
import dev.prometheuspipeline.release.Stage;
import dev.prometheuspipeline.release.StageStatus;
import dev.prometheuspipeline.release.StoredReport;
import dev.prometheuspipeline.release.Trigger;
import dev.prometheuspipeline.report.ReportPages;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The board's view of a release, from plain facts: who must act, the timeline, the links. */
class ReleaseBoardTest {
  private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void aReleaseWaitingForApprovalNamesTheGroupsAndTheAssignee() {
    OpenTask task = new OpenTask("t-1", "Approve release", List.of("ms-produto"), "bob", START.plusSeconds(60));

    ReleasePage page = ReleaseBoard.page(facts(run(ReleaseState.AWAITING_APPROVAL, "waiting for ms-produto"),
        Map.of(), List.of(task), Optional.empty()));

    assertThat(page.mustAct()).isEqualTo("waiting for ms-produto approval (Approve release), claimed by bob");
    assertThat(page.tasks()).singleElement().satisfies(t -> {
      assertThat(t.href()).isEqualTo("/camunda/app/tasklist/default/#/?task=t-1");
      assertThat(t.candidates()).isEqualTo("ms-produto");
    });
  }

  @Test
  void withoutAVisibleTaskTheRecordedReasonSaysWhoMustAct() {
    ReleaseRun waiting = run(ReleaseState.AWAITING_APPROVAL, "waiting for ms-produto");

    assertThat(ReleaseBoard.mustAct(waiting, List.of())).isEqualTo("waiting for ms-produto approval");
    assertThat(ReleaseBoard.mustAct(run(ReleaseState.RUNNING, ""), List.of())).isEmpty();
  }

  @Test
  void stagesAreTimedFromThePreviousEndAndTheApprovalWaitIsNotCountedAsDeploying() {
    Map<Stage, Instant> finished = Map.of(
        Stage.VALIDATE, START.plusMillis(850),
        Stage.TEST, START.plusSeconds(13),
        Stage.DEPLOY, START.plusSeconds(3_600 + 20));
    Approval approval = new Approval(true, "bob", "ok", START.plusSeconds(3_600));

    List<StageLine> timeline = ReleaseBoard.timeline(facts(run(ReleaseState.RUNNING, ""), finished, List.of(),
        Optional.of(approval)));

    assertThat(timeline).extracting(StageLine::name, StageLine::duration).startsWith(
        org.assertj.core.groups.Tuple.tuple("validate", "850 ms"),
        org.assertj.core.groups.Tuple.tuple("test", "12.2 s"),
        org.assertj.core.groups.Tuple.tuple("deploy", "20.0 s"));
    assertThat(timeline.subList(3, timeline.size())).extracting(StageLine::status).containsOnly("pending");
    assertThat(timeline.subList(3, timeline.size())).extracting(StageLine::name)
        .containsExactly("sbom", "vulnerabilidades", "assinaturas", "verify");
  }

  @Test
  void aFinishedReleaseListsNoPendingStage() {
    List<StageLine> timeline = ReleaseBoard.timeline(facts(run(ReleaseState.FAILED, "gate"),
        Map.of(Stage.VALIDATE, START.plusSeconds(2)), List.of(), Optional.empty()));

    assertThat(timeline).extracting(StageLine::name).containsExactly("validate");
  }

  @Test
  void durationsReadAsPeopleSayThem() {
    assertThat(ReleaseBoard.duration(START, START.plusSeconds(184))).isEqualTo("3 min 04 s");
    assertThat(ReleaseBoard.duration(START, START.plusSeconds(7_500))).isEqualTo("2 h 05 min");
    assertThat(ReleaseBoard.duration(START.plusSeconds(1), START)).isEqualTo("0 ms");
  }

  @Test
  void reportsLinkTheNewestPageOfEachKindAndEvidenceFollowsTheStagesThatMadeIt() {
    List<StoredReport> reports = List.of(
        new StoredReport("old", "r1", "validation-html", "text/html", ""),
        new StoredReport("json", "r1", "validation", "application/json", ""),
        new StoredReport("new", "r1", "validation-html", "text/html", ""),
        new StoredReport("t", "r1", "test-html", "text/html", ""));
    ReleaseFacts facts = new ReleaseFacts(run(ReleaseState.RUNNING, ""), Map.of(), Map.of(Stage.SBOM, START),
        Optional.empty(), reports, List.of(), List.of(), Optional.empty());

    ReleasePage page = ReleaseBoard.page(facts);

    assertThat(page.reports()).extracting(ReleasePage.Link::href)
        .containsExactly("/api/releases/r1/reports/new", "/api/releases/r1/reports/t");
    assertThat(page.evidence()).extracting(ReleasePage.Link::href).contains("/api/releases/r1/sbom")
        .doesNotContain("/api/releases/r1/attestations")
        .contains("/camunda/app/cockpit/default/#/process-instance/pi-1");
  }

  @Test
  void theTemplateWritesEveryValueAsText() {
    ReleaseRun hostile = new ReleaseRun("r1", "<script>alert(1)</script>", "", "<b>me</b>", Trigger.API,
        ReleaseState.FAILED, "\"><img src=x onerror=alert(2)>", "pi-1", START, START);
    ReleaseFacts facts = new ReleaseFacts(hostile, Map.of(Stage.VALIDATE, StageStatus.FAILED),
        Map.of(Stage.VALIDATE, START), Optional.of(new Resultado.Gate("reprovado", List.of("</td><script>x()</script>"))),
        List.of(), List.of(new ReleaseEvent(START, "failed", "<iframe src=javascript:alert(3)>")), List.of(),
        Optional.empty());

    String html = ReportPages.renderBoard("release", "", Map.of("release", ReleaseBoard.page(facts), "nonce", "n"));

    assertThat(html).doesNotContain("<script>alert", "<img src=x", "<iframe", "<b>me", "<script>x()")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;iframe src=javascript:alert(3)&gt;");
  }

  private static ReleaseFacts facts(ReleaseRun run, Map<Stage, Instant> finished, List<OpenTask> tasks,
      Optional<Approval> approval) {
    Map<Stage, StageStatus> statuses = new java.util.EnumMap<>(Stage.class);
    finished.keySet().forEach(stage -> statuses.put(stage, StageStatus.SUCCESS));
    return new ReleaseFacts(run, statuses, finished, Optional.empty(), List.of(), List.of(), tasks, approval);
  }

  private static ReleaseRun run(ReleaseState state, String reason) {
    return new ReleaseRun("r1", "r-42", "S028", "alice", Trigger.API, state, reason, "pi-1", START, START);
  }
}
