package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Approvers see what they need and no more, and only approvers decide: through the engine REST API that
 * Tasklist itself calls, as the people of the tests (bob approves, alice requests, admin administers).
 */
class ApproverAccessTest extends PipelineApplicationTest {

  @Test
  void theApprovalsFilterShowsApproversTheReleaseRequesterAndVerdictButNotTheReleasesVariables() {
    String ref = uniqueRef("columns");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));
    JsonNode waiting = awaitState(id, "awaiting_approval", java.time.Duration.ofMinutes(4));

    Api.Response list = as("bob").post("/engine-rest/filter/" + approvalsFilter() + "/list", "{}",
        Map.of("Accept", "application/hal+json"));

    assertThat(list.status()).as(list.body()).isEqualTo(200);
    JsonNode task = StreamSupport.stream(list.json().at("/_embedded/task").spliterator(), false)
        .filter(t -> approvalTaskId("bob", ref).equals(t.path("id").asText())).findFirst().orElseThrow();
    Map<String, String> columns = new HashMap<>();
    task.at("/_embedded/variable").forEach(v -> columns.put(v.path("name").asText(), v.path("value").asText()));
    assertThat(columns).containsEntry("releaseRef", ref).containsEntry("requestedBy", "alice")
        .containsEntry("gateVerdict", waiting.at("/validar/regra_de_ouro/veredito").asText());
    String processInstance = task.path("processInstanceId").asText();
    Api.Response variables = as("bob").get("/engine-rest/process-instance/" + processInstance + "/variables");
    assertThat(variables.status()).as(variables.body()).isEqualTo(403);
    assertThat(as("bob").get("/engine-rest/variable-instance?processInstanceIdIn=" + processInstance).json())
        .allSatisfy(v -> assertThat(v.path("taskId").asText()).as(v.toString()).isNotEmpty());
  }

  @Test
  void anAdministratorWhoIsNoApproverCannotClaimAssignOrDecideAnApproval() {
    String ref = uniqueRef("admin");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));
    awaitState(id, "awaiting_approval", java.time.Duration.ofMinutes(4));
    String task = approvalTaskId(ADMIN, ref);

    Api.Response claim = as(ADMIN).post("/engine-rest/task/" + task + "/claim", "{\"userId\":\"admin\"}");
    Api.Response assign = as(ADMIN).post("/engine-rest/task/" + task + "/assignee", "{\"userId\":\"carol\"}");
    Api.Response decided = decide(ADMIN, task, true, "Administrators approve everything");

    assertThat(claim.status()).as(claim.body()).isEqualTo(403);
    assertThat(claim.json().path("message").asText()).contains("admin is in none of the candidate groups");
    assertThat(assign.status()).as(assign.body()).isEqualTo(403);
    assertThat(assign.json().path("message").asText()).contains("carol is in none of the candidate groups");
    assertThat(decided.status()).as(decided.body()).isEqualTo(403);
    assertThat(release(id).path("state").asText()).isEqualTo("awaiting_approval");
    // An approver still can, also when an administrator hands the task to them.
    assertThat(as(ADMIN).post("/engine-rest/task/" + task + "/assignee", "{\"userId\":\"bob\"}").status())
        .isEqualTo(204);
    assertThat(decide("bob", task, true, "Conferido").status()).isEqualTo(204);
  }

  @Test
  void onlyAdministratorsManageUsersAndGroups() {
    Api.Response create = as("bob").post("/engine-rest/user/create",
        "{\"profile\":{\"id\":\"mallory\"},\"credentials\":{\"password\":\"" + PASSWORD + "\"}}");
    Api.Response join = as("bob").put("/engine-rest/group/camunda-admin/members/bob", "{}");

    assertThat(create.status()).as(create.body()).isEqualTo(403);
    assertThat(join.status()).as(join.body()).isEqualTo(403);
    assertThat(engine.getIdentityService().createUserQuery().userId("mallory").count()).isZero();
    assertThat(engine.getIdentityService().createUserQuery().userId("bob").memberOfGroup("camunda-admin").count())
        .isZero();
  }

  private String approvalsFilter() {
    Api.Response filters = as("bob").get("/engine-rest/filter?resourceType=Task&itemCount=false");
    assertThat(filters.status()).as(filters.body()).isEqualTo(200);
    return StreamSupport.stream(filters.json().spliterator(), false)
        .filter(f -> "Release approvals".equals(f.path("name").asText())).findFirst().orElseThrow()
        .path("id").asText();
  }
}
