package dev.prometheuspipeline.supplychain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.supplychain.BundleVerification.Outcome;
import dev.prometheuspipeline.supplychain.Dependency.Ecosystem;
import dev.prometheuspipeline.supplychain.ProvenanceInput.ResolvedDependency;
import dev.prometheuspipeline.supplychain.ProvenanceInput.Subject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPO = "https://git.example.test/acme/processes.git";
  private static final String SHA = "9f2c4e1a7b3d5f60718293a4b5c6d7e8f9012345";
  private static final byte[] BPMN = "<definitions id=\"order\"/>".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void writesAnInTotoStatementWithOneSubjectPerArtifactNamedByPathAndCommit() throws Exception {
    JsonNode statement = JSON.readTree(Provenance.statement(input(Optional.of("plan-7"))));

    assertThat(statement.path("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
    assertThat(statement.path("predicateType").asText()).isEqualTo("https://slsa.dev/provenance/v1");
    assertThat(statement.path("subject")).hasSize(2);
    assertThat(statement.path("subject").get(0).path("name").asText()).isEqualTo("Genesis/bpmn/order.bpmn@" + SHA);
    assertThat(statement.path("subject").get(0).path("digest").path("sha256").asText())
        .isEqualTo(BundleVerifier.hex(SigningKeys.sha256(BPMN)));
    assertThat(statement.path("subject").get(1).path("name").asText()).isEqualTo("Genesis/worker@" + SHA);
  }

  @Test
  void recordsTheReleaseParametersAndTheRun() throws Exception {
    JsonNode predicate = JSON.readTree(Provenance.statement(input(Optional.of("plan-7")))).path("predicate");

    JsonNode build = predicate.path("buildDefinition");
    assertThat(build.path("buildType").asText()).isEqualTo(Provenance.BUILD_TYPE);
    assertThat(build.path("externalParameters").toString()).isEqualTo("{\"release_ref\":\"r-42\",\"repository\":\""
        + REPO + "\",\"commits\":[\"" + SHA + "\"],\"intent_id\":\"intent-3\",\"plan_id\":\"plan-7\"}");
    JsonNode run = predicate.path("runDetails");
    assertThat(run.path("builder").path("id").asText()).isEqualTo("https://pipeline.example.test/prometheus");
    assertThat(run.path("metadata").path("invocationId").asText()).isEqualTo("run-1001");
    assertThat(run.path("metadata").path("startedOn").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(run.path("metadata").path("finishedOn").asText()).isEqualTo("2026-03-01T10:04:30Z");
  }

  @Test
  void leavesThePlanOutWhenTheReleaseHasNone() throws Exception {
    JsonNode parameters = JSON.readTree(Provenance.statement(input(Optional.empty())))
        .path("predicate").path("buildDefinition").path("externalParameters");

    assertThat(parameters.has("plan_id")).isFalse();
    assertThat(parameters.path("intent_id").asText()).isEqualTo("intent-3");
  }

  @Test
  void namesTheRepositoryAtItsCommitAndPackagesByPurlAsResolvedDependencies() throws Exception {
    JsonNode dependencies = JSON.readTree(Provenance.statement(input(Optional.empty())))
        .path("predicate").path("buildDefinition").path("resolvedDependencies");

    assertThat(dependencies.toString()).isEqualTo("[{\"uri\":\"git+" + REPO + "@" + SHA
        + "\",\"digest\":{\"gitCommit\":\"" + SHA + "\"}},"
        + "{\"uri\":\"pkg:npm/lodash@4.17.21\",\"digest\":{\"sha256\":\"" + "ab".repeat(32) + "\"}},"
        + "{\"uri\":\"pkg:npm/left-pad@1.3.0\"}]");
  }

  @Test
  void writesTheSameBytesForTheSameInput() {
    assertThat(Provenance.statement(input(Optional.of("plan-7"))))
        .isEqualTo(Provenance.statement(input(Optional.of("plan-7"))));
  }

  @Test
  void signsTheStatementInADsseEnvelopeInsideABundle() throws Exception {
    SigningKey key = TestKeys.fresh(dir, "release");
    String statement = Provenance.statement(input(Optional.empty()));

    JsonNode bundle = JSON.readTree(new ArtifactSigner(key).signStatement(statement).bundleJson());

    JsonNode envelope = dsseEnvelopeAround(bundle, statement);
    assertThat(envelope.path("signatures").get(0).path("keyid").asText()).isEqualTo(key.keyId());
    byte[] pae = ArtifactSigner.pae("application/vnd.in-toto+json", statement.getBytes(StandardCharsets.UTF_8));
    assertThat(key.verify(pae, Base64.getDecoder().decode(envelope.path("signatures").get(0).path("sig").asText())))
        .isTrue();
  }

  @Test
  void verifiesASignedStatementThatNamesTheArtifacts() {
    SigningKey key = TestKeys.fresh(dir, "release");
    String bundle = new ArtifactSigner(key).signStatement(Provenance.statement(input(Optional.empty()))).bundleJson();

    BundleVerification result = Provenance.verify(bundle, key.publicKeyPem(), List.of(Subject.of(bpmn())));

    assertThat(result.ok()).as(result.reason()).isTrue();
  }

  @Test
  void flagsAnArtifactWhoseDigestDiffersFromTheStatements() {
    SigningKey key = TestKeys.fresh(dir, "release");
    String bundle = new ArtifactSigner(key).signStatement(Provenance.statement(input(Optional.empty()))).bundleJson();
    Subject changed = new Subject("Genesis/bpmn/order.bpmn", SHA, "cd".repeat(32));

    BundleVerification result = Provenance.verify(bundle, key.publicKeyPem(), List.of(changed));

    assertThat(result.outcome()).isEqualTo(Outcome.SUBJECT_MISMATCH);
    assertThat(result.reason()).isEqualTo("the artifact's bytes are not the ones the provenance names: "
        + "Genesis/bpmn/order.bpmn@" + SHA + " has digest " + "cd".repeat(32) + ", statement says "
        + BundleVerifier.hex(SigningKeys.sha256(BPMN)));
  }

  @Test
  void flagsAnArtifactTheStatementDoesNotName() {
    SigningKey key = TestKeys.fresh(dir, "release");
    String bundle = new ArtifactSigner(key).signStatement(Provenance.statement(input(Optional.empty()))).bundleJson();
    Subject other = new Subject("Genesis/bpmn/order.bpmn", "0".repeat(40),
        BundleVerifier.hex(SigningKeys.sha256(BPMN)));

    BundleVerification result = Provenance.verify(bundle, key.publicKeyPem(), List.of(other));

    assertThat(result.outcome()).isEqualTo(Outcome.SUBJECT_MISMATCH);
    assertThat(result.reason()).isEqualTo("the provenance names no subject Genesis/bpmn/order.bpmn@" + "0".repeat(40));
  }

  @Test
  void flagsAStatementChangedAfterSigning() throws Exception {
    SigningKey key = TestKeys.fresh(dir, "release");
    ObjectNode bundle = (ObjectNode) JSON.readTree(
        new ArtifactSigner(key).signStatement(Provenance.statement(input(Optional.empty()))).bundleJson());
    String forged = Provenance.statement(input(Optional.of("plan-forged")));
    ((ObjectNode) bundle.path("dsseEnvelope"))
        .put("payload", Base64.getEncoder().encodeToString(forged.getBytes(StandardCharsets.UTF_8)));

    BundleVerification result = Provenance.verify(JSON.writeValueAsString(bundle), key.publicKeyPem(), List.of());

    assertThat(result.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    assertThat(result.reason()).startsWith("the DSSE signature does not verify with key " + key.keyId());
  }

  @Test
  void flagsAStatementSignedByAnotherKey() {
    SigningKey key = TestKeys.fresh(dir, "release");
    SigningKey stranger = TestKeys.fresh(dir, "stranger");
    String bundle = new ArtifactSigner(stranger).signStatement(Provenance.statement(input(Optional.empty())))
        .bundleJson();

    BundleVerification result = Provenance.verify(bundle, key.publicKeyPem(), List.of(Subject.of(bpmn())));

    assertThat(result.outcome()).isEqualTo(Outcome.WRONG_KEY);
  }

  /**
   * Asserts that {@code bundle} is a Sigstore bundle v0.3 holding one DSSE envelope signature of type in-toto around
   * {@code statement}, and no message signature; returns the envelope.
   */
  static JsonNode dsseEnvelopeAround(JsonNode bundle, String statement) {
    assertThat(bundle.path("mediaType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(bundle.has("messageSignature")).isFalse();
    JsonNode envelope = bundle.path("dsseEnvelope");
    assertThat(envelope.path("payloadType").asText()).isEqualTo("application/vnd.in-toto+json");
    assertThat(new String(Base64.getDecoder().decode(envelope.path("payload").asText()), StandardCharsets.UTF_8))
        .isEqualTo(statement);
    assertThat(envelope.path("signatures")).hasSize(1);
    return envelope;
  }

  private static FetchedArtifact bpmn() {
    return new FetchedArtifact(new Artifact(ArtifactType.BPMN, "order.bpmn", "Genesis/bpmn/order.bpmn", SHA),
        BundleVerifier.hex(SigningKeys.sha256(BPMN)), BPMN.length, BPMN);
  }

  private static FetchedArtifact worker() {
    return new FetchedArtifact(new Artifact(ArtifactType.WORKER, "worker", "Genesis/worker", SHA),
        "ef".repeat(32), 4096, new byte[0]);
  }

  private static ProvenanceInput input(Optional<String> planId) {
    Dependency lodash = new Dependency(Ecosystem.NPM, "lodash", "4.17.21", "pkg:npm/lodash@4.17.21");
    Dependency leftPad = new Dependency(Ecosystem.NPM, "left-pad", "1.3.0", "pkg:npm/left-pad@1.3.0");
    return new ProvenanceInput("r-42", REPO, List.of(SHA), "intent-3", planId, "run-1001",
        "https://pipeline.example.test/prometheus", Instant.parse("2026-03-01T10:00:00Z"),
        Instant.parse("2026-03-01T10:04:30Z"), List.of(Subject.of(bpmn()), Subject.of(worker())),
        List.of(ResolvedDependency.gitCommit(REPO, SHA), ResolvedDependency.of(lodash, Optional.of("ab".repeat(32))),
            ResolvedDependency.of(leftPad, Optional.empty())));
  }
}
