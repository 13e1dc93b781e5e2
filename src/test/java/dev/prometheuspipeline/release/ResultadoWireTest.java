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
 * so a refactor that changes a key, its order or a number's form fails here. The supply-chain etapas
 * ({@code sbom}, {@code vulnerabilidades}, {@code assinaturas}) came later: in those captures they are
 * {@code skipped}, and {@link #theSupplyChainEtapasHaveTheirWireShape} pins them.
 */
class ResultadoWireTest {
  /** Configured as Spring Boot configures the application's mapper. */
  private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

  @Test
  void everyCapturedResultadoComesOutOfTheRecordsByteForByte() throws IOException {
    List<String> captured = captured();
    assertThat(captured).isNotEmpty();
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
        Map.of(Stage.DEPLOY, DeployEtapa.failed("producao", "", "target refused")), "Deploy failed: target refused",
        null);

    assertThat(JSON.writeValueAsString(implantar)).isEqualTo("""
        {"status":"falha","modo":"implantar","etapas":{"deploy":{"status":"failed","deployment_id":"",\
        "commit_workers":"","ambientes":[{"ambiente":"producao","deployment_id":"","commit_workers":"",\
        "erro":"target refused"}],"erro":"target refused"},"verify":{"status":"skipped"}},\
        "motivo":"Deploy failed: target refused"}""");
  }

  @Test
  void aValidarWaitingForSeveralApproversSaysHowManyAndWhyAfterEverythingElse() throws JsonProcessingException {
    Resultado validar = Resultado.of(Modo.VALIDAR, true, Map.of(), "", null)
        .withAprovacoes(new Resultado.Aprovacoes(2, List.of(), "waived criteria: coverage"));

    assertThat(JSON.writeValueAsString(validar)).endsWith("""
        },"aprovacoes":{"quorum":2,"aprovadores":[],"motivo":"waived criteria: coverage"}}""");
  }

  @Test
  void aScoredGateAddsItsScoreCriteriaAndWaiverBesideTheVerdictAndReasons() throws JsonProcessingException {
    Resultado.Gate gate = new Resultado.Gate("aprovado com ressalvas",
        List.of("waived coverage by rita: hotfix", "fail coverage: Coverage 42.0% is below the 80% minimum."), 85.0,
        List.of(new Resultado.Criterion("coverage", "fail", 15, "Coverage 42.0% is below the 80% minimum.")),
        new Resultado.Waiver(List.of("coverage"), "hotfix", "rita"));
    String wire = JSON.writeValueAsString(gate);

    assertThat(wire).isEqualTo("""
        {"veredito":"aprovado com ressalvas","motivos":["waived coverage by rita: hotfix",\
        "fail coverage: Coverage 42.0% is below the 80% minimum."],"pontuacao":85.0,"criterios":[{"criterio":"coverage",\
        "status":"fail","peso":15,"motivo":"Coverage 42.0% is below the 80% minimum."}],\
        "dispensa":{"criterios":["coverage"],"motivo":"hotfix","por":"rita"}}""");
    assertThat(JSON.readValue(wire, Resultado.Gate.class)).isEqualTo(gate);
    // a gate from before the score keeps its two fields only
    assertThat(JSON.writeValueAsString(new Resultado.Gate("reprovado", List.of("reprovado: x"))))
        .isEqualTo("{\"veredito\":\"reprovado\",\"motivos\":[\"reprovado: x\"]}");
  }

  @Test
  void aFetchThatFailedReportsItsProblemsAsValidationErrorsWithoutReports() throws JsonProcessingException {
    ValidateEtapa etapa = ValidateEtapa.fetchFailed(List.of("a.bpmn: no commit 1234567 in the repository"));

    assertThat(JSON.writeValueAsString(etapa)).isEqualTo("""
        {"status":"failed","erros":[{"rule":"fetch","severity":"error",\
        "message":"a.bpmn: no commit 1234567 in the repository"}]}""");
  }

  @Test
  void aFailedTestNamesItsStepWhileASandboxFailureNamesOnlyTheFile() throws JsonProcessingException {
    TestEtapa etapa = new TestEtapa(StageStatus.FAILED, 1, 2, 50.0, null,
        Map.of("implantacao_sandbox", new TestEtapa.Counts(1, 1)),
        new TestEtapa.CoverageDetail(List.of(new TestEtapa.ProcessCoverage("order", "Order", "G/order.bpmn", 3, 6, 50.0)),
            List.of(), new TestEtapa.WorkerCoverage(75.5, 151, 200, "lcov")),
        List.of(new TestEtapa.Failure("G/broken.dmn", "sandbox deployment", null, null, null, null, null, "no DMN"),
            new TestEtapa.Failure("G/tests/order.json", "ships", "failed", 2, "ASSERT_PROCESS_INSTANCE", "completed",
                "active", "\"Ship\" (Task_Ship) is still active")),
        "/r/json", "/r/html", "/r/junit");

    assertThat(JSON.writeValueAsString(etapa)).isEqualTo("""
        {"status":"failed","passou":1,"falhou":2,"cobertura":50.0,\
        "por_tipo":{"implantacao_sandbox":{"passou":1,"falhou":1}},\
        "cobertura_detalhe":{"processos":[{"key":"order","name":"Order","file":"G/order.bpmn","cobertos":3,\
        "total":6,"cobertura":50.0}],"decisoes":[],"workers":{"cobertura":75.5,"linhas_cobertas":151,\
        "linhas":200,"fonte":"lcov"}},\
        "falhas":[{"file":"G/broken.dmn","test":"sandbox deployment","message":"no DMN"},\
        {"file":"G/tests/order.json","test":"ships","status":"failed","step":2,\
        "instruction":"ASSERT_PROCESS_INSTANCE","expected":"completed","actual":"active",\
        "message":"\\"Ship\\" (Task_Ship) is still active"}],\
        "relatorio":"/r/json","relatorio_html":"/r/html","relatorio_junit":"/r/junit"}""");
  }

  @Test
  void aFailedVerificationListsEveryCheck() throws JsonProcessingException {
    VerifyEtapa etapa = new VerifyEtapa(StageStatus.FAILED, List.of(
        new VerifyEtapa.Check("target-health", "homologacao", "passed", 12, "UP"),
        new VerifyEtapa.Check("checksum:G/order.bpmn", "homologacao", "failed", 3, "sha256 differs")));

    assertThat(JSON.writeValueAsString(etapa)).isEqualTo("""
        {"status":"failed","checks":[{"name":"target-health","ambiente":"homologacao","status":"passed",\
        "duracao_ms":12,"detail":"UP"},{"name":"checksum:G/order.bpmn","ambiente":"homologacao",\
        "status":"failed","duracao_ms":3,"detail":"sha256 differs"}]}""");
  }

  @Test
  void eachEnvironmentAddsItsDeploymentsInOrderAndARepeatedOneReplacesItsEntry() throws JsonProcessingException {
    DeployEtapa.Product genesis = new DeployEtapa.Product("Genesis", "d-1", true, List.of("pedido.bpmn"));
    DeployEtapa homologacao = DeployEtapa.deployed(new DeployEtapa.Ambiente("homologacao", "d-1", "abc", List.of(genesis),
        null));
    DeployEtapa producao = DeployEtapa.deployed(new DeployEtapa.Ambiente("producao", "d-9", "abc",
        List.of(new DeployEtapa.Product("Genesis", "d-9", true, List.of("pedido.bpmn"))), null));

    DeployEtapa both = homologacao.then(producao).then(producao);

    assertThat(both.deploymentId()).isEqualTo("d-9");
    assertThat(both.ambientes()).extracting(DeployEtapa.Ambiente::ambiente).containsExactly("homologacao", "producao");
    assertThat(JSON.writeValueAsString(both.withWorkersCommit("producao", "def"))).contains(
        "\"commit_workers\":\"def\",\"deployments\"", "{\"ambiente\":\"homologacao\",\"deployment_id\":\"d-1\",\"commit_workers\":\"abc\"");
  }

  @Test
  void testEtapaWritesAMissingCoverageAsNullNotAsZero() throws JsonProcessingException {
    TestEtapa etapa = new TestEtapa(StageStatus.SKIPPED, 0, 0, null, "no tests declared", Map.of(),
        new TestEtapa.CoverageDetail(List.of(), List.of(), null), List.of(), "/r/1", "/r/2", "/r/3");

    assertThat(JSON.readTree(JSON.writeValueAsString(etapa)).get("cobertura").isNull()).isTrue();
  }

  @Test
  void theSupplyChainEtapasHaveTheirWireShape() throws JsonProcessingException {
    Resultado validar = Resultado.of(Modo.VALIDAR, true, Map.of(
        Stage.SBOM, new SbomEtapa(StageStatus.SUCCESS, 12, 9, "/r/sbom", "/r/spdx", "ab12",
            List.of("workers/notify has no package-lock.json or pom.xml")),
        Stage.VULNERABILITIES, new VulnerabilidadesEtapa(StageStatus.FAILED, 0, 1, 2, 0, 1, "/r/vuln", List.of()),
        Stage.SIGNATURES, new AssinaturasEtapa(StageStatus.SUCCESS, 3, "5f0c", "9a9a", "/api/releases/r/attestations")),
        null, null);

    assertThat(JSON.writeValueAsString(validar)).isEqualTo("""
        {"status":"sucesso","modo":"validar","etapas":{"validate":{"status":"skipped"},"test":{"status":"skipped"},\
        "sbom":{"status":"success","componentes":12,"dependencias":9,"relatorio":"/r/sbom","relatorio_spdx":"/r/spdx",\
        "sha256":"ab12","problemas":["workers/notify has no package-lock.json or pom.xml"]},\
        "vulnerabilidades":{"status":"failed","criticas":0,"altas":1,"moderadas":2,"baixas":0,"suprimidas":1,\
        "relatorio":"/r/vuln","problemas":[]},"assinaturas":{"status":"success","assinados":3,"chave":"5f0c",\
        "proveniencia_sha256":"9a9a","relatorio":"/api/releases/r/attestations"}}}""");
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
