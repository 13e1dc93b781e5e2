package dev.prometheuspipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.supplychain.BundleVerification;
import dev.prometheuspipeline.supplychain.FakeSigstore;
import dev.prometheuspipeline.supplychain.KeylessBundleVerifier;
import dev.prometheuspipeline.supplychain.Provenance;
import dev.prometheuspipeline.supplychain.ProvenanceInput.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A release signed keyless ({@code pipeline.signing.mode=keyless}) against a loopback Fulcio, Rekor v1 and v2 and a
 * timestamp authority: validar's bundles carry a Fulcio certificate and a Rekor entry, its provenance a DSSE envelope
 * logged in Rekor v2 with an RFC 3161 timestamp, and implantar's gate verifies the artifacts' bundles again with the
 * trusted root and the identity policy before deploying, refusing a bundle whose log entry is another signature's.
 */
class KeylessReleaseTest extends PipelineApplicationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FakeSigstore sigstore = FakeSigstore.start(directory());

  @DynamicPropertySource
  static void keyless(DynamicPropertyRegistry registry) {
    registry.add("pipeline.signing.mode", () -> "keyless");
    registry.add("pipeline.signing.keyless.fulcio-url", () -> sigstore.fulcioUrl().toString());
    registry.add("pipeline.signing.keyless.rekor-url", () -> sigstore.rekorUrl().toString());
    registry.add("pipeline.signing.keyless.rekor-v2-url", () -> sigstore.rekorV2Url().toString());
    registry.add("pipeline.signing.keyless.tsa-url", () -> sigstore.tsaUrl().toString());
    registry.add("pipeline.signing.keyless.trusted-root", () -> sigstore.trustedRoot().toString());
    registry.add("pipeline.signing.keyless.token-file", () -> sigstore.tokenFile().toString());
    registry.add("pipeline.signing.keyless.identity", () -> FakeSigstore.IDENTITY);
    registry.add("pipeline.signing.keyless.issuer", () -> FakeSigstore.ISSUER);
  }

  @Test
  void aKeylessReleaseIsSignedThroughFulcioAndRekorWithDsseProvenanceAndVerifiedAgainBeforeItDeploys() {
    String ref = uniqueRef("keyless");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));

    JsonNode waiting = patientlyAwait(id, "awaiting_approval");
    JsonNode validar = waiting.path("validar");
    assertThat(validar.at("/etapas/assinaturas/chave").asText()).isEqualTo("keyless:" + FakeSigstore.IDENTITY);
    JsonNode attestations = as("alice").get("/api/releases/" + id + "/attestations").json();
    assertThat(attestations.findValuesAsText("artifact")).contains("pedido.bpmn", "sbom", "provenance");
    for (JsonNode attestation : attestations) {
      JsonNode material = attestation.path("bundle").path("verificationMaterial");
      assertThat(material.has("certificate")).as(attestation.path("path").asText()).isTrue();
      assertThat(material.path("tlogEntries")).hasSize(1);
    }
    String statementHref = waiting.path("reports").findParents("kind").stream()
        .filter(report -> report.path("kind").asText().equals("provenance")).findFirst().orElseThrow()
        .path("href").asText();
    String statement = as("alice").get(statementHref).body();
    JsonNode provenance = attestations.findParents("artifact").stream()
        .filter(a -> a.path("artifact").asText().equals("provenance")).findFirst().orElseThrow();
    JsonNode envelope = provenance.path("bundle").path("dsseEnvelope");
    assertThat(envelope.path("payloadType").asText()).isEqualTo(Provenance.MEDIA_TYPE);
    assertThat(new String(Base64.getDecoder().decode(envelope.path("payload").asText()), StandardCharsets.UTF_8))
        .isEqualTo(statement);
    List<Subject> artifacts = attestations.findParents("artifact").stream()
        .filter(a -> !a.path("sha").asText().isEmpty())
        .map(a -> new Subject(a.path("path").asText(), a.path("sha").asText(), a.path("sha256").asText()))
        .toList();
    assertThat(artifacts).isNotEmpty();
    var verifier = new KeylessBundleVerifier(sigstore.trustedRoot(), FakeSigstore.IDENTITY, FakeSigstore.ISSUER);
    BundleVerification checked = verifier.verifyProvenance(provenance.path("bundle").toString(), artifacts);
    assertThat(checked.ok()).as(checked.reason()).isTrue();
    assertThat(statement).contains(Provenance.PREDICATE_TYPE, "Genesis/bpmn/pedido.bpmn@" + git.head());

    assertThat(decide("bob", approvalTaskId("bob", ref), true, "ok").status()).isEqualTo(204);
    JsonNode done = patientlyAwait(id, "succeeded");
    assertThat(done.at("/implantar/etapas/deploy/status").asText()).isEqualTo("success");
  }

  @Test
  void aBundleCarryingAnotherSignaturesLogEntryNeverReachesTheTarget() throws Exception {
    String ref = uniqueRef("keyless-log");
    String id = startValidar("alice", ref, sampleArtifacts(git.head()));
    patientlyAwait(id, "awaiting_approval");
    // Someone with access to the store gives pedido.bpmn's bundle the (valid) Rekor entry of desconto.dmn's.
    String stored = db.sql("SELECT body FROM run_report WHERE run_id = ? AND kind = 'attestations'").param(id)
        .query(String.class).single();
    ArrayNode list = (ArrayNode) JSON.readTree(stored);
    JsonNode desconto = find(list, "Genesis/dmn/desconto.dmn");
    ((ObjectNode) find(list, "Genesis/bpmn/pedido.bpmn").path("bundle").path("verificationMaterial"))
        .set("tlogEntries", desconto.path("bundle").path("verificationMaterial").path("tlogEntries"));
    db.sql("UPDATE run_report SET body = ? WHERE run_id = ? AND kind = 'attestations'")
        .params(JSON.writeValueAsString(list), id).update();
    long deploymentsBefore = as(ADMIN).get("/engine-rest/deployment/count").json().path("count").asLong();

    assertThat(decide("bob", approvalTaskId("bob", ref), true, "ok").status()).isEqualTo(204);

    JsonNode failed = patientlyAwait(id, "failed");
    assertThat(failed.at("/implantar/motivo").asText()).contains("fail their signature check",
        "Genesis/bpmn/pedido.bpmn", "LOG_MISMATCH");
    assertThat(failed.path("history").findValuesAsText("kind")).contains("signatures-refused");
    assertThat(as(ADMIN).get("/engine-rest/deployment/count").json().path("count").asLong())
        .isEqualTo(deploymentsBefore);
  }

  /** As awaitState, with room for the first keyless signing's start-up (gRPC, TLS) on a busy machine. */
  private JsonNode patientlyAwait(String id, String state) {
    await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(release(id).path("state").asText()).isEqualTo(state));
    return release(id);
  }

  private static Path directory() {
    try {
      return Files.createTempDirectory("pipeline-sigstore");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode find(ArrayNode attestations, String path) {
    for (JsonNode attestation : attestations) {
      if (attestation.path("path").asText().equals(path)) {
        return attestation;
      }
    }
    throw new AssertionError("no attestation for " + path);
  }
}
