package dev.prometheuspipeline.supplychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.supplychain.BundleVerification.Outcome;
import dev.prometheuspipeline.supplychain.ProvenanceInput.Subject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless provenance as a DSSE envelope: sigstore-java's {@code KeylessSigner.attest} against a loopback Fulcio, a
 * Rekor v2 log and an RFC 3161 timestamp authority that check their requests, and its {@code KeylessVerifier}
 * (through {@link KeylessBundleVerifier#verifyProvenance}) checking the bundle offline with the trusted root.
 */
class KeylessProvenanceTest {
  private static final String IDENTITY = FakeSigstore.IDENTITY;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final FetchedArtifact ORDER = Releases.model(ArtifactType.BPMN, "Genesis/bpmn/order.bpmn",
      "<definitions id=\"order\"/>");

  @TempDir static Path dir;
  private static FakeSigstore sigstore;
  private static KeylessArtifactSigner signer;

  @BeforeAll
  static void startSigstore() {
    sigstore = FakeSigstore.start(dir);
    signer = new KeylessArtifactSigner(sigstore.fulcioUrl(), sigstore.rekorUrl(), sigstore.trustedRoot(),
        IdentityTokenSource.file(sigstore.tokenFile()),
        Optional.of(new KeylessArtifactSigner.StatementLog(sigstore.rekorV2Url(), sigstore.tsaUrl())));
  }

  @AfterAll
  static void stopSigstore() throws Exception {
    signer.close();
    sigstore.close();
  }

  private static KeylessBundleVerifier verifier() {
    return new KeylessBundleVerifier(sigstore.trustedRoot(), IDENTITY, FakeSigstore.ISSUER);
  }

  @Test
  void signsProvenanceAsADsseEnvelopeWhosePayloadIsTheStatement() throws Exception {
    String statement = statement("r-1");

    Signature signature = signer.signStatement(statement);

    JsonNode bundle = JSON.readTree(signature.bundleJson());
    JsonNode envelope = ProvenanceTest.dsseEnvelopeAround(bundle, statement);
    JsonNode material = bundle.path("verificationMaterial");
    assertThat(material.has("certificate")).isTrue();
    assertThat(material.path("tlogEntries")).singleElement().satisfies(entry ->
        assertThat(entry.path("kindVersion").toString()).isEqualTo("{\"kind\":\"dsse\",\"version\":\"0.0.2\"}"));
    assertThat(material.path("timestampVerificationData").path("rfc3161Timestamps")).hasSize(1);
    byte[] sig = Base64.getDecoder().decode(envelope.path("signatures").get(0).path("sig").asText());
    assertThat(sigstore.tsa.answers).contains("stamped " + Releases.sha256(sig));
    assertThat(sigstore.rekorV2.answers).anyMatch(answer -> answer.startsWith("logged "));
    assertThat(signature.sha256()).isEqualTo(Releases.sha256(statement.getBytes(StandardCharsets.UTF_8)));
    assertThat(signature.keyId()).isEqualTo("keyless:" + IDENTITY);
  }

  @Test
  void theDsseBundleVerifiesOfflineWithTheTrustedRoot() {
    String bundle = signer.signStatement(statement("r-2")).bundleJson();

    assertThat(verifier().verifyProvenance(bundle, List.of(Subject.of(ORDER)))).isEqualTo(BundleVerification.OK);
  }

  @Test
  void refusesAStatementChangedAfterSigning() throws Exception {
    ObjectNode bundle = (ObjectNode) JSON.readTree(signer.signStatement(statement("r-3")).bundleJson());
    ObjectNode envelope = (ObjectNode) bundle.path("dsseEnvelope");
    String payload = new String(Base64.getDecoder().decode(envelope.path("payload").asText()), StandardCharsets.UTF_8);
    envelope.put("payload", Base64.getEncoder().encodeToString(
        payload.replace("\"r-3\"", "\"r-4\"").getBytes(StandardCharsets.UTF_8)));

    BundleVerification result = verifier().verifyProvenance(JSON.writeValueAsString(bundle),
        List.of(Subject.of(ORDER)));

    assertThat(result.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    assertThat(result.reason()).contains("DSSE signature was not valid").contains(IDENTITY);
  }

  @Test
  void refusesAProvenanceSignedByAnotherIdentityThanThePolicyNames() {
    String bundle = signer.signStatement(statement("r-5")).bundleJson();
    var policy = new KeylessBundleVerifier(sigstore.trustedRoot(), "deployer@pipeline.test", FakeSigstore.ISSUER);

    BundleVerification result = policy.verifyProvenance(bundle, List.of(Subject.of(ORDER)));

    assertThat(result.outcome()).isEqualTo(Outcome.WRONG_IDENTITY);
    assertThat(result.reason()).isEqualTo("signed by identity " + IDENTITY + " of issuer " + FakeSigstore.ISSUER
        + ", not by deployer@pipeline.test of issuer " + FakeSigstore.ISSUER);
  }

  @Test
  void refusesATimestampFromAnAuthorityTheTrustedRootDoesNotName() throws Exception {
    String bundle = signer.signStatement(statement("r-6")).bundleJson();
    SigstoreTestPki stranger = new SigstoreTestPki("stranger");
    var pki = sigstore.pki;
    Path otherRoot = pki.trustedRoot(dir.resolve("other_tsa_root.json"), new SigstoreTestPki.Services(
        sigstore.fulcioUrl(), sigstore.rekorUrl(), sigstore.rekorV2Url(), sigstore.tsaUrl()), pki.fulcioCa,
        stranger.tsaChain);
    var policy = new KeylessBundleVerifier(otherRoot, IDENTITY, FakeSigstore.ISSUER);

    BundleVerification result = policy.verifyProvenance(bundle, List.of(Subject.of(ORDER)));

    assertThat(result.outcome()).isEqualTo(Outcome.UNTRUSTED);
    assertThat(result.reason()).startsWith("the signature's timestamp is not vouched for by a timestamp authority")
        .contains("not verifiable against TSAs");
  }

  @Test
  void aTrustedRootWithoutATimestampAuthorityIsRefusedAtStartNotAtTheFirstRelease() throws Exception {
    var pki = sigstore.pki;
    Path noTsa = pki.trustedRoot(dir.resolve("no_tsa_root.json"), new SigstoreTestPki.Services(
        sigstore.fulcioUrl(), sigstore.rekorUrl(), sigstore.rekorV2Url(), sigstore.tsaUrl()), pki.fulcioCa,
        List.of());
    var statements = Optional.of(new KeylessArtifactSigner.StatementLog(sigstore.rekorV2Url(), sigstore.tsaUrl()));

    assertThatThrownBy(() -> new KeylessArtifactSigner(sigstore.fulcioUrl(), sigstore.rekorUrl(), noTsa,
        IdentityTokenSource.file(sigstore.tokenFile()), statements))
        .isInstanceOf(SigningKeyException.class)
        .hasMessage("pipeline.signing.keyless.tsa-url is " + sigstore.tsaUrl() + ", but the trusted root " + noTsa
            + " names no timestamp authority (timestampAuthorities is empty), so no provenance it stamps could be"
            + " verified: add the TSA's certificate chain to the trusted root");
    // Without DSSE provenance no timestamp authority is needed: message signatures go to Rekor v1.
    new KeylessArtifactSigner(sigstore.fulcioUrl(), sigstore.rekorUrl(), noTsa,
        IdentityTokenSource.file(sigstore.tokenFile()), Optional.empty()).close();
  }

  @Test
  void refusesADsseBundleWithoutATimestamp() throws Exception {
    ObjectNode bundle = (ObjectNode) JSON.readTree(signer.signStatement(statement("r-7")).bundleJson());
    ((ObjectNode) bundle.path("verificationMaterial")).remove("timestampVerificationData");

    BundleVerification result = verifier().verifyProvenance(JSON.writeValueAsString(bundle),
        List.of(Subject.of(ORDER)));

    assertThat(result.outcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(result.reason()).contains("No timestamp verification (set, timestamp) was provided");
  }

  @Test
  void refusesADsseBundleCarryingTheRekorV2EntryOfAnotherStatement() throws Exception {
    ObjectNode bundle = (ObjectNode) JSON.readTree(signer.signStatement(statement("r-12")).bundleJson());
    JsonNode other = JSON.readTree(signer.signStatement(statement("r-13")).bundleJson());
    ((ObjectNode) bundle.path("verificationMaterial")).set("tlogEntries",
        other.path("verificationMaterial").path("tlogEntries"));

    BundleVerification result = verifier().verifyProvenance(JSON.writeValueAsString(bundle),
        List.of(Subject.of(ORDER)));

    assertThat(result.outcome()).isEqualTo(Outcome.LOG_MISMATCH);
    assertThat(result.reason()).contains("does not match DSSE payload digest in log entry");
  }

  @Test
  void refusesAProvenanceThatDoesNotNameTheArtifact() {
    String bundle = signer.signStatement(statement("r-8")).bundleJson();
    Subject other = new Subject("Genesis/bpmn/other.bpmn", Releases.MODELS_COMMIT, "ab".repeat(32));

    BundleVerification result = verifier().verifyProvenance(bundle, List.of(other));

    assertThat(result.outcome()).isEqualTo(Outcome.SUBJECT_MISMATCH);
    assertThat(result.reason()).contains("names no subject Genesis/bpmn/other.bpmn@" + Releases.MODELS_COMMIT);
  }

  @Test
  void withoutAStatementLogTheStatementIsAMessageSignatureLoggedInRekorV1() throws Exception {
    String statement = statement("r-9");
    try (var plain = new KeylessArtifactSigner(sigstore.fulcioUrl(), sigstore.rekorUrl(), sigstore.trustedRoot(),
        sigstore.tokenFile())) {
      String bundle = plain.signStatement(statement).bundleJson();

      assertThat(JSON.readTree(bundle).has("messageSignature")).isTrue();
      assertThat(verifier().verify(bundle, statement.getBytes(StandardCharsets.UTF_8)))
          .isEqualTo(BundleVerification.OK);
      assertThat(verifier().verifyProvenance(bundle, List.of(Subject.of(ORDER))).outcome())
          .isEqualTo(Outcome.MALFORMED);
    }
  }

  @Test
  void rekorV2RefusesAnEnvelopeWhoseSignatureIsNotOverItsPayload() throws Exception {
    JsonNode bundle = JSON.readTree(signer.signStatement(statement("r-10")).bundleJson());
    JsonNode envelope = bundle.path("dsseEnvelope");
    String forged = Base64.getEncoder().encodeToString(statement("r-11").getBytes(StandardCharsets.UTF_8));
    String request = "{\"dsseRequestV002\":{\"envelope\":{\"payload\":\"" + forged + "\",\"payloadType\":\""
        + envelope.path("payloadType").asText() + "\",\"signatures\":[{\"sig\":\""
        + envelope.path("signatures").get(0).path("sig").asText() + "\"}]},\"verifiers\":[{\"x509Certificate\":"
        + bundle.path("verificationMaterial").path("certificate") + ",\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\"}]}}";

    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(sigstore.rekorV2Url() + "/api/v2/log/entries")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("the envelope's signature does not verify over its pre-authentication");
  }

  @Test
  void theTimestampAuthorityTakesOnlyTimestampQueries() throws Exception {
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sigstore.tsaUrl())
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(415);
    assertThat(sigstore.tsa.answers).contains("refused: not a POST of application/timestamp-query");
  }

  @Test
  void aRekorV2LogWithoutATimestampAuthorityIsRefusedAtStartWithTheSettingToAdd() {
    var keyless = new SigningProperties.Keyless(null, null, null, null, null, null, null, null, null, null,
        sigstore.rekorV2Url(), null);

    assertThatThrownBy(keyless::statementLog)
        .isInstanceOf(SigningKeyException.class)
        .hasMessageContaining("set both rekor-v2-url and tsa-url")
        .hasMessageContaining("only rekor-v2-url is set");
  }

  private static String statement(String releaseRef) {
    return Provenance.statement(new ProvenanceInput(releaseRef, "https://git.example.test/acme/processes.git",
        List.of(Releases.MODELS_COMMIT), "intent-1", Optional.empty(), "run-" + releaseRef,
        SigningProperties.DEFAULT_BUILDER_ID, Instant.parse("2026-03-01T10:00:00Z"),
        Instant.parse("2026-03-01T10:01:00Z"), List.of(Subject.of(ORDER)), List.of()));
  }
}
