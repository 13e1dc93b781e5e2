package dev.prometheuspipeline.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Pins the contract's {@code resultado} on the wire. {@code wire/resultados.jsonl} holds every
 * {@code resultado} the end-to-end tests produced before the etapas became typed records (captured
 * from the untyped code, ids replaced by fixed ones): each must come out of the records byte for byte,
 * so a refactor that changes a key, its order or a number's form fails here.
 */
class ResultadoWireTest {
  /** Configured as Spring Boot configures the application's mapper. */
  private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

  @Test
  void everyCapturedResultadoComesOutOfTheRecordsByteForByte() throws IOException {
    List<String> captured = captured();
    assertThat(captured).hasSizeGreaterThan(10);
    for (String line : captured) {
      assertThat(JSON.writeValueAsString(typed(JSON.readTree(line)))).isEqualTo(line);
    }
  }

  @Test
  void theCapturedResultadosCoverEveryKindOfEtapa() throws IOException {
    List<Class<?>> kinds = new ArrayList<>();
    for (String line : captured()) {
      typed(JSON.readTree(line)).etapas().values().forEach(etapa -> kinds.add(etapa.getClass()));
    }
    assertThat(kinds).contains(ValidateEtapa.class, TestEtapa.class, DeployEtapa.class, VerifyEtapa.class,
        SkippedEtapa.class);
  }

  @Test
  void aStageThatNeverRanIsSkippedAndNothingElse() throws JsonProcessingException {
    Resultado implantar = Resultado.of(Modo.IMPLANTAR, false,
        Map.of(Stage.DEPLOY, DeployEtapa.failed("", "target refused")), "Deploy failed: target refused", null);

    assertThat(JSON.writeValueAsString(implantar)).isEqualTo("""
        {"status":"falha","modo":"implantar","etapas":{"deploy":{"status":"failed","deployment_id":"",\
        "commit_workers":"","erro":"target refused"},"verify":{"status":"skipped"}},\
        "motivo":"Deploy failed: target refused"}""");
  }

  @Test
  void aFetchThatFailedReportsItsProblemsAsValidationErrorsWithoutReports() throws JsonProcessingException {
    ValidateEtapa etapa = ValidateEtapa.fetchFailed(List.of("a.bpmn: no commit 1234567 in the repository"));

    assertThat(JSON.writeValueAsString(etapa)).isEqualTo("""
        {"status":"failed","erros":[{"rule":"fetch","severity":"error",\
        "message":"a.bpmn: no commit 1234567 in the repository"}]}""");
  }

  @Test
  void testEtapaWritesAMissingCoverageAsNullNotAsZero() throws JsonProcessingException {
    TestEtapa etapa = new TestEtapa(StageStatus.SKIPPED, 0, 0, null, "no tests declared", Map.of(),
        new TestEtapa.CoverageDetail(List.of(), List.of(), null), List.of(), "/r/1", "/r/2", "/r/3");

    assertThat(JSON.readTree(JSON.writeValueAsString(etapa)).get("cobertura").isNull()).isTrue();
  }

  private static Resultado typed(JsonNode resultado) throws JsonProcessingException {
    Modo modo = Modo.fromWire(resultado.get("modo").asText()).orElseThrow();
    Map<Stage, Etapa> etapas = new EnumMap<>(Stage.class);
    Iterator<Map.Entry<String, JsonNode>> stages = resultado.get("etapas").fields();
    while (stages.hasNext()) {
      Map.Entry<String, JsonNode> entry = stages.next();
      Stage stage = Stage.fromWire(entry.getKey());
      boolean neverRan = entry.getValue().size() == 1 && "skipped".equals(entry.getValue().path("status").asText());
      if (!neverRan) {
        etapas.put(stage, JSON.treeToValue(entry.getValue(), stage.etapaType()));
      }
    }
    Resultado.Gate gate = resultado.has("regra_de_ouro")
        ? JSON.treeToValue(resultado.get("regra_de_ouro"), Resultado.Gate.class) : null;
    return Resultado.of(modo, Resultado.SUCESSO.equals(resultado.get("status").asText()), etapas,
        resultado.path("motivo").asText(null), gate);
  }

  private static List<String> captured() throws IOException {
    return Files.readAllLines(Path.of("src/test/resources/wire/resultados.jsonl"), StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank()).toList();
  }
}
