package dev.prometheuspipeline.supplychain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.supplychain.Dependency.Ecosystem;
import dev.prometheuspipeline.supplychain.SignatureReport.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the sign stage records, and that implantar's check accepts exactly that and nothing edited. */
class ReleaseSigningTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHA = "9f2c4e1a7b3d5f60718293a4b5c6d7e8f9012345";
  private static final String WORKER_SHA = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path dir;
  private SigningKey key;
  private ReleaseSigning signing;
  private final List<FetchedArtifact> release = List.of(file("Genesis/bpmn/order.bpmn", "<order/>"),
      file("Genesis/dmn/route.dmn", "<route/>"),
      new FetchedArtifact(new Artifact(ArtifactType.WORKER, "notify", "workers/notify", WORKER_SHA),
          "ab".repeat(32), 2048, new byte[0]));

  @BeforeEach
  void makeKey() {
    key = TestKeys.fresh(dir, "release");
    signing = new ReleaseSigning(key, "https://pipeline.example/builder");
  }

  private ReleaseSigning.Run run(String intentId, Optional<String> planId) {
    return new ReleaseSigning.Run("run-7", "r-2026-12-07", "https://git.example/models.git",
        "https://git.example/workers.git", intentId, planId, Instant.parse("2026-12-07T10:00:00Z"));
  }

  @Test
  void signsEveryArtifactTheSbomAndAProvenanceThatImplantarsCheckAccepts() {
    ReleaseSigning.Signed signed = signing.sign(run("", Optional.empty()), release, Optional.of("{\"bom\":1}"),
        List.of(), Instant.parse("2026-12-07T10:05:00Z"));

    assertThat(signed.artifactsSigned()).isEqualTo(3);
    assertThat(signed.attestations()).extracting(Attestation::artifact)
        .containsExactly("order.bpmn", "route.dmn", "notify", AttestationSet.SBOM, AttestationSet.PROVENANCE);
    assertThat(signed.keyId()).isEqualTo(key.keyId());
    assertThat(signed.provenanceSha256()).hasSize(64);
    SignatureReport check = new SignatureCheck(key).check(release,
        Optional.of(AttestationSet.json(signed.attestations())));
    assertThat(check.passed()).as(check.summary()).isTrue();
  }

  @Test
  void theProvenanceNamesTheIntentThePlanTheCommitsAndThePackages() throws Exception {
    Dependency lodash = new Dependency(Ecosystem.NPM, "lodash", "4.17.21", "pkg:npm/lodash@4.17.21");
    ReleaseSigning.Signed signed = signing.sign(run("intent-42", Optional.of("plan-9")), release, Optional.empty(),
        List.of(lodash), Instant.parse("2026-12-07T10:05:00Z"));

    Attestation provenance = signed.attestations().get(signed.attestations().size() - 1);
    JsonNode envelope = JSON.readTree(provenance.bundle()).path("dsseEnvelope");
    JsonNode statement = JSON.readTree(Base64.getDecoder().decode(envelope.path("payload").asText()));
    JsonNode parameters = statement.at("/predicate/buildDefinition/externalParameters");
    assertThat(parameters.path("intent_id").asText()).isEqualTo("intent-42");
    assertThat(parameters.path("plan_id").asText()).isEqualTo("plan-9");
    assertThat(statement.path("subject").findValuesAsText("name"))
        .containsExactly("Genesis/bpmn/order.bpmn@" + SHA, "Genesis/dmn/route.dmn@" + SHA, "workers/notify@" + WORKER_SHA);
    assertThat(statement.at("/predicate/buildDefinition/resolvedDependencies").findValuesAsText("uri")).containsExactly(
        "git+https://git.example/models.git@" + SHA, "git+https://git.example/workers.git@" + WORKER_SHA,
        "pkg:npm/lodash@4.17.21");
    assertThat(signed.attestations()).extracting(Attestation::artifact).doesNotContain(AttestationSet.SBOM);
  }

  @Test
  void theStoredListReadsBackAsItWasWrittenWithEachBundleAsAJsonObject() throws Exception {
    ReleaseSigning.Signed signed = signing.sign(run("", Optional.empty()), release, Optional.of("{}"), List.of(),
        Instant.now());

    String stored = AttestationSet.json(signed.attestations());

    assertThat(JSON.readTree(stored).get(0).path("bundle").path("mediaType").asText())
        .isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(AttestationSet.parse(stored)).usingRecursiveFieldByFieldElementComparatorIgnoringFields("bundle")
        .containsExactlyElementsOf(signed.attestations());
    assertThat(AttestationSet.parse(stored)).extracting(a -> JSON.readTree(a.bundle()))
        .containsExactlyElementsOf(signed.attestations().stream().map(a -> readTree(a.bundle())).toList());
  }

  @Test
  void aRunWithoutRecordedAttestationsHasEveryArtifactUnsigned() {
    SignatureReport check = new SignatureCheck(key).check(release, Optional.empty());

    assertThat(check.checks()).extracting(SignatureReport.Check::outcome).containsOnly(Outcome.UNSIGNED);
  }

  @Test
  void attestationsMadeWithAnotherKeyAreRefusedAndTheSummaryStaysBounded() {
    List<FetchedArtifact> many = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      many.add(file("Genesis/bpmn/process-with-a-rather-long-name-" + i + ".bpmn", "<p" + i + "/>"));
    }
    SigningKey other = TestKeys.fresh(dir, "other");
    String recorded = AttestationSet.json(new ReleaseSigning(other, "b").sign(run("", Optional.empty()), many,
        Optional.empty(), List.of(), Instant.now()).attestations());

    SignatureReport check = new SignatureCheck(key).check(many, Optional.of(recorded));

    assertThat(check.refused()).hasSize(400).extracting(SignatureReport.Check::outcome).containsOnly(Outcome.WRONG_KEY);
    assertThat(SignatureCheck.boundedSummary(check)).hasSizeLessThan(2_100).endsWith("(400 refused; see the release's history)");
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static FetchedArtifact file(String path, String text) {
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    ArtifactType type = path.endsWith(".dmn") ? ArtifactType.DMN : ArtifactType.BPMN;
    return new FetchedArtifact(new Artifact(type, path.substring(path.lastIndexOf('/') + 1), path, SHA),
        BundleVerifier.hex(SigningKeys.sha256(content)), content.length, content);
  }
}
