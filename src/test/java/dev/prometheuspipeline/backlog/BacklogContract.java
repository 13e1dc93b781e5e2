package dev.prometheuspipeline.backlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import dev.prometheuspipeline.GitFixture;
import dev.prometheuspipeline.PipelineApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The backlog contract of seed 004: executar_pipeline in, aprovar_release and validar_implantacao out.
 * Run on each database the application supports.
 */
abstract class BacklogContract extends PipelineApplicationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aValidarRowLeadsToAprovarReleaseAndAnImplantarRowToValidarImplantacao() throws Exception {
    String ref = uniqueRef("backlog");
    long validarRow = insertRow(contextoOf("validar", ref, sampleArtifacts(git.head())), null);

    Map<String, Object> aprovar = awaitEmitted("aprovar_release", ref);
    JsonNode aprovarContexto = JSON.readTree((String) aprovar.get("contexto"));
    assertThat(aprovarContexto.path("testes_passaram").asBoolean()).isTrue();
    assertThat(aprovarContexto.has("cobertura")).isTrue();
    assertThat(aprovar.get("status")).isEqualTo("pendente");
    Map<String, Object> validar = row(validarRow);
    assertThat(validar.get("status")).isEqualTo("concluido");
    JsonNode resultado = JSON.readTree((String) validar.get("resultado"));
    assertThat(resultado.path("status").asText()).isEqualTo("sucesso");
    assertThat(resultado.path("modo").asText()).isEqualTo("validar");
    assertThat(resultado.at("/etapas/test/passou").asInt()).isEqualTo(5);

    long implantarRow = insertSigned("{\"modo\":\"implantar\",\"release_ref\":\"" + ref + "\"}");

    Map<String, Object> verified = awaitEmitted("validar_implantacao", ref);
    JsonNode implantacao = JSON.readTree((String) verified.get("contexto"));
    assertThat(implantacao.path("deployment_id").asText()).isNotBlank();
    assertThat(implantacao.path("ambiente").asText()).isEqualTo("producao");
    await().atMost(Duration.ofSeconds(30)).until(() -> "concluido".equals(row(implantarRow).get("status")));
    JsonNode implantar = JSON.readTree((String) row(implantarRow).get("resultado"));
    assertThat(implantar.path("status").asText()).isEqualTo("sucesso");
    assertThat(implantar.at("/etapas/verify/status").asText()).isEqualTo("success");
    String runId = (String) row(validarRow).get("run_id");
    assertThat(release(runId).at("/aprovacao/por").asText()).isEqualTo(BACKLOG_ACCOUNT);
  }

  @Test
  void aRowThatIsNotJsonIsMarkedAsAnErrorWithTheReasonAndNotRetried() {
    long id = insertRow("{\"modo\": \"validar\", ", null);

    await().atMost(Duration.ofSeconds(30)).until(() -> "erro".equals(row(id).get("status")));
    assertThat((String) row(id).get("erro")).contains("not valid JSON");
    assertThat(row(id).get("run_id")).isNull();
  }

  @Test
  void aRowWithAnUnknownModoIsMarkedAsAnErrorNamingTheField() {
    long id = insertRow("{\"modo\":\"publicar\",\"release_ref\":\"r-x\",\"artefatos\":[]}", null);

    await().atMost(Duration.ofSeconds(30)).until(() -> "erro".equals(row(id).get("status")));
    assertThat((String) row(id).get("erro")).contains("contexto.modo").contains("publicar");
  }

  @Test
  void anImplantarRowForAnUnknownReleaseIsMarkedAsAnError() {
    long id = insertSigned("{\"modo\":\"implantar\",\"release_ref\":\"" + uniqueRef("nobody") + "\"}");

    await().atMost(Duration.ofSeconds(30)).until(() -> "erro".equals(row(id).get("status")));
    assertThat((String) row(id).get("erro")).contains("run modo validar");
  }

  @Test
  void theSeedsInsertShapeWithModoBesideContextoIsUnderstood() {
    String ref = uniqueRef("seedshape");
    String artefatos = contextoOf("validar", ref, sampleArtifacts(git.head()))
        .replace("\"modo\":\"validar\",", "");
    long id = insertRow("validar", artefatos, null);

    await().atMost(Duration.ofSeconds(30)).until(() -> "em_andamento".equals(row(id).get("status"))
        || "concluido".equals(row(id).get("status")));
    JsonNode started = release((String) row(id).get("run_id"));
    assertThat(started.path("release_ref").asText()).isEqualTo(ref);
    assertThat(started.path("requested_by").asText()).isEqualTo("backlog:PROMETHEUS (unverified)");
  }

  @Test
  void anApprovalRowThatProvesNoServiceAccountIsAnErrorAndTheReleaseKeepsWaiting() {
    String ref = uniqueRef("unproven");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));
    awaitState(id, "awaiting_approval", Duration.ofMinutes(4));
    String implantar = implantar(ref);
    String valid = sign(BACKLOG_SECRET, "implantar", BACKLOG_ACCOUNT, implantar);
    Map<String, Long> refused = Map.of(
        "missing", insertRow("implantar", implantar, BACKLOG_ACCOUNT, null),
        "forged", insertRow("implantar", implantar, BACKLOG_ACCOUNT, "ab".repeat(32)),
        "not hex", insertRow("implantar", implantar, BACKLOG_ACCOUNT, "approved-by-ms-produto"),
        "wrong secret", insertRow("implantar", implantar, BACKLOG_ACCOUNT,
            sign("another-secret-of-the-same-length-0123456", "implantar", BACKLOG_ACCOUNT, implantar)),
        "altered contexto", insertRow("implantar", implantar, BACKLOG_ACCOUNT,
            sign(BACKLOG_SECRET, "implantar", BACKLOG_ACCOUNT, implantar(uniqueRef("other")))),
        "altered modo", insertRow(null, implantar, BACKLOG_ACCOUNT, valid),
        "proof under another origem", insertRow("implantar", implantar, "MS_PRODUTO", valid),
        "the seed's unsigned row", insertRow("implantar", implantar, "MS_PRODUTO", null));

    refused.forEach((how, row) -> {
      await(how).atMost(Duration.ofSeconds(30)).until(() -> "erro".equals(row(row).get("status")));
      assertThat((String) row(row).get("erro")).as(how).startsWith("not signed by a configured service account")
          .doesNotContain(BACKLOG_SECRET);
    });
    JsonNode waiting = release(id);
    assertThat(waiting.path("state").asText()).isEqualTo("awaiting_approval");
    assertThat(waiting.path("aprovacao").isNull()).as(waiting.path("aprovacao").toString()).isTrue();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(ref)
        .taskDefinitionKey("Task_ApproveRelease").count()).isEqualTo(1L);

    long approval = insertRow("implantar", implantar, BACKLOG_ACCOUNT, valid);
    await().atMost(Duration.ofSeconds(30)).until(() -> !"pendente".equals(row(approval).get("status")));
    assertThat(row(approval).get("erro")).isNull();
    assertThat(release(id).at("/aprovacao/por").asText()).isEqualTo(BACKLOG_ACCOUNT);

    long replayed = insertRow("implantar", implantar, BACKLOG_ACCOUNT, valid);
    await().atMost(Duration.ofSeconds(30)).until(() -> "erro".equals(row(replayed).get("status")));
    assertThat((String) row(replayed).get("erro")).contains("replay");
  }

  @Test
  void theServiceAccountCannotApproveAReleaseItRequested() {
    String ref = uniqueRef("ownrequest");
    long requested = insertSigned(contextoOf("validar", ref, sampleArtifacts(git.head())));
    String id = awaitRun(requested);
    JsonNode waiting = awaitState(id, "awaiting_approval", Duration.ofMinutes(4));
    assertThat(waiting.path("requested_by").asText()).isEqualTo(BACKLOG_ACCOUNT);

    long approval = insertSigned(implantar(ref));

    await().atMost(Duration.ofSeconds(30)).until(() -> "erro".equals(row(approval).get("status")));
    assertThat((String) row(approval).get("erro")).contains("Four-eyes rule: " + BACKLOG_ACCOUNT + " requested release");
    assertThat(release(id).path("state").asText()).isEqualTo("awaiting_approval");
  }

  @Test
  void whenTwoApproversAreNeededTheBacklogIsOneOfThemAndAnUnprovenOrigemBlocksNobody() {
    String ref = uniqueRef("twoapprovers");
    // Claims to come from bob, unsigned: recorded as unverified, so bob may still approve it.
    long requested = insertRow(null, contextoOf("validar", ref, sampleArtifacts(git.head()))
        .replaceFirst("\"sha\":\"([0-9a-f]+)\"}", "\"sha\":\"$1\",\"confianca\":0.5}"), "bob", null);
    String id = awaitRun(requested);
    JsonNode waiting = awaitState(id, "awaiting_approval", Duration.ofMinutes(4));
    assertThat(waiting.path("requested_by").asText()).isEqualTo("backlog:bob (unverified)");
    assertThat(waiting.path("aprovacoes").path("quorum").asInt()).isEqualTo(2);

    long approval = insertSigned(implantar(ref));

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(release(id).path("state_reason").asText())
        .startsWith("waiting for ms-produto: 1 of 2 approvals (" + BACKLOG_ACCOUNT + ");"));
    assertThat(row(approval).get("status")).isEqualTo("em_andamento");
    assertThat(decide("bob", approvalTaskId("bob", ref), true, "Conferido").status()).isEqualTo(204);
    JsonNode done = awaitState(id, "succeeded", Duration.ofMinutes(3));
    assertThat(done.path("aprovacao").path("por").asText()).isEqualTo("bob");
    assertThat(done.path("history")).anySatisfy(event -> assertThat(event.path("message").asText())
        .startsWith("Approved by " + BACKLOG_ACCOUNT + " (1 of 2 approvals)"));
    await().atMost(Duration.ofSeconds(30)).until(() -> "concluido".equals(row(approval).get("status")));
  }

  static String implantar(String ref) {
    return "{\"modo\":\"implantar\",\"release_ref\":\"" + ref + "\"}";
  }

  String awaitRun(long row) {
    await().atMost(Duration.ofSeconds(30)).until(() -> row(row).get("run_id") != null);
    return (String) row(row).get("run_id");
  }

  /** A row signed by the tests' service account, as the inserting system signs it. */
  long insertSigned(String contexto) {
    String modo = contexto.contains("\"modo\":\"implantar\"") ? "implantar" : "validar";
    return insertRow(modo, contexto, BACKLOG_ACCOUNT, sign(BACKLOG_SECRET, modo, BACKLOG_ACCOUNT, contexto));
  }

  /** The HMAC-SHA256 of the README, computed here apart from the application's own code. */
  static String sign(String secret, String modo, String origem, String contexto) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String content = "executar_pipeline\n" + (modo == null ? "" : modo) + "\n" + origem + "\n" + contexto;
      return java.util.HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  long insertRow(String contexto, String origem) {
    return insertRow(null, contexto, origem, null);
  }

  private long insertRow(String modo, String contexto, String origem) {
    return insertRow(modo, contexto, origem, null);
  }

  long insertRow(String modo, String contexto, String origem, String assinatura) {
    KeyHolder key = new GeneratedKeyHolder();
    db.sql("INSERT INTO backlog (tipo, modo, contexto, origem, assinatura) VALUES ('executar_pipeline', ?, ?, ?, ?)")
        .params(modo, contexto, origem, assinatura).update(key, "id");
    return key.getKey().longValue();
  }

  Map<String, Object> row(long id) {
    return lowerCaseKeys(db.sql("SELECT * FROM backlog WHERE id = ?").param(id).query().singleRow());
  }

  private Map<String, Object> awaitEmitted(String tipo, String releaseRef) {
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
        .until(() -> emitted(tipo, releaseRef).isPresent());
    return emitted(tipo, releaseRef).orElseThrow();
  }

  private Optional<Map<String, Object>> emitted(String tipo, String releaseRef) {
    return db.sql("SELECT * FROM backlog WHERE tipo = ? AND contexto LIKE ?")
        .params(tipo, "%\"release_ref\":\"" + releaseRef + "\"%").query().listOfRows().stream()
        .findFirst().map(BacklogContract::lowerCaseKeys);
  }

  /** H2 reports column names in upper case, PostgreSQL in lower case. */
  private static Map<String, Object> lowerCaseKeys(Map<String, Object> row) {
    Map<String, Object> lower = new HashMap<>();
    row.forEach((k, v) -> lower.put(k.toLowerCase(), v));
    return lower;
  }

  static String contextoOf(String modo, String ref, String... artefatos) {
    String body = contexto(modo, ref, artefatos);
    return body.substring("{\"contexto\":".length(), body.length() - 1);
  }
}
