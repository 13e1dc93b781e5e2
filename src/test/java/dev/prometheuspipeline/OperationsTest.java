package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Operations after real releases: the series at {@code /actuator/prometheus} (for the scrape user only), the
 * Grafana dashboard's queries against them, mail through a real SMTP server (GreenMail), the chat webhook's
 * JSON on a loopback receiver, and JSON log lines that carry the stage's trace id with tracing on.
 */
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureObservability
// Here, not in the dynamic properties: logging starts before those are added.
@TestPropertySource(properties = "logging.config=classpath:logback-json-test.xml")
class OperationsTest extends PipelineApplicationTest {
  private static final String SCRAPE_PASSWORD = "scrape-password-for-tests";
  private static final String SLACK_PATH = "/services/T000/B000/webhook-token-for-tests";
  private static final GreenMail smtp = startSmtp();
  private static final ChatWebhook chat = startChat();
  private static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void operations(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    registry.add("pipeline.notify.slack-url", () -> chat.url());
    registry.add("pipeline.notify.mail-to", () -> "release-ops@zarah.example");
    registry.add("pipeline.notify.mail-from", () -> "pipeline@zarah.example");
    registry.add("pipeline.public-url", () -> "http://localhost:" + port);
    registry.add("pipeline.metrics.password", () -> SCRAPE_PASSWORD);
    registry.add("pipeline.metrics.cache", () -> "0s");
    registry.add("management.tracing.enabled", () -> "true");
  }

  @Test
  void anApprovedReleaseIsCountedNotifiedAndLoggedWithItsTrace(CapturedOutput output) throws Exception {
    Map<String, Double> before = scrape();
    String ref = uniqueRef("ops");
    // Started inside a caller's trace: the request, and through the process every stage, join it.
    String traceId = "4bf92f3577b34da6a3ce929d0e0e" + Long.toHexString(System.nanoTime() & 0xffff | 0x1000);
    Api.Response started = as("alice").post("/api/releases", contexto("validar", ref, sampleArtifacts(git.head())),
        Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String id = started.json().path("id").asText();
    awaitState(id, "awaiting_approval");
    String task = approvalTaskId("bob", ref);
    String taskLink = "http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + task;
    String reportLink = "http://localhost:" + port + "/api/releases/" + id;

    MimeMessage requested = awaitMail("Approval requested: " + ref);
    // The approvers and the operators; not alice, who asked for the release and cannot approve it.
    assertThat(recipients(requested)).contains("bob@zarah.example", "release-ops@zarah.example")
        .doesNotContain("alice@zarah.example");
    assertThat(requested.getFrom()[0].toString()).isEqualTo("pipeline@zarah.example");
    assertThat(GreenMailUtil.getBody(requested)).contains(taskLink, reportLink, "waiting for approval by ms-produto");
    JsonNode requestedChat = awaitChat(ref, "Approval requested");
    assertThat(requestedChat.path("text").asText()).contains("<" + taskLink + "|Open in Tasklist>");
    assertThat(requestedChat.at("/blocks/1/elements").findValuesAsText("url")).containsExactly(taskLink, reportLink);
    // The links work: the task is the one Tasklist opens, the report answers the approver.
    assertThat(as("bob").get("/engine-rest/task/" + task).json().path("name").asText()).isEqualTo("Approve release");
    assertThat(as("bob").get(reportLink.substring(reportLink.indexOf("/api/"))).json().path("release_ref").asText())
        .isEqualTo(ref);
    assertThat(anonymous().get("/camunda/app/tasklist/default/").status()).isEqualTo(200);

    assertThat(decide("bob", task, true, "Conferido").status()).isEqualTo(204);
    awaitState(id, "succeeded");

    MimeMessage deployed = awaitMail("Release deployed: " + ref);
    // The requester hears the outcome; approvers are not mailed about it.
    assertThat(recipients(deployed)).containsExactlyInAnyOrder("alice@zarah.example", "release-ops@zarah.example");
    assertThat(GreenMailUtil.getBody(deployed)).contains("deployed and verified on producao", reportLink)
        .doesNotContain("tasklist");
    assertThat(awaitChat(ref, "Release deployed").at("/blocks/1/elements").findValuesAsText("url"))
        .containsExactly(reportLink);
    JsonNode requestedJson = notifications.bodies().stream().map(OperationsTest::json)
        .filter(n -> n.path("tipo").asText().equals("approval-requested") && n.path("release_ref").asText().equals(ref))
        .findFirst().orElseThrow(() -> new AssertionError("no approval-requested JSON for " + ref));
    assertThat(requestedJson.path("tarefas").get(0).asText()).isEqualTo(taskLink);
    assertThat(requestedJson.path("relatorio").asText()).isEqualTo(reportLink);

    Map<String, Double> after = await().atMost(Duration.ofSeconds(30)).until(this::scrape,
        now -> increase(before, now, "prometheus_pipeline_releases_succeeded_total{modo=\"implantar\",trigger=\"api\"}") == 1);
    assertThat(increase(before, after, "prometheus_pipeline_releases_started_total{modo=\"validar\",trigger=\"api\"}"))
        .isEqualTo(1);
    assertThat(increase(before, after, "prometheus_pipeline_releases_started_total{modo=\"implantar\",trigger=\"api\"}"))
        .isEqualTo(1);
    assertThat(increase(before, after, "prometheus_pipeline_releases_succeeded_total{modo=\"validar\",trigger=\"api\"}"))
        .isEqualTo(1);
    assertThat(increase(before, after, "prometheus_pipeline_releases_failed_total{modo=\"validar\",trigger=\"api\"}"))
        .isZero();
    for (String stage : List.of("fetch", "validate", "test", "sbom", "sign", "deploy-gate", "deploy", "verify")) {
      assertThat(increase(before, after, stageCount(stage, "success"))).as(stage).isEqualTo(1);
    }
    assertThat(after.get("prometheus_pipeline_stage_seconds_bucket{error=\"none\",outcome=\"success\",stage=\"validate\","
        + "le=\"+Inf\"}")).isNotNull();
    assertThat(increase(before, after, "prometheus_pipeline_deploys_total{ambiente=\"producao\",outcome=\"success\"}"))
        .isEqualTo(1);
    assertThat(increase(before, after,
        "prometheus_pipeline_approval_wait_seconds_count{approval=\"release\",decision=\"approved\"}")).isEqualTo(1);
    assertThat(increase(before, after, "prometheus_pipeline_lead_time_seconds_count")).isEqualTo(1);
    assertThat(after).containsKeys(
        "prometheus_pipeline_external_tasks_waiting{topic=\"pipeline.validate\"}",
        "prometheus_pipeline_incidents_open{type=\"failedExternalTask\"}",
        "prometheus_pipeline_backlog_lag_seconds{tipo=\"executar_pipeline\"}",
        "prometheus_pipeline_http_requests_waiting",
        "prometheus_pipeline_rollbacks_total{ambiente=\"producao\",kind=\"automatic\"}");

    // With tracing on, each stage's JSON log line carries its release, process instance, duration and trace.
    JsonNode validateLine = Arrays.stream(output.getOut().split("\n")).filter(line -> line.startsWith("{"))
        .map(OperationsTest::json).filter(line -> line.path("message").asText().startsWith("stage=validate release=" + ref))
        .findFirst().orElseThrow(() -> new AssertionError("no JSON stage line for " + ref));
    assertThat(validateLine.path("release").asText()).isEqualTo(ref);
    assertThat(validateLine.path("runId").asText()).isEqualTo(id);
    assertThat(validateLine.path("stage").asText()).isEqualTo("validate");
    assertThat(validateLine.path("processInstanceId").asText()).isNotBlank();
    assertThat(validateLine.path("durationMs").asLong()).isNotNegative();
    assertThat(validateLine.path("traceId").asText()).isEqualTo(traceId);
    // Every stage of validar and implantar, wherever its worker ran, in the caller's trace.
    List<JsonNode> stageLines = Arrays.stream(output.getOut().split("\n")).filter(line -> line.startsWith("{"))
        .map(OperationsTest::json).filter(line -> line.path("message").asText().matches("stage=\\S+ release=" + ref + " .*"))
        .filter(line -> line.has("durationMs")).toList();
    assertThat(stageLines).extracting(line -> line.path("stage").asText())
        .contains("fetch", "validate", "test", "sign", "deploy", "verify");
    assertThat(stageLines).extracting(line -> line.path("traceId").asText()).containsOnly(traceId);
  }

  @Test
  void anExpiredApprovalIsNotifiedAndCounted() throws Exception {
    Map<String, Double> before = scrape();
    String ref = uniqueRef("ops-expired");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));
    JsonNode waiting = awaitState(id, "awaiting_approval");
    awaitMail("Approval requested: " + ref);

    Job expiry = engine.getManagementService().createJobQuery()
        .processInstanceId(waiting.path("process_instance_id").asText()).activityId("Timer_ApprovalExpired")
        .singleResult();
    engine.getManagementService().executeJob(expiry.getId());
    awaitState(id, "failed");

    MimeMessage expired = awaitMail("Approval expired: " + ref);
    assertThat(recipients(expired)).containsExactlyInAnyOrder("alice@zarah.example", "release-ops@zarah.example");
    assertThat(awaitChat(ref, "Approval expired").path("text").asText()).contains("was not decided in time");
    Map<String, Double> after = await().atMost(Duration.ofSeconds(30)).until(this::scrape,
        now -> increase(before, now, "prometheus_pipeline_approvals_expired_total{approval=\"release\"}") == 1);
    assertThat(increase(before, after, "prometheus_pipeline_releases_started_total{modo=\"implantar\",trigger=\"api\"}"))
        .isZero();
  }

  /**
   * A manual rollback is an approval like a release's: left open, its approvers are reminded, then their managers
   * may decide too. Neither mail goes to alice, the release's author, nor to bob, who asked for the rollback.
   */
  @Test
  void aRollbackLeftOpenRemindsItsApproversThenEscalatesToTheirManagers() throws Exception {
    ensureUser(engine.getIdentityService(), "erin", "ms-produto");
    ensureUser(engine.getIdentityService(), "gina", "ms-produto-gestores");
    String ref = uniqueRef("ops-rollback");
    String id = deployedWithANewForm(ref);
    Api.Response asked = as("bob").post("/api/releases/" + id + "/rollback", "{\"motivo\":\"pedidos stuck\"}");
    assertThat(asked.status()).as(asked.body()).isEqualTo(202);
    String rollback = asked.json().at("/rollback/id").asText();
    String task = engine.getTaskService().createTaskQuery().processInstanceId(rollback).singleResult().getId();
    String taskLink = "http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + task;

    fire(rollback, "Timer_RollbackReminder");
    MimeMessage reminder = awaitMail("Rollback approval reminder: " + ref);
    assertThat(recipients(reminder)).contains("erin@zarah.example", "release-ops@zarah.example")
        .doesNotContain("alice@zarah.example", "bob@zarah.example", "gina@zarah.example");
    assertThat(GreenMailUtil.getBody(reminder)).contains("Reminder: the rollback of release " + ref, taskLink);
    assertThat(awaitChat(ref, "Rollback approval reminder").path("text").asText()).contains(taskLink);

    fire(rollback, "Timer_RollbackEscalation");
    MimeMessage escalation = awaitMail("Rollback approval escalated: " + ref);
    assertThat(recipients(escalation)).contains("gina@zarah.example", "erin@zarah.example")
        .doesNotContain("alice@zarah.example", "bob@zarah.example");
    assertThat(GreenMailUtil.getBody(escalation)).contains("Escalated: the rollback of release " + ref, taskLink);
    assertThat(release(id).path("history")).extracting(e -> e.path("kind").asText())
        .contains("rollback-reminder", "rollback-escalation");

    // The manager decides, as the escalation allows: the rollback runs.
    assertThat(decide("gina", task, true, "Approved by the manager on call").status()).isEqualTo(204);
    assertThat(awaitState(id, "rolled_back").at("/rollback/state").asText()).isEqualTo("rolled_back");
  }

  private void fire(String processInstanceId, String timerId) {
    Job timer = engine.getManagementService().createJobQuery().processInstanceId(processInstanceId)
        .activityId(timerId).singleResult();
    assertThat(timer).as("timer " + timerId).isNotNull();
    engine.getManagementService().executeJob(timer.getId());
  }

  @Test
  void metricsAreForTheScrapeUserAndAdministratorsOnly() {
    assertThat(anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
    assertThat(as("carol").get("/actuator/prometheus").status()).isEqualTo(401);
    // Not the scrape user with a wrong password: the engine would then hold its next logins back for seconds.
    assertThat(Api.as(port, "dave", "wrong-" + PASSWORD).get("/actuator/prometheus").status()).isEqualTo(401);
    assertThat(as(ADMIN).get("/actuator/prometheus").status()).isEqualTo(200);
    Api.Response scrape = Api.as(port, "pipeline-metrics", SCRAPE_PASSWORD).get("/actuator/prometheus");
    assertThat(scrape.status()).isEqualTo(200);
    assertThat(scrape.body()).doesNotContain(SCRAPE_PASSWORD, "webhook-token-for-tests");
    // The scrape user has no right in the engine itself: no task, no process instance is visible to it.
    assertThat(Api.as(port, "pipeline-metrics", SCRAPE_PASSWORD).get("/engine-rest/process-instance").json())
        .isEmpty();
    assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
  }

  @Test
  void everyDashboardQueryReadsSeriesTheApplicationExports() throws Exception {
    JsonNode dashboard = JSON.readTree(Path.of("docker/grafana/dashboards/prometheus-pipeline.json").toFile());
    List<String> exprs = dashboard.findValuesAsText("expr");
    assertThat(exprs).hasSizeGreaterThanOrEqualTo(12);
    // A release first, so that every stage's series exists.
    String id = startValidar("alice", uniqueRef("ops-dash"), sampleArtifacts(git.head()));
    awaitState(id, "awaiting_approval");
    TreeSet<String> exported = new TreeSet<>();
    scrape().keySet().forEach(series -> exported.add(series.replaceAll("\\{.*", "")));
    Matcher names = Pattern.compile("prometheus_pipeline_[a-z_]+").matcher(String.join("\n", exprs));
    List<String> missing = new ArrayList<>();
    while (names.find()) {
      if (!exported.contains(names.group())) {
        missing.add(names.group());
      }
    }
    assertThat(missing).as("exported: " + exported).isEmpty();
  }

  /** Longer than the other tests allow: four releases share this class, on a machine that may be busy. */
  @Override
  protected JsonNode awaitState(String id, String state) {
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
        .until(() -> release(id).path("state").asText(), state::equals);
    return release(id);
  }

  /** Every sample of the scrape, by series with its labels as exported. */
  private Map<String, Double> scrape() {
    Api.Response response = Api.as(port, "pipeline-metrics", SCRAPE_PASSWORD).get("/actuator/prometheus");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    Map<String, Double> samples = new java.util.HashMap<>();
    for (String line : response.body().split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return samples;
  }

  private static double increase(Map<String, Double> before, Map<String, Double> after, String series) {
    assertThat(after).as("series exported").containsKey(series);
    return after.get(series) - before.getOrDefault(series, 0.0);
  }

  private static String stageCount(String stage, String outcome) {
    return "prometheus_pipeline_stage_seconds_count{error=\"none\",outcome=\"" + outcome + "\",stage=\"" + stage + "\"}";
  }

  private static MimeMessage awaitMail(String subject) {
    return await().atMost(Duration.ofSeconds(60)).until(() -> Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> subject(m).endsWith(subject)).findFirst().orElse(null), m -> m != null);
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> recipients(MimeMessage message) throws jakarta.mail.MessagingException {
    return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
  }

  private static JsonNode awaitChat(String ref, String title) {
    return await().atMost(Duration.ofSeconds(60)).until(() -> chat.messages().stream()
        .filter(m -> m.at("/blocks/0/text/text").asText().startsWith("*" + title + "*"))
        .filter(m -> m.path("text").asText().contains(ref)).findFirst().orElse(null), m -> m != null);
  }

  private static JsonNode json(String line) {
    try {
      return JSON.readTree(line);
    } catch (java.io.IOException e) {
      return JSON.createObjectNode();
    }
  }

  /** On a free port other than the one reserved (and not yet bound) for the application. */
  private static GreenMail startSmtp() {
    while (true) {
      GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
      greenMail.start();
      if (greenMail.getSmtp().getPort() != port) {
        return greenMail;
      }
      greenMail.stop();
    }
  }

  private static ChatWebhook startChat() {
    while (true) {
      ChatWebhook webhook = ChatWebhook.start(SLACK_PATH);
      if (!webhook.url().contains(":" + port + "/")) {
        return webhook;
      }
      webhook.stop();
    }
  }
}
