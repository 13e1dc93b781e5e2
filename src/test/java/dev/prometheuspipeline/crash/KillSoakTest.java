package dev.prometheuspipeline.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.Api;
import dev.prometheuspipeline.GitFixture;
import dev.prometheuspipeline.deploy.TargetEngineClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import targetengine.TargetEngine;
import targetengine.TargetEngineTest;

/**
 * The soak: releases started one slice at a time, approved or rejected by an approver who is not the
 * requester, while the pipeline (a process of its own, {@link EngineProcess}, on one embedded PostgreSQL) is
 * SIGKILLed at seeded random moments spread across the stages (fetch, validate, test, approval, deploy,
 * verify) and started again on the same database each time. Afterwards every release has the end state it
 * would have had without the kills: approved ones succeeded with exactly one deployment per product on the
 * target, rejected ones and the one with a broken model failed; no run is left running, no approval task was
 * made twice, no incident is open.
 *
 * <p>{@code -Dkills.releases=N} (8 by default, the full soak is 50), {@code -Dkills.count=K} (6, one
 * per stage) and {@code -Dkills.seed=S} (random, printed) replay or widen it. The kills, the stages each hit
 * and the restart times go to {@code target/crash/kill-soak.txt}.
 */
@TargetEngineTest
class KillSoakTest {
  private static final int RELEASES = Integer.getInteger("kills.releases", 8);
  private static final int KILLS = Math.max(5, Integer.getInteger("kills.count", 6));
  private static final long SEED = Long.getLong("kills.seed", new Random().nextLong());
  private static final String ADMIN_PASSWORD = "admin-password-for-kill-soak";
  private static final String APPROVER_PASSWORD = "approver-password-for-kill-soak";
  private static final Duration STAGE_WAIT = Duration.ofMinutes(4);
  private static final List<String> END_STATES = List.of("succeeded", "failed", "rolled_back");

  /** The stages a kill aims at, and the external-task topics that make each one. */
  enum Stage {
    FETCH("pipeline.fetch"),
    VALIDATE("pipeline.sbom", "pipeline.vulnerabilities", "pipeline.sign", "pipeline.compare",
        "pipeline.validate"),
    TEST("pipeline.test"),
    APPROVAL("pipeline.notify"),
    DEPLOY("pipeline.deploy-gate", "pipeline.deploy", "pipeline.deploy-workers"),
    VERIFY("pipeline.verify"),
    ROLLBACK("pipeline.rollback", "pipeline.rollback-release");

    final List<String> topics;

    Stage(String... topics) {
      this.topics = List.of(topics);
    }

    static Stage of(String topic) {
      for (Stage stage : values()) {
        if (stage.topics.contains(topic)) {
          return stage;
        }
      }
      throw new IllegalArgumentException("no stage for topic " + topic);
    }

    String label() {
      return name().toLowerCase();
    }
  }

  /** What a release of the soak asks for, so its end state is known before it starts. */
  enum Fate {
    APPROVED("succeeded"), REJECTED("failed"), BROKEN_MODEL("failed");

    final String endState;

    Fate(String endState) {
      this.endState = endState;
    }
  }

  private record SoakRelease(String id, String ref, Fate fate) {}

  private record Kill(int number, Stage aimedAt, Set<String> hit, Map<String, Integer> states, long restartMillis) {
    String line() {
      return "kill " + number + ": aimed at " + aimedAt.label() + ", hit " + hit + ", releases by state " + states
          + ", restarted in " + restartMillis + " ms";
    }
  }

  private static EmbeddedPostgres postgres;
  private static EngineProcess pipeline;

  @LocalServerPort
  int targetPort;

  private final Random random = new Random(SEED);
  private final List<SoakRelease> releases = new ArrayList<>();
  private final List<Kill> kills = new ArrayList<>();
  private final Set<String> decided = new HashSet<>();
  private JdbcClient db;
  private GitFixture git;

  @AfterAll
  static void stop() throws Exception {
    CrashPipeline.closeInOrder(pipeline, postgres);
  }

  @Test
  void releasesKilledAtRandomStagesEndAsTheyWouldHaveWithoutTheKills() throws Exception {
    System.out.println("KILL SOAK seed=" + SEED + " releases=" + RELEASES + " kills=" + KILLS
        + " (replay with -Dkills.seed=" + SEED + " -Dkills.releases=" + RELEASES + " -Dkills.count=" + KILLS + ")");
    postgres = EmbeddedPostgres.builder().start();
    db = JdbcClient.create(postgres.getPostgresDatabase());
    git = GitFixture.withSampleProducts();
    TargetEngineClient target = TargetEngine.client(TargetEngine.target(targetPort));
    pipeline = EngineProcess.start("kill-soak", CrashPipeline.properties(postgres, git,
        TargetEngine.restUrl(targetPort).toString(), ADMIN_PASSWORD));
    CrashPipeline.createApprover(admin(), APPROVER_PASSWORD);
    Map<String, List<String>> before = CrashPipeline.pipelineDeployments(target);
    long started = System.nanoTime();

    List<Stage> plan = killPlan();
    for (int k = 0; k < KILLS; k++) {
      startReleases(slice(k), true);
      killAt(k + 1, plan.get(k));
    }
    startReleases(RELEASES - releases.size(), false);
    await().atMost(Duration.ofMinutes(10 + RELEASES / 2)).pollInterval(Duration.ofMillis(500))
        .until(() -> {
          decideApprovals(false);
          return unfinished().isEmpty();
        });
    long seconds = (System.nanoTime() - started) / 1_000_000_000;

    String report = report(seconds);
    System.out.println(report);
    Files.writeString(pipeline.log().resolveSibling("kill-soak.txt"), report, StandardCharsets.UTF_8);
    assertEveryReleaseEndedAsPlanned(report);
    assertOneDeploymentPerProductPerSucceededRelease(target, before, report);
    assertNothingLeftBehind(report);
    assertThat(kills.stream().flatMap(kill -> kill.hit().stream()).collect(Collectors.toSet()))
        .as("stages the kills hit; " + report)
        .containsAll(List.of("fetch", "validate", "test", "approval", "deploy", "verify"));
  }

  // --- the kills

  /** Each of the six stages once, in a seeded order, then seeded picks for the kills beyond six. */
  private List<Stage> killPlan() {
    List<Stage> six = new ArrayList<>(List.of(Stage.FETCH, Stage.VALIDATE, Stage.TEST, Stage.APPROVAL,
        Stage.DEPLOY, Stage.VERIFY));
    Collections.shuffle(six, random);
    List<Stage> plan = new ArrayList<>(six);
    while (plan.size() < KILLS) {
      plan.add(six.get(random.nextInt(six.size())));
    }
    return plan;
  }

  /**
   * Waits until the aimed stage is at work (an external task of its topics locked, or for the approval a
   * decision just submitted), lets a seeded moment pass, SIGKILLs the pipeline and starts it again. The
   * stages hit are read from the engine's tables after the kill: the locks the dead process held then.
   */
  private void killAt(int number, Stage aim) throws InterruptedException {
    long deadline = System.nanoTime() + STAGE_WAIT.toNanos();
    boolean approvalJustDecided = false;
    while (System.nanoTime() < deadline) {
      if (aim == Stage.APPROVAL) {
        if (decideApprovals(true) > 0) {
          approvalJustDecided = true;
          Thread.sleep(random.nextInt(400));
          break;
        }
      } else {
        decideApprovals(false);
        if (lockedStagesAt(new Timestamp(System.currentTimeMillis())).contains(aim.label())) {
          Thread.sleep(random.nextInt(aim == Stage.FETCH ? 100 : 300));
          break;
        }
      }
      Thread.sleep(50);
    }
    Timestamp killedAt = new Timestamp(System.currentTimeMillis());
    pipeline.kill();
    Set<String> hit = new TreeSet<>(lockedStagesAt(killedAt));
    if (approvalJustDecided) {
      hit.add(Stage.APPROVAL.label());
    }
    Map<String, Integer> states = releasesByState();
    long restart = System.nanoTime();
    pipeline.restart();
    kills.add(new Kill(number, aim, hit, states, (System.nanoTime() - restart) / 1_000_000));
  }

  /** The stages whose external task was locked (being worked on) at {@code moment}. */
  private Set<String> lockedStagesAt(Timestamp moment) {
    return db.sql("SELECT DISTINCT topic_name_ FROM act_ru_ext_task WHERE worker_id_ IS NOT NULL "
            + "AND lock_exp_time_ > :moment").param("moment", moment).query(String.class).list().stream()
        .map(topic -> Stage.of(topic).label()).collect(Collectors.toCollection(TreeSet::new));
  }

  // --- the releases, as people drive them

  /** The releases started before kill {@code k}: an even share, so every kill has fresh ones in flight. */
  private int slice(int k) {
    return Math.max(1, (RELEASES - releases.size()) / (KILLS - k + 1));
  }

  /**
   * The last release has a broken model and every fourth from release 2 is rejected; the others are approved. But the
   * first release started for a kill is always approved: whatever stage the kill aims at, deploy and verify
   * included, a release in flight then reaches it. (With the broken one second, a kill aimed at the test stage
   * could find only it in flight, failed at validate, and hit nothing.)
   */
  private Fate fate(int n, boolean firstForAKill) {
    if (firstForAKill) {
      return Fate.APPROVED;
    }
    return n == RELEASES - 1 ? Fate.BROKEN_MODEL : n % 4 == 2 ? Fate.REJECTED : Fate.APPROVED;
  }

  /** Starts {@code count} releases; {@code forAKill}: the kill that follows aims at them. */
  private void startReleases(int count, boolean forAKill) {
    for (int i = 0; i < count && releases.size() < RELEASES; i++) {
      int n = releases.size();
      Fate fate = fate(n, forAKill && i == 0);
      String label = "soak-" + SEED % 10_000 + "-" + n;
      String sha = git.commit("Release " + label, Map.of(
          "Genesis/bpmn/pedido.bpmn", fate == Fate.BROKEN_MODEL ? GitFixture.resource("fixtures/broken-pedido.bpmn")
              : CrashPipeline.pedido(label),
          "Prometheus/bpmn/triagem.bpmn", CrashPipeline.triagem(label)));
      String ref = "r-" + label;
      Api.Response started = admin().post("/api/releases", CrashPipeline.releaseRequest(ref, sha));
      assertThat(started.status()).as(started.body()).isEqualTo(202);
      releases.add(new SoakRelease(started.json().path("id").asText(), ref, fate));
    }
  }

  /**
   * Decides the open approval tasks as the approver, each as its release's fate says: one at a time, and an
   * approval only while no approved release is still deploying, as a team deploys to one environment (two
   * releases of the same products deploying at once would each see the other's versions as drift). With
   * {@code one}, stops after the first decision. Answers how many it decided.
   */
  private int decideApprovals(boolean one) {
    List<Map<String, Object>> open = db.sql("SELECT t.id_ AS task, p.business_key_ AS ref FROM act_ru_task t "
        + "JOIN act_hi_procinst p ON p.id_ = t.proc_inst_id_ WHERE t.task_def_key_ = 'Task_ApproveRelease' "
        + "ORDER BY t.create_time_").query().listOfRows();
    Api approver = pipeline.as(CrashPipeline.APPROVER, APPROVER_PASSWORD);
    int count = 0;
    for (Map<String, Object> task : open) {
      SoakRelease release = byRef(String.valueOf(task.get("ref")));
      boolean approve = release.fate() == Fate.APPROVED;
      if (approve && deploying()) {
        continue;
      }
      Api.Response decision = CrashPipeline.decide(approver, String.valueOf(task.get("task")), approve,
          approve ? "Conferido" : "Fora do escopo da sprint");
      assertThat(decision.status()).as(decision.body()).isEqualTo(204);
      decided.add(release.ref());
      count++;
      if (one) {
        break;
      }
    }
    return count;
  }

  /** An approved release that has not ended yet. */
  private boolean deploying() {
    return releases.stream().filter(r -> r.fate() == Fate.APPROVED && decided.contains(r.ref()))
        .anyMatch(r -> !END_STATES.contains(stateOf(r)));
  }

  private String stateOf(SoakRelease release) {
    return db.sql("SELECT state FROM release_run WHERE id = :id").param("id", release.id()).query(String.class)
        .single();
  }

  private SoakRelease byRef(String ref) {
    return releases.stream().filter(r -> r.ref().equals(ref)).findFirst()
        .orElseThrow(() -> new IllegalStateException("an approval task of no soak release: " + ref));
  }

  private List<SoakRelease> unfinished() {
    return releases.stream().filter(r -> !END_STATES.contains(stateOf(r))).toList();
  }

  private Map<String, Integer> releasesByState() {
    Map<String, Integer> byState = new java.util.TreeMap<>();
    db.sql("SELECT state, count(*) AS n FROM release_run GROUP BY state").query()
        .listOfRows().forEach(row -> byState.put(String.valueOf(row.get("state")), ((Number) row.get("n")).intValue()));
    return byState;
  }

  // --- what must hold afterwards

  private void assertEveryReleaseEndedAsPlanned(String report) {
    assertThat(releases).hasSize(RELEASES);
    for (SoakRelease release : releases) {
      JsonNode shown = release(release.id());
      assertThat(shown.path("state").asText()).as(release + " " + shown.toPrettyString() + "\n" + report)
          .isEqualTo(release.fate().endState);
      assertThat(CrashPipeline.historyKinds(shown)).as("the end in the history of " + release.ref())
          .containsOnlyOnce(release.fate().endState);
      if (release.fate() != Fate.BROKEN_MODEL) {
        assertThat(CrashPipeline.historyKinds(shown)).as("the approval in the history of " + release.ref())
            .containsOnlyOnce("approval-requested", release.fate() == Fate.APPROVED ? "approved" : "rejected");
      }
      if (release.fate() == Fate.APPROVED) {
        assertThat(shown.at("/implantar/status").asText()).as(release.ref()).isEqualTo("sucesso");
        assertThat(shown.at("/implantar/etapas/verify/status").asText()).as(release.ref()).isEqualTo("success");
      }
      if (release.fate() == Fate.REJECTED) {
        assertThat(shown.at("/aprovacao/aprovado").asBoolean(true)).as(release.ref()).isFalse();
      }
      int approvalTasks = db.sql("SELECT count(*) FROM act_hi_taskinst t JOIN act_hi_procinst p "
              + "ON p.id_ = t.proc_inst_id_ WHERE t.task_def_key_ = 'Task_ApproveRelease' AND p.business_key_ = :ref")
          .param("ref", release.ref()).query(Integer.class).single();
      assertThat(approvalTasks).as("approval tasks of " + release.ref())
          .isEqualTo(release.fate() == Fate.BROKEN_MODEL ? 0 : 1);
    }
  }

  private void assertOneDeploymentPerProductPerSucceededRelease(TargetEngineClient target,
      Map<String, List<String>> before, String report) {
    List<SoakRelease> succeeded = releases.stream().filter(r -> r.fate() == Fate.APPROVED).toList();
    Map<String, List<String>> after = CrashPipeline.pipelineDeployments(target);
    List<String> made = new ArrayList<>();
    for (String product : CrashPipeline.PRODUCTS) {
      List<String> mine = new ArrayList<>(after.get(product));
      mine.removeAll(before.get(product));
      assertThat(mine).as("deployments of " + product + " on the target; " + report).hasSize(succeeded.size());
      made.addAll(mine);
    }
    List<String> claimed = new ArrayList<>();
    for (SoakRelease release : succeeded) {
      List<String> created = CrashPipeline.createdDeploymentIds(release(release.id()));
      assertThat(created).as("deployments created by " + release.ref()).hasSize(CrashPipeline.PRODUCTS.size());
      claimed.addAll(created);
    }
    assertThat(claimed).as("each deployment on the target belongs to one release")
        .containsExactlyInAnyOrderElementsOf(made);
  }

  private void assertNothingLeftBehind(String report) {
    assertThat(db.sql("SELECT state FROM release_run").query(String.class).list()).as(report)
        .allMatch(END_STATES::contains);
    assertThat(db.sql("SELECT d.key_ || ' ' || p.business_key_ FROM act_hi_procinst p JOIN act_re_procdef d "
        + "ON d.id_ = p.proc_def_id_ WHERE p.end_time_ IS NULL").query(String.class).list())
        .as("process instances still running; " + report).isEmpty();
    assertThat(db.sql("SELECT incident_msg_ FROM act_ru_incident").query(String.class).list())
        .as("open incidents; " + report).isEmpty();
    assertThat(db.sql("SELECT count(*) FROM act_ru_ext_task").query(Integer.class).single()).isZero();
  }

  private String report(long seconds) {
    StringBuilder report = new StringBuilder("seed=" + SEED + " releases=" + RELEASES + " kills=" + KILLS
        + " elapsed_s=" + seconds + "\n");
    kills.forEach(kill -> report.append(kill.line()).append('\n'));
    Map<String, Integer> byFate = new LinkedHashMap<>();
    releases.forEach(r -> byFate.merge(r.fate() + "->" + stateOf(r), 1, Integer::sum));
    report.append("end states by fate: ").append(byFate).append('\n');
    report.append("stage failures logged (retries spent): ").append(db.sql("SELECT topic_name_ || ': ' || "
        + "coalesce(error_msg_, '') FROM act_hi_ext_task_log WHERE state_ = 1").query(String.class).list()).append('\n');
    return report.toString();
  }

  private static JsonNode release(String id) {
    return CrashPipeline.release(admin(), id);
  }

  private static Api admin() {
    return pipeline.as("admin", ADMIN_PASSWORD);
  }
}
