package dev.prometheuspipeline.supplychain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.supplychain.BundleVerification.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactSignerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] BPMN = "<definitions id=\"order\"/>".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private SigningKey key;
  private ArtifactSigner signer;
  private final BundleVerifier verifier = new BundleVerifier();

  @BeforeEach
  void makeKey() {
    key = TestKeys.fresh(dir, "release");
    signer = new ArtifactSigner(key);
  }

  @Test
  void writesASigstoreBundleV03NamingTheKeyByItsId() throws Exception {
    JsonNode bundle = JSON.readTree(signer.sign(BPMN).bundleJson());

    assertThat(bundle.path("mediaType").asText()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(bundle.path("verificationMaterial").path("publicKey").path("hint").asText()).isEqualTo(key.keyId());
    assertThat(bundle.path("verificationMaterial").path("tlogEntries").isArray()).isTrue();
    assertThat(bundle.path("verificationMaterial").path("tlogEntries")).isEmpty();
    JsonNode message = bundle.path("messageSignature");
    assertThat(message.path("messageDigest").path("algorithm").asText()).isEqualTo("SHA2_256");
    assertThat(Base64.getDecoder().decode(message.path("messageDigest").path("digest").asText()))
        .isEqualTo(SigningKeys.sha256(BPMN));
    assertThat(key.verify(BPMN, Base64.getDecoder().decode(message.path("signature").asText()))).isTrue();
    assertThat(bundle.has("dsseEnvelope")).isFalse();
  }

  @Test
  void verifiesItsOwnSignature() {
    BundleVerification result = verifier.verify(signer.sign(BPMN).bundleJson(), BPMN, key.publicKeyPem());

    assertThat(result.ok()).isTrue();
    assertThat(result.reason()).isEqualTo("ok");
  }

  @Test
  void flagsBytesOtherThanTheOnesSignedWithBothDigests() {
    byte[] other = "<definitions id=\"other\"/>".getBytes(StandardCharsets.UTF_8);

    BundleVerification result = verifier.verify(signer.sign(BPMN).bundleJson(), other, key.publicKeyPem());

    assertThat(result.outcome()).isEqualTo(Outcome.DIGEST_MISMATCH);
    assertThat(result.reason()).isEqualTo("the artifact's bytes are not the ones signed: digest "
        + hex(SigningKeys.sha256(other)) + ", bundle says " + hex(SigningKeys.sha256(BPMN)));
  }

  @Test
  void flagsASignatureThatDoesNotCoverTheBytes() throws Exception {
    ObjectNode bundle = (ObjectNode) JSON.readTree(signer.sign(BPMN).bundleJson());
    byte[] otherSignature = key.sign("something else".getBytes(StandardCharsets.UTF_8));
    ((ObjectNode) bundle.path("messageSignature"))
        .put("signature", Base64.getEncoder().encodeToString(otherSignature));

    BundleVerification result = verifier.verify(JSON.writeValueAsString(bundle), BPMN, key.publicKeyPem());

    assertThat(result.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    assertThat(result.reason()).contains("does not verify with key " + key.keyId());
  }

  @Test
  void flagsABundleSignedByAnotherKey() {
    SigningKey stranger = TestKeys.fresh(dir, "stranger");

    BundleVerification result = verifier.verify(
        new ArtifactSigner(stranger).sign(BPMN).bundleJson(), BPMN, key.publicKeyPem());

    assertThat(result.outcome()).isEqualTo(Outcome.WRONG_KEY);
    assertThat(result.reason()).isEqualTo("the bundle was signed by key " + stranger.keyId()
        + ", not by the release key " + key.keyId());
  }

  @Test
  void flagsTextThatIsNotJsonAsMalformed() {
    BundleVerification result = verifier.verify("{not json", BPMN, key.publicKeyPem());

    assertThat(result.outcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(result.reason()).startsWith("malformed bundle: not JSON");
  }

  @Test
  void flagsABundleWithoutKeyHintAsMalformed() throws Exception {
    ObjectNode bundle = (ObjectNode) JSON.readTree(signer.sign(BPMN).bundleJson());
    ((ObjectNode) bundle.path("verificationMaterial")).remove("publicKey");

    BundleVerification result = verifier.verify(JSON.writeValueAsString(bundle), BPMN, key.publicKeyPem());

    assertThat(result.outcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(result.reason()).isEqualTo("malformed bundle: verificationMaterial.publicKey.hint is missing");
  }

  @Test
  void flagsAnOlderMediaTypeAsMalformed() throws Exception {
    ObjectNode bundle = (ObjectNode) JSON.readTree(signer.sign(BPMN).bundleJson());
    bundle.put("mediaType", "application/vnd.dev.sigstore.bundle+json;version=0.1");

    BundleVerification result = verifier.verify(JSON.writeValueAsString(bundle), BPMN, key.publicKeyPem());

    assertThat(result.outcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(result.reason()).contains("mediaType is 'application/vnd.dev.sigstore.bundle+json;version=0.1'");
  }

  @Test
  void flagsAnEnvelopeWhereAMessageSignatureIsExpected() {
    String envelope = signer.signStatement("{\"_type\":\"https://in-toto.io/Statement/v1\"}").bundleJson();

    BundleVerification result = verifier.verify(envelope, BPMN, key.publicKeyPem());

    assertThat(result.outcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(result.reason()).isEqualTo("malformed bundle: holds a dsseEnvelope, expected a messageSignature");
  }

  @Test
  void encodesTheDssePreAuthenticationAsTheSpecDoes() {
    byte[] pae = ArtifactSigner.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8));

    // The DSSE protocol's own worked example.
    assertThat(new String(pae, StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
