package dev.prometheuspipeline.backlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    long implantarRow = insertRow("{\"modo\":\"implantar\",\"release_ref\":\"" + ref + "\"}", "MS_PRODUTO");

    Map<String, Object> verified = awaitEmitted("validar_implantacao", ref);
    JsonNode implantacao = JSON.readTree((String) verified.get("contexto"));
    assertThat(implantacao.path("deployment_id").asText()).isNotBlank();
    assertThat(implantacao.path("ambiente").asText()).isEqualTo("producao");
    await().atMost(Duration.ofSeconds(30)).until(() -> "concluido".equals(row(implantarRow).get("status")));
    JsonNode implantar = JSON.readTree((String) row(implantarRow).get("resultado"));
    assertThat(implantar.path("status").asText()).isEqualTo("sucesso");
    assertThat(implantar.at("/etapas/verify/status").asText()).isEqualTo("success");
    String runId = (String) row(validarRow).get("run_id");
    assertThat(release(runId).at("/aprovacao/por").asText()).isEqualTo("backlog:MS_PRODUTO");
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
    long id = insertRow("{\"modo\":\"implantar\",\"release_ref\":\"" + uniqueRef("nobody") + "\"}", null);

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
    assertThat(release((String) row(id).get("run_id")).path("release_ref").asText()).isEqualTo(ref);
  }

  long insertRow(String contexto, String origem) {
    return insertRow(null, contexto, origem);
  }

  private long insertRow(String modo, String contexto, String origem) {
    KeyHolder key = new GeneratedKeyHolder();
    db.sql("INSERT INTO backlog (tipo, modo, contexto, origem) VALUES ('executar_pipeline', ?, ?, ?)")
        .params(modo, contexto, origem).update(key, "id");
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
