package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/** A release from a Git commit through validar, the approval in Tasklist, and a verified deployment. */
class ReleaseLifecycleTest extends PipelineApplicationTest {

  @Test
  void approvedReleaseIsDeployedToTheTargetAndVerified() {
    String ref = uniqueRef("r");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));

    JsonNode waiting = awaitState(id, "awaiting_approval");
    JsonNode validar = waiting.path("validar");
    assertThat(validar.path("status").asText()).isEqualTo("sucesso");
    assertThat(validar.path("modo").asText()).isEqualTo("validar");
    assertThat(validar.at("/etapas/validate/status").asText()).isEqualTo("success");
    assertThat(validar.at("/etapas/validate/erros")).isEmpty();
    assertThat(validar.at("/etapas/test/status").asText()).isEqualTo("success");
    // the sample products' own tests: two order scenarios, two discount cases, one ticket scenario
    assertThat(validar.at("/etapas/test/passou").asInt()).isEqualTo(5);
    assertThat(validar.at("/etapas/test/falhou").asInt()).isZero();
    assertThat(validar.at("/etapas/test/cobertura").asDouble()).isEqualTo(100.0);
    assertThat(validar.at("/etapas/test/por_tipo/cenarios/passou").asInt()).isEqualTo(3);
    assertThat(validar.at("/etapas/test/por_tipo/decisoes/passou").asInt()).isEqualTo(2);
    assertThat(validar.at("/etapas/test/cobertura_detalhe/processos")).extracting(p -> p.path("key").asText())
        .containsExactlyInAnyOrder("pedido", "triagem");
    Api.Response coveragePage = as("alice").get(validar.at("/etapas/test/relatorio_html").asText());
    assertThat(coveragePage.status()).isEqualTo(200);
    assertThat(coveragePage.header("content-type")).startsWith("text/html");
    Api.Response junit = as("alice").get(validar.at("/etapas/test/relatorio_junit").asText());
    assertThat(junit.body()).contains("<testsuites", "tests/Genesis/pedido.json");
    // the sample repository has no CHANGELOG entry for this ref and no README or rollback plan
    assertThat(validar.at("/regra_de_ouro/veredito").asText()).isEqualTo("aprovado com ressalvas");
    assertThat(validar.at("/regra_de_ouro/criterios").findValuesAsText("criterio")).contains("tests", "changelog");
    assertThat(waiting.path("artifacts")).hasSize(5)
        .allSatisfy(a -> assertThat(a.path("sha256").asText()).hasSize(64));

    String task = approvalTaskId("bob", ref);
    Api.Response form = as("bob").get("/engine-rest/task/" + task + "/deployed-form");
    assertThat(form.status()).as(form.body()).isEqualTo(200);
    assertThat(form.json().path("id").asText()).isEqualTo("aprovarRelease");
    JsonNode evidence = as("bob").get("/engine-rest/task/" + task + "/form-variables").json();
    assertThat(evidence.at("/gateVerdict/value").asText()).isEqualTo("aprovado com ressalvas");
    assertThat(evidence.at("/gateSummary/value").asText()).contains("| changelog | FAIL | 5 |");
    assertThat(evidence.at("/artifactsSummary/value").asText()).contains("Genesis/bpmn/pedido.bpmn");
    assertThat(evidence.at("/testsPassed/value").asInt()).isEqualTo(5);

    Api.Response approved = decide("bob", task, true, "Conferido");
    assertThat(approved.status()).as(approved.body()).isEqualTo(204);

    JsonNode done = awaitState(id, "succeeded");
    assertThat(done.at("/aprovacao/aprovado").asBoolean()).isTrue();
    assertThat(done.at("/aprovacao/por").asText()).isEqualTo("bob");
    assertThat(done.at("/aprovacao/comentario").asText()).isEqualTo("Conferido");
    JsonNode implantar = done.path("implantar");
    assertThat(implantar.path("status").asText()).isEqualTo("sucesso");
    assertThat(implantar.at("/etapas/deploy/status").asText()).isEqualTo("success");
    assertThat(implantar.at("/etapas/deploy/deployment_id").asText()).isNotBlank();
    assertThat(implantar.at("/etapas/verify/status").asText()).isEqualTo("success");
    List<String> checks = new ArrayList<>();
    implantar.at("/etapas/verify/checks").forEach(c -> {
      // Another test may have deployed these very bytes already: then nothing is new and nothing is watched.
      boolean nothingNewToWatch = c.path("name").asText().equals("incident-watch")
          && c.path("detail").asText().contains("created no process definition");
      // The fixture repository has no smoke files; SmokeRunsTest runs them on a target.
      boolean noSmokeFiles = c.path("name").asText().equals("smoke:*")
          && c.path("detail").asText().contains("no smoke files");
      assertThat(c.path("status").asText()).as(c.toString())
          .isEqualTo(nothingNewToWatch || noSmokeFiles ? "skipped" : "passed");
      checks.add(c.path("name").asText());
    });
    assertThat(checks).contains("target-health", "checksum:Genesis/bpmn/pedido.bpmn",
        "definition:Genesis/bpmn/pedido.bpmn", "definition:Genesis/dmn/desconto.dmn",
        "checksum:Prometheus/forms/chamado.html", "drift:pedido", "smoke:*", "incident-watch");

    Api.Response deployments = as(ADMIN).get("/engine-rest/deployment?name=Genesis&source=prometheus-pipeline");
    assertThat(deployments.json()).isNotEmpty();
    Api.Response definitions = as(ADMIN).get("/engine-rest/process-definition?key=pedido&latestVersion=true");
    assertThat(definitions.json()).hasSize(1);
  }

  @Test
  void releaseOfUnchangedFilesDeploysNothingNew() {
    String sha = git.head();
    runToSuccess(uniqueRef("first"), sha);
    int before = as(ADMIN).get("/engine-rest/deployment?source=prometheus-pipeline").json().size();

    JsonNode second = runToSuccess(uniqueRef("again"), sha);

    assertThat(as(ADMIN).get("/engine-rest/deployment?source=prometheus-pipeline").json()).hasSize(before);
    second.at("/implantar/etapas/deploy/deployments")
        .forEach(d -> assertThat(d.path("created").asBoolean()).as(d.toString()).isFalse());
    assertThat(second.at("/implantar/etapas/verify/status").asText()).isEqualTo("success");
  }

  @Test
  void modelWithErrorsFailsValidarWithEveryErrorAndWhereItIs() {
    String sha = git.commit("Broken order process", Map.of(
        "Genesis/bpmn/pedido-quebrado.bpmn", GitFixture.resource("fixtures/broken-pedido.bpmn")));
    String id = startValidar("alice", uniqueRef("broken"), "bpmn:Genesis/bpmn/pedido-quebrado.bpmn@" + sha);

    JsonNode failed = awaitState(id, "failed");
    JsonNode validar = failed.path("validar");
    assertThat(validar.path("status").asText()).isEqualTo("falha");
    assertThat(validar.at("/etapas/validate/status").asText()).isEqualTo("failed");
    assertThat(validar.at("/etapas/test/status").asText()).isEqualTo("skipped");
    JsonNode erros = validar.at("/etapas/validate/erros");
    assertThat(erros.size()).as(erros.toString()).isGreaterThanOrEqualTo(2);
    assertThat(erros).allSatisfy(e -> {
      assertThat(e.path("file").asText()).isEqualTo("Genesis/bpmn/pedido-quebrado.bpmn");
      assertThat(e.path("line").asInt()).as(e.toString()).isPositive();
    });
    assertThat(erros).anySatisfy(e -> {
      assertThat(e.path("elementId").asText()).isEqualTo("Task_ConferirPedido");
      assertThat(e.path("line").asInt()).isEqualTo(10);
    });
    // validar no longer stops at the errors: the Regra de Ouro rejects the release and says why.
    String errorsReason = "Validation found " + erros.size() + " error(s); fix them and run validar again.";
    assertThat(failed.path("state_reason").asText()).contains("Release gate failed").contains(errorsReason);
    assertThat(validar.path("motivo").asText()).contains(errorsReason);
    assertThat(validar.at("/regra_de_ouro/veredito").asText()).isEqualTo("reprovado");
    assertThat(validar.at("/regra_de_ouro/motivos")).extracting(JsonNode::asText)
        .contains("fail validation: " + errorsReason);
    assertThat(failed.path("implantar").isNull()).isTrue();
    assertThreeReportsAreServed(validar.at("/etapas/validate"));
  }

  private void assertThreeReportsAreServed(JsonNode etapa) {
    Api.Response json = as("alice").get(etapa.path("relatorio").asText());
    assertThat(json.status()).isEqualTo(200);
    assertThat(json.header("Content-Type")).startsWith("application/json");
    assertThat(json.json().path("errors").asInt()).isEqualTo(etapa.path("erros").size());
    assertThat(json.json().at("/findings/0/docs").asText()).startsWith("/api/rules/");

    Api.Response sarif = as("alice").get(etapa.path("relatorio_sarif").asText());
    assertThat(sarif.status()).isEqualTo(200);
    assertThat(sarif.header("Content-Type")).startsWith("application/sarif+json");
    assertThat(sarif.json().path("version").asText()).isEqualTo("2.1.0");
    JsonNode results = sarif.json().at("/runs/0/results");
    JsonNode findings = json.json().path("findings");
    assertThat(results.size()).isEqualTo(findings.size());
    for (int i = 0; i < results.size(); i++) {
      // The engine's messages and our fixes carry non-ASCII text ("—", "›"): it must arrive as written.
      assertThat(results.get(i).at("/message/text").asText())
          .isEqualTo(findings.get(i).path("message").asText() + " Fix: " + findings.get(i).path("fix").asText());
    }

    Api.Response html = as("alice").get(etapa.path("relatorio_html").asText());
    assertThat(html.status()).isEqualTo(200);
    assertThat(html.header("Content-Type")).startsWith("text/html");
    assertThat(html.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(html.body()).contains("Genesis/bpmn/pedido-quebrado.bpmn", "class=\"diagram-data\"");
  }

  @Test
  void unknownCommitFailsTheRunWithAClearError() {
    String id = startValidar("alice", uniqueRef("ghost"),
        "bpmn:Genesis/bpmn/pedido.bpmn@0123456789abcdef0123456789abcdef01234567");

    JsonNode failed = awaitState(id, "failed");
    assertThat(failed.at("/validar/etapas/validate/erros/0/message").asText())
        .contains("0123456", "not found", "pipeline.source.repository")
        .as("the repository's place on the server is the server's business")
        .doesNotContain(java.net.URI.create(git.uri()).getPath());
  }

  @Test
  void rejectionEndsTheReleaseAsFalhaWithTheComment() {
    String ref = uniqueRef("rejected");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));
    awaitState(id, "awaiting_approval");

    Api.Response rejected = decide("bob", approvalTaskId("bob", ref), false, "Falta o plano de rollback");
    assertThat(rejected.status()).as(rejected.body()).isEqualTo(204);

    JsonNode failed = awaitState(id, "failed");
    assertThat(failed.at("/aprovacao/aprovado").asBoolean()).isFalse();
    assertThat(failed.at("/aprovacao/comentario").asText()).isEqualTo("Falta o plano de rollback");
    assertThat(failed.path("state_reason").asText()).contains("Release rejected").contains("plano de rollback");
    assertThat(failed.path("implantar").isNull()).isTrue();
  }

  @Test
  void rejectionWithoutACommentIsRefused() {
    String ref = uniqueRef("silent");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));
    awaitState(id, "awaiting_approval");

    Api.Response refused = decide("bob", approvalTaskId("bob", ref), false, null);

    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).contains("comentario");
    assertThat(release(id).path("state").asText()).isEqualTo("awaiting_approval");
  }

  @Test
  void theRequesterCannotApproveTheirOwnRelease() {
    String ref = uniqueRef("own");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));
    awaitState(id, "awaiting_approval");
    String task = approvalTaskId("alice", ref);

    Api.Response claim = as("alice").post("/engine-rest/task/" + task + "/claim", "{\"userId\":\"alice\"}");
    assertThat(claim.status()).as(claim.body()).isEqualTo(403);
    assertThat(claim.json().path("message").asText()).contains("Four-eyes");
    Api.Response refused = decide("alice", task, true, "Eu mesma aprovo");

    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(refused.json().path("message").asText()).contains("Four-eyes").contains("alice");
    assertThat(release(id).path("state").asText()).isEqualTo("awaiting_approval");
    assertThat(decide("bob", task, true, "Conferido por outra pessoa").status()).isEqualTo(204);
    awaitState(id, "succeeded");
  }

  @Test
  void aGeneratedArtifactWithALowConfiancaNeedsTwoDistinctApprovers() {
    if (engine.getIdentityService().createUserQuery().userId("erin").count() == 0) {
      User erin = engine.getIdentityService().newUser("erin");
      erin.setPassword(PASSWORD);
      engine.getIdentityService().saveUser(erin);
      engine.getIdentityService().createMembership("erin", "ms-produto");
    }
    String ref = uniqueRef("quorum");
    String body = contexto("validar", ref, sampleArtifacts(git.head()))
        .replaceFirst("\"sha\":\"([0-9a-f]+)\"}", "\"sha\":\"$1\",\"confianca\":0.5}");
    Api.Response started = as("alice").post("/api/releases", body);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String id = started.json().path("id").asText();

    JsonNode waiting = awaitState(id, "awaiting_approval");
    assertThat(waiting.path("state_reason").asText()).isEqualTo("waiting for ms-produto: 0 of 2 approvals;"
        + " 2 approvers because a generated artifact has confianca 0.5");
    assertThat(waiting.path("aprovacoes").path("quorum").asInt()).isEqualTo(2);
    assertThat(waiting.path("validar").path("aprovacoes").path("quorum").asInt()).isEqualTo(2);
    assertThat(decide("bob", approvalTaskId("bob", ref), true, "Revisado").status()).isEqualTo(204);

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(release(id).path("state_reason").asText())
        .startsWith("waiting for ms-produto: 1 of 2 approvals (bob);"));
    assertThat(release(id).path("aprovacoes").path("aprovadores")).extracting(JsonNode::asText).containsExactly("bob");
    Api.Response again = decide("bob", approvalTaskId("bob", ref), true, "De novo");
    assertThat(again.status()).as(again.body()).isEqualTo(403);
    assertThat(again.json().path("message").asText()).contains("bob already approved");
    assertThat(decide("alice", approvalTaskId("alice", ref), true, "Minha").status()).isEqualTo(403);
    Api.Response second = decide("erin", approvalTaskId("erin", ref), true, "Revisado também");
    assertThat(second.status()).as(second.body()).isEqualTo(204);

    JsonNode done = awaitState(id, "succeeded");
    assertThat(done.path("aprovacao").path("por").asText()).isEqualTo("erin");
    assertThat(done.path("history")).anySatisfy(event ->
        assertThat(event.path("message").asText()).isEqualTo("Approved by bob (1 of 2 approvals): Revisado"));
  }

  @Test
  void anApprovalLeftOpenExpiresAndTheReleaseFails() {
    String ref = uniqueRef("expired");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));
    JsonNode waiting = awaitState(id, "awaiting_approval");

    fireTimer(waiting.path("process_instance_id").asText(), "Timer_ApprovalExpired");

    JsonNode failed = awaitState(id, "failed");
    assertThat(failed.path("state_reason").asText()).contains("Approval expired");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(ref).count()).isZero();
  }

  @Test
  void theReminderNotifiesApproversAndLeavesTheTaskOpen() {
    String ref = uniqueRef("remind");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));
    JsonNode waiting = awaitState(id, "awaiting_approval");

    fireTimer(waiting.path("process_instance_id").asText(), "Timer_ApprovalReminder");

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(notifications.bodies())
        .anySatisfy(body -> assertThat(body).contains(ref).contains("reminder").contains("ms-produto")));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(release(id).path("history"))
        .anySatisfy(e -> assertThat(e.path("kind").asText()).isEqualTo("reminder")));
    assertThat(release(id).path("state").asText()).isEqualTo("awaiting_approval");
  }

  @Test
  void escalationAddsTheManagersAndRaisesThePriority() {
    String ref = uniqueRef("escalate");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));
    JsonNode waiting = awaitState(id, "awaiting_approval");

    fireTimer(waiting.path("process_instance_id").asText(), "Timer_ApprovalEscalation");

    Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(ref)
        .taskDefinitionKey("Task_ApproveRelease").singleResult();
    assertThat(task.getPriority()).isGreaterThan(50);
    assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
        .extracting(IdentityLink::getGroupId).contains("ms-produto", "ms-produto-gestores");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(notifications.bodies())
        .anySatisfy(body -> assertThat(body).contains(ref).contains("escalation")));
  }

  @Test
  void anUnreachableRepositoryIsTriedThreeTimesAndThenRaisesAnIncident() {
    String ref = uniqueRef("unreachable");
    String id = startValidar("alice", ref, "worker:worker/anthropic@" + git.head());

    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
      ProcessInstance validar = engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceBusinessKey(ref).processDefinitionKey("validar").singleResult();
      assertThat(validar).isNotNull();
      assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(validar.getId()).list())
          .singleElement()
          .satisfies(incident -> {
            assertThat(incident.getIncidentType()).isEqualTo("failedExternalTask");
            assertThat(incident.getActivityId()).isEqualTo("Task_FetchArtifacts");
            // The cause, naming the repository as configured; its path on this server is not the release's.
            assertThat(incident.getIncidentMessage())
                .startsWith("cannot clone pipeline.source.workers-repository: ").doesNotContain("pipeline-gone");
          });
    });
    ProcessInstance validar = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(ref).processDefinitionKey("validar").singleResult();
    ExternalTask fetch = engine.getExternalTaskService().createExternalTaskQuery()
        .processInstanceId(validar.getId()).topicName("pipeline.fetch").singleResult();
    assertThat(fetch.getRetries()).isZero();
    JsonNode stuck = release(id);
    assertThat(stuck.path("state").asText()).isEqualTo("running");
    assertThat(stuck.path("incidents")).singleElement()
        .satisfies(incident -> {
          assertThat(incident.path("activity").asText()).isEqualTo("Task_FetchArtifacts");
          assertThat(incident.path("message").asText()).startsWith("cannot clone pipeline.source.workers-repository")
              .doesNotContain("pipeline-gone");
        });
    // carol may read releases but not their process instances: the incident is there, and not hers to see.
    assertThat(as("carol").get("/api/releases/" + id).json().path("incidents")).isEmpty();
  }

  @Test
  void aModelDeployedBesideThePipelineIsReportedAsDriftUntilItIsGone() {
    JsonNode released = runToSuccess(uniqueRef("drift"), git.head());
    assertThat(anonymous().get("/api/environments/producao/drift").status()).isEqualTo(401);
    assertThat(as("alice").get("/api/environments/staging/drift").status()).isEqualTo(404);
    JsonNode clean = as("alice").get("/api/environments/producao/drift").json();
    assertThat(clean.path("release_id").asText()).isEqualTo(released.path("id").asText());
    assertThat(clean.path("drifted").asBoolean()).as(clean.toString()).isFalse();
    assertThat(clean.path("keys")).extracting(k -> k.path("key").asText()).contains("pedido", "triagem", "desconto");

    // What the seed's script does: a newer pedido under its own deployment name, by an administrator at the console.
    var repository = engine.getRepositoryService();
    String current = repository.createProcessDefinitionQuery().processDefinitionKey("pedido").latestVersion()
        .singleResult().getId();
    byte[] handMade;
    try (var model = repository.getProcessModel(current)) {
      handMade = (new String(model.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          + "<!-- changed by hand -->").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    engine.getIdentityService().setAuthentication(ADMIN, List.of("camunda-admin"));
    String beside;
    try {
      beside = repository.createDeployment().name("deploy-camunda").source("deploy-camunda.sh")
          .addInputStream("pedido.bpmn", new java.io.ByteArrayInputStream(handMade)).deploy().getId();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    try {
      JsonNode drifted = as("alice").get("/api/environments/producao/drift").json();
      assertThat(drifted.path("drifted").asBoolean()).as(drifted.toString()).isTrue();
      assertThat(drifted.path("detail").asText()).contains("[pedido]");
      JsonNode pedido = java.util.stream.StreamSupport.stream(drifted.path("keys").spliterator(), false)
          .filter(k -> k.path("key").asText().equals("pedido")).findFirst().orElseThrow();
      assertThat(pedido.path("deployment").path("id").asText()).isEqualTo(beside);
      assertThat(pedido.path("deployment").path("deployment_time").asText()).isNotBlank();
      assertThat(pedido.path("deployed_by").asText()).isEqualTo(ADMIN);
      assertThat(pedido.path("detail").asText()).contains("from deployment " + beside, "by " + ADMIN);
      assertThat(drifted.toString()).doesNotContain(ADMIN_PASSWORD);
    } finally {
      repository.deleteDeployment(beside, true);
    }
    assertThat(as("alice").get("/api/environments/producao/drift").json().path("drifted").asBoolean()).isFalse();
  }

  private JsonNode runToSuccess(String ref, String sha) {
    String id = startValidar("alice", ref, sampleArtifacts(sha));
    awaitState(id, "awaiting_approval");
    assertThat(decide("bob", approvalTaskId("bob", ref), true, "ok").status()).isEqualTo(204);
    return awaitState(id, "succeeded");
  }

  private void fireTimer(String processInstanceId, String timerId) {
    ManagementService management = engine.getManagementService();
    Job timer = management.createJobQuery().processInstanceId(processInstanceId).activityId(timerId).singleResult();
    assertThat(timer).as("timer " + timerId).isNotNull();
    management.executeJob(timer.getId());
  }
}
