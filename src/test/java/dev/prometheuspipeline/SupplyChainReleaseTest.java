package dev.prometheuspipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.supplychain.BundleVerifier;
import dev.prometheuspipeline.supplychain.Provenance;
import dev.prometheuspipeline.supplychain.ProvenanceInput;
import dev.prometheuspipeline.supplychain.SpdxSchema;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A release's supply-chain evidence end to end: validar builds the SBOM, scans it against the advisories and
 * signs every artifact and a provenance; the API serves them, the Regra de Ouro judges them, and implantar's
 * deploy gate refuses artifacts whose signatures do not hold, before anything reaches the target.
 */
class SupplyChainReleaseTest extends PipelineApplicationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final GitFixture workers = GitFixture.create();
  /** lodash 4.17.20: GHSA-35jh-r3h4-6jhm (command injection, CVSS 7.2, HIGH) in the test OSV folder. */
  private static final String VULNERABLE_WORKER = workers.commit("Ticket classifier on lodash 4.17.20", Map.of(
      "classificar/package.json", """
          {"name": "classificar", "version": "1.0.0", "private": true,
           "dependencies": {"lodash": "4.17.20"},
           "scripts": {"test": "node --test --test-reporter=junit --test-reporter-destination=junit.xml"},
           "camunda": {"topics": {"classificar-chamado": {"outputs": ["categoria"]}}}}
          """,
      "classificar/package-lock.json", """
          {"name": "classificar", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
           "packages": {
             "": {"name": "classificar", "version": "1.0.0", "dependencies": {"lodash": "4.17.20"}},
             "node_modules/lodash": {"version": "4.17.20",
               "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.20.tgz",
               "integrity": "sha512-PlhdFcillOINfeV7Ni6oF1TAEayyZBoZ8bcshTHqOYJYlrqzRK5hagpagky5o4HfCzzd1TRkXPMFq6cKk9rGmA==",
               "license": "MIT"}}}
          """,
      "classificar/classify.js", "module.exports = (title) => /impressora/i.test(title) ? 'hardware' : 'geral';\n",
      "classificar/classify.test.js", """
          const test = require('node:test');
          const assert = require('node:assert');
          const classify = require('./classify');
          test('printers are hardware', () => assert.strictEqual(classify('Impressora parada'), 'hardware'));
          """));

  static {
    workersRepository = workers.uri();
  }

  @BeforeAll
  static void npmIsInstalled() {
    boolean npm = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "npm")));
    if (!npm && "true".equals(System.getenv("CI"))) {
      fail("npm is not on PATH on this CI machine: the vulnerable worker's own tests run with it");
    }
    Assumptions.assumeTrue(npm, "npm is not on PATH; the worker's own tests run with it");
  }

  @Test
  void aReleaseCarriesItsSbomItsSignaturesAndItsProvenanceAndDeploysWithThem() throws Exception {
    String ref = uniqueRef("evidence");
    String documented = git.commit("Document " + ref, Map.of("Genesis/README.md", "# Genesis\n\nOrders.\n",
        "Prometheus/README.md", "# Prometheus\n\nTickets.\n", "ROLLBACK.md", "Deploy the previous release again.\n",
        "CHANGELOG.md", "# Changelog\n\n## " + ref + "\n\n- Signed releases.\n"));
    String id = startValidar("alice", ref, sampleArtifacts(documented));

    JsonNode validar = awaitState(id, "awaiting_approval").path("validar");
    // every criterion of the Regra de Ouro passes, documentation included
    assertThat(validar.at("/regra_de_ouro/veredito").asText()).isEqualTo("aprovado");
    assertThat(validar.at("/regra_de_ouro/pontuacao").asDouble()).isEqualTo(100.0);
    assertThat(validar.at("/regra_de_ouro/criterios")).hasSize(12)
        .allSatisfy(c -> assertThat(c.path("status").asText()).as(c.toString()).isEqualTo("pass"));
    assertThat(validar.at("/etapas/sbom/status").asText()).isEqualTo("success");
    assertThat(validar.at("/etapas/sbom/componentes").asInt()).isEqualTo(5);
    assertThat(validar.at("/etapas/vulnerabilidades/status").asText()).isEqualTo("success");
    assertThat(validar.at("/etapas/assinaturas/assinados").asInt()).isEqualTo(5);

    byte[] cyclonedx = as("alice").get("/api/releases/" + id + "/sbom").body().getBytes(UTF_8);
    assertThat(new JsonParser().validate(cyclonedx, Version.VERSION_16)).isEmpty();
    JsonNode sbom = JSON.readTree(cyclonedx);
    assertThat(sbom.at("/metadata/component/name").asText()).isEqualTo(ref);
    assertThat(sbom.path("components").findValuesAsText("name")).contains("Genesis/bpmn/pedido.bpmn");
    Api.Response spdx = as("alice").get("/api/releases/" + id + "/sbom?format=spdx");
    assertThat(spdx.header("content-type")).startsWith("application/spdx+json");
    assertThat(SpdxSchema.problems(spdx.body())).isEmpty();
    assertThat(as("alice").get("/api/releases/" + id + "/sbom?format=swid").status()).isEqualTo(400);

    String publicKey = as("carol").get("/api/signing/public-key").body();
    assertThat(publicKey).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(anonymous().get("/api/signing/public-key").status()).isEqualTo(401);
    JsonNode attestations = as("alice").get("/api/releases/" + id + "/attestations").json();
    assertThat(attestations.findValuesAsText("artifact")).contains("pedido.bpmn", "sbom", "provenance");
    List<ProvenanceInput.Subject> subjects = new ArrayList<>();
    for (JsonNode attestation : attestations) {
      String path = attestation.path("path").asText();
      if (GitFixture.SAMPLE_FILES.contains(path)) {
        byte[] bytes = GitFixture.resource("fixtures/" + path).getBytes(UTF_8);
        assertThat(new BundleVerifier().verify(attestation.path("bundle").toString(), bytes, publicKey).ok())
            .as(path).isTrue();
        subjects.add(new ProvenanceInput.Subject(path, git.head(), attestation.path("sha256").asText()));
      }
    }
    JsonNode provenance = attestations.findParents("artifact").stream()
        .filter(a -> a.path("artifact").asText().equals("provenance")).findFirst().orElseThrow();
    assertThat(Provenance.verify(provenance.path("bundle").toString(), publicKey, subjects).ok()).isTrue();

    Api.Response notes = as("carol").get("/api/releases/" + id + "/notes");
    assertThat(notes.status()).isEqualTo(200);
    assertThat(notes.header("content-type")).startsWith("text/markdown");
    assertThat(notes.body()).startsWith("# Release notes: " + ref).contains("## Regra de Ouro", "## SBOM",
        "## Vulnerabilities", "## Signatures and provenance", "Genesis/bpmn/pedido.bpmn", "**aprovado**, score 100.0%",
        "| changelog | pass | 5 | CHANGELOG.md has an entry for this release. |",
        validar.at("/etapas/assinaturas/chave").asText());
    assertThat(anonymous().get("/api/releases/" + id + "/notes").status()).isEqualTo(401);

    assertThat(decide("bob", approvalTaskId("bob", ref), true, "ok").status()).isEqualTo(204);
    JsonNode done = awaitState(id, "succeeded");
    assertThat(done.at("/implantar/etapas/deploy/status").asText()).isEqualTo("success");
    assertThat(as("carol").get("/api/releases/" + id + "/notes").body()).as("stored, not written again")
        .isEqualTo(notes.body());
  }

  @Test
  void anArtifactWhoseRecordedSignatureWasSwappedNeverReachesTheTarget() {
    String ref = uniqueRef("swapped");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));
    awaitState(id, "awaiting_approval");
    // Someone with access to the store gives pedido.bpmn the (valid) signature of desconto.dmn.
    String stored = db.sql("SELECT body FROM run_report WHERE run_id = ? AND kind = 'attestations'").param(id)
        .query(String.class).single();
    JsonNode list = readJson(stored);
    String pedido = bundleOf(list, "Genesis/bpmn/pedido.bpmn");
    String desconto = bundleOf(list, "Genesis/dmn/desconto.dmn");
    db.sql("UPDATE run_report SET body = ? WHERE run_id = ? AND kind = 'attestations'")
        .params(stored.replace(pedido, desconto), id).update();
    long deploymentsBefore = as(ADMIN).get("/engine-rest/deployment/count").json().path("count").asLong();

    assertThat(decide("bob", approvalTaskId("bob", ref), true, "ok").status()).isEqualTo(204);

    JsonNode failed = awaitState(id, "failed");
    assertThat(failed.at("/implantar/motivo").asText()).contains("fail their signature check",
        "Genesis/bpmn/pedido.bpmn", "SWAPPED");
    assertThat(failed.path("history").findValuesAsText("kind")).contains("signatures-refused");
    assertThat(as(ADMIN).get("/engine-rest/deployment/count").json().path("count").asLong())
        .isEqualTo(deploymentsBefore);
  }

  @Test
  void aHighVulnerabilityFailsTheGateUntilASuppressionWithAnOwnerAndAnExpiryCoversIt() {
    String[] artefatos = Stream.concat(Arrays.stream(sampleArtifacts(git.head())),
        Stream.of("worker:classificar@" + VULNERABLE_WORKER)).toArray(String[]::new);
    String vulnerableRef = uniqueRef("vulnerable");
    // Before alice's requests: the APIs see a membership change within a few seconds, not at once.
    if (engine.getIdentityService().createUserQuery().userId("alice").memberOfGroup("release-admin").count() == 0) {
      engine.getIdentityService().createMembership("alice", "release-admin");
    }
    String refused = startValidar("alice", vulnerableRef, artefatos);

    // Failed, but waivable: release-admin decides, never the author (alice, here a release-admin too).
    String waiver = waiverTaskId("rita", vulnerableRef);
    assertThat(release(refused).path("state").asText()).isEqualTo("awaiting_approval");
    assertThat(release(refused).path("state_reason").asText()).contains("vulnerabilities", "waiver from release-admin");
    Api.Response byAuthor = waive("alice", waiver, true, "I know my code");
    assertThat(byAuthor.status()).as(byAuthor.body()).isEqualTo(403);
    assertThat(byAuthor.body()).contains("cannot waive");
    Api.Response waived = waive("rita", waiver, true, "Template functions never see user input; upgrade in 2.1");
    assertThat(waived.status()).as(waived.body()).isEqualTo(204);

    JsonNode validar = awaitState(refused, "awaiting_approval").path("validar");
    assertThat(validar.at("/regra_de_ouro/veredito").asText()).isEqualTo("aprovado com ressalvas");
    assertThat(validar.at("/regra_de_ouro/dispensa/por").asText()).isEqualTo("rita");
    assertThat(validar.at("/regra_de_ouro/dispensa/criterios").toString()).contains("vulnerabilities");
    assertThat(validar.at("/regra_de_ouro/criterios").findParents("criterio").stream()
        .filter(c -> c.path("criterio").asText().equals("vulnerabilities")).findFirst().orElseThrow()
        .path("status").asText()).isEqualTo("fail");
    assertThat(release(refused).path("history").findValuesAsText("kind")).contains("waiver-requested", "waived");
    assertThat(as("carol").get("/api/releases/" + refused + "/notes").body())
        .contains("Waived by rita", "upgrade in 2.1");
    approvalTaskId("bob", vulnerableRef);
    assertThat(validar.at("/etapas/sbom/dependencias").asInt()).isEqualTo(1);
    assertThat(validar.at("/etapas/vulnerabilidades/altas").asInt()).isEqualTo(1);
    assertThat(validar.at("/etapas/vulnerabilidades/status").asText()).isEqualTo("failed");
    assertThat(validar.at("/regra_de_ouro/motivos").toString())
        .contains("1 HIGH or CRITICAL vulnerability(ies) affect the workers' dependencies");
    JsonNode report = as("alice").get(validar.at("/etapas/vulnerabilidades/relatorio").asText()).json();
    assertThat(report.path("found").findValuesAsText("id")).contains("GHSA-35jh-r3h4-6jhm");

    String suppressed = git.commit("Accept the lodash advisory for now", Map.of(".prometheus/suppressions.yaml", """
        - id: CVE-2021-23337
          reason: the template function is never called with user input
          owner: ana
          expires: 2099-12-31
        """));
    String[] again = Stream.concat(Arrays.stream(sampleArtifacts(suppressed)),
        Stream.of("worker:classificar@" + VULNERABLE_WORKER)).toArray(String[]::new);
    String accepted = startValidar("alice", uniqueRef("suppressed"), again);

    JsonNode waiting = awaitState(accepted, "awaiting_approval").path("validar");
    assertThat(waiting.at("/etapas/vulnerabilidades/altas").asInt()).isZero();
    assertThat(waiting.at("/etapas/vulnerabilidades/suprimidas").asInt()).isEqualTo(1);
  }

  /**
   * A release whose process key disappears breaks whatever starts it by key on the target: under semantic
   * versions the gate asks for the next major version.
   */
  @Test
  void aProcessKeyRemovedSinceTheTargetsReleaseNeedsTheNextMajorVersion() {
    String base = "3." + (int) (Math.random() * 1000);
    String first = startValidar("alice", base + ".0", sampleArtifacts(git.head()));
    awaitState(first, "awaiting_approval");
    assertThat(decide("bob", approvalTaskId("bob", base + ".0"), true, "ok").status()).isEqualTo(204);
    awaitState(first, "succeeded");
    String renamed = git.commit("Rename the order process", Map.of("Genesis/bpmn/pedido.bpmn",
        GitFixture.resource("fixtures/Genesis/bpmn/pedido.bpmn").replace("<bpmn:process id=\"pedido\"",
            "<bpmn:process id=\"pedido_novo\"")));

    try {
      String minor = startValidar("alice", base + ".1", sampleArtifacts(renamed));

      // waivable, but release-admin leaves it failed
      assertThat(waive("rita", waiverTaskId("rita", base + ".1"), false, null).status()).isEqualTo(204);
      JsonNode refused = awaitState(minor, "failed");
      assertThat(refused.at("/validar/regra_de_ouro/veredito").asText()).isEqualTo("reprovado");
      assertThat(refused.path("history").findValuesAsText("kind")).contains("waiver-refused");
      assertThat(refused.at("/validar/regra_de_ouro/motivos").toString()).contains("breaking change(s) since the"
          + " release the target runs, but release_ref keeps its major version", "process Pedido (pedido)",
          "removed");
      assertThat(refused.path("history").findValuesAsText("kind")).contains("breaking-changes");
    } finally {
      // The other tests release the repository's head: give it back its order process.
      git.commit("Restore the order process", Map.of("Genesis/bpmn/pedido.bpmn",
          GitFixture.resource("fixtures/Genesis/bpmn/pedido.bpmn")));
    }
  }

  private static JsonNode readJson(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The waiver task of a failed gate, once it is open, as release-admin lists it in Tasklist. */
  private String waiverTaskId(String user, String releaseRef) {
    String query = "/engine-rest/task?processInstanceBusinessKey=" + releaseRef + "&taskDefinitionKey=Task_WaiveCriteria";
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(as(user).get(query).json()).as("waiver task visible to " + user).hasSize(1));
    return as(user).get(query).json().get(0).path("id").asText();
  }

  /** Submits the waiver form as Tasklist does. */
  private Api.Response waive(String user, String taskId, boolean waive, String reason) {
    String variables = "{\"variables\":{\"waive\":{\"value\":" + waive + ",\"type\":\"Boolean\"}"
        + (reason == null ? "" : ",\"waiverReason\":{\"value\":\"" + reason + "\",\"type\":\"String\"}") + "}}";
    return as(user).post("/engine-rest/task/" + taskId + "/submit-form", variables);
  }

  private static String bundleOf(JsonNode attestations, String path) {
    for (JsonNode attestation : attestations) {
      if (attestation.path("path").asText().equals(path)) {
        return attestation.path("bundle").toString();
      }
    }
    throw new AssertionError("no attestation for " + path);
  }
}
