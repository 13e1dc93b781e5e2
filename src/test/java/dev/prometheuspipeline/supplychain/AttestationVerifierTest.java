package dev.prometheuspipeline.supplychain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.supplychain.SignatureReport.Check;
import dev.prometheuspipeline.supplychain.SignatureReport.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttestationVerifierTest {
  private static final String OLD_SHA = "1111111111111111111111111111111111111111";
  private static final String SHA = "9f2c4e1a7b3d5f60718293a4b5c6d7e8f9012345";

  @TempDir Path dir;
  private SigningKey key;
  private ArtifactSigner signer;
  private final AttestationVerifier verifier = new AttestationVerifier();

  @BeforeEach
  void makeKey() {
    key = TestKeys.fresh(dir, "release");
    signer = new ArtifactSigner(key);
  }

  @Test
  void passesArtifactsSignedWithTheReleaseKeyAndUnchanged() {
    List<FetchedArtifact> release = List.of(file("Genesis/bpmn/order.bpmn", SHA, "<order/>"),
        file("Genesis/dmn/route.dmn", SHA, "<route/>"), worker("Genesis/worker", SHA, "ab".repeat(32)));
    List<Attestation> recorded = release.stream().map(signer::attest).toList();

    SignatureReport report = verifier.verify(release, recorded, key.publicKeyPem());

    assertThat(report.passed()).as(report.summary()).isTrue();
    assertThat(report.checks()).extracting(Check::outcome).containsOnly(Outcome.SIGNED);
  }

  @Test
  void refusesAnArtifactWithNoAttestationAsUnsigned() {
    FetchedArtifact signed = file("Genesis/bpmn/order.bpmn", SHA, "<order/>");
    FetchedArtifact unsigned = file("Genesis/bpmn/extra.bpmn", SHA, "<extra/>");

    SignatureReport report = verifier.verify(List.of(signed, unsigned), List.of(signer.attest(signed)),
        key.publicKeyPem());

    assertThat(report.passed()).isFalse();
    assertThat(report.refused()).singleElement().satisfies(check -> {
      assertThat(check.path()).isEqualTo("Genesis/bpmn/extra.bpmn");
      assertThat(check.outcome()).isEqualTo(Outcome.UNSIGNED);
      assertThat(check.reason()).startsWith("no attestation is recorded for Genesis/bpmn/extra.bpmn");
    });
  }

  @Test
  void refusesAnArtifactWithOneByteFlippedAsTampered() {
    FetchedArtifact signed = file("Genesis/bpmn/order.bpmn", SHA, "<order/>");
    Attestation attestation = signer.attest(signed);
    byte[] flipped = signed.content();
    flipped[1] ^= 0x01;
    // The refetched record still claims the signed digest: the check must compute its own.
    FetchedArtifact tampered = new FetchedArtifact(signed.artifact(), signed.digest(), flipped.length, flipped);

    Check check = verifier.verify(List.of(tampered), List.of(attestation), key.publicKeyPem()).checks().get(0);

    assertThat(check.outcome()).isEqualTo(Outcome.TAMPERED);
    assertThat(check.reason()).isEqualTo("the artifact's bytes are not the ones signed: digest "
        + BundleVerifier.hex(SigningKeys.sha256(flipped)) + ", attestation says " + signed.digest());
  }

  @Test
  void refusesTheBundleOfAnotherValidlySignedArtifactAsSwapped() {
    FetchedArtifact order = file("Genesis/bpmn/order.bpmn", SHA, "<order/>");
    FetchedArtifact route = file("Genesis/dmn/route.dmn", SHA, "<route/>");
    Attestation orderAttestation = signer.attest(order);
    Attestation swapped = new Attestation(orderAttestation.artifact(), orderAttestation.path(),
        orderAttestation.sha(), orderAttestation.sha256(), signer.attest(route).bundle());

    Check check = verifier.verify(List.of(order), List.of(swapped), key.publicKeyPem()).checks().get(0);

    assertThat(check.outcome()).isEqualTo(Outcome.SWAPPED);
    assertThat(check.reason()).contains("signs other bytes").contains("bundle says " + route.digest());
  }

  @Test
  void refusesAnOldSignatureOfTheSamePathAtAnotherCommitAsReplayed() {
    FetchedArtifact old = file("Genesis/bpmn/order.bpmn", OLD_SHA, "<order version=\"1\"/>");
    FetchedArtifact current = file("Genesis/bpmn/order.bpmn", SHA, "<order version=\"2\"/>");

    Check check = verifier.verify(List.of(current), List.of(signer.attest(old)), key.publicKeyPem()).checks().get(0);

    assertThat(check.outcome()).isEqualTo(Outcome.REPLAYED);
    assertThat(check.reason()).isEqualTo("the attestations recorded for Genesis/bpmn/order.bpmn are for commit(s) "
        + OLD_SHA + ", not " + SHA + ": a signature of another commit does not vouch for this one");
  }

  @Test
  void refusesAnArtifactSignedByAnotherKeyAsWrongKey() {
    FetchedArtifact order = file("Genesis/bpmn/order.bpmn", SHA, "<order/>");
    SigningKey stranger = TestKeys.fresh(dir, "stranger");

    Check check = verifier.verify(List.of(order), List.of(new ArtifactSigner(stranger).attest(order)),
        key.publicKeyPem()).checks().get(0);

    assertThat(check.outcome()).isEqualTo(Outcome.WRONG_KEY);
    assertThat(check.reason()).contains(stranger.keyId()).contains(key.keyId());
  }

  @Test
  void refusesABundleNamingTheReleaseKeyWithAForgedSignature() throws Exception {
    FetchedArtifact order = file("Genesis/bpmn/order.bpmn", SHA, "<order/>");
    Attestation attestation = signer.attest(order);
    ObjectMapper json = new ObjectMapper();
    ObjectNode bundle = (ObjectNode) json.readTree(attestation.bundle());
    byte[] strangersSignature = TestKeys.fresh(dir, "stranger").sign(order.content());
    ((ObjectNode) bundle.path("messageSignature"))
        .put("signature", Base64.getEncoder().encodeToString(strangersSignature));
    Attestation forged = new Attestation(attestation.artifact(), attestation.path(), attestation.sha(),
        attestation.sha256(), json.writeValueAsString(bundle));

    Check check = verifier.verify(List.of(order), List.of(forged), key.publicKeyPem()).checks().get(0);

    assertThat(check.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
  }

  @Test
  void signsAWorkerAsItsPathCommitAndFolderDigest() {
    FetchedArtifact worker = worker("Genesis/worker", SHA, "ab".repeat(32));

    assertThat(new String(Attestation.signedBytes(worker), StandardCharsets.UTF_8))
        .isEqualTo("Genesis/worker@" + SHA + ":" + "ab".repeat(32));
    assertThat(signer.attest(worker).sha256()).isEqualTo("ab".repeat(32));
  }

  @Test
  void refusesAWorkerWhoseFolderDigestChangedAsTampered() {
    Attestation attestation = signer.attest(worker("Genesis/worker", SHA, "ab".repeat(32)));
    FetchedArtifact changed = worker("Genesis/worker", SHA, "cd".repeat(32));

    Check check = verifier.verify(List.of(changed), List.of(attestation), key.publicKeyPem()).checks().get(0);

    assertThat(check.outcome()).isEqualTo(Outcome.TAMPERED);
    assertThat(check.reason()).contains("digest " + "cd".repeat(32) + ", attestation says " + "ab".repeat(32));
  }

  @Test
  void refusesAWorkerAttestationWhoseDigestWasEditedWithoutResigning() {
    Attestation attestation = signer.attest(worker("Genesis/worker", SHA, "ab".repeat(32)));
    Attestation edited = new Attestation(attestation.artifact(), attestation.path(), attestation.sha(),
        "cd".repeat(32), attestation.bundle());

    Check check = verifier.verify(List.of(worker("Genesis/worker", SHA, "cd".repeat(32))), List.of(edited),
        key.publicKeyPem()).checks().get(0);

    assertThat(check.outcome()).isEqualTo(Outcome.SWAPPED);
  }

  @Test
  void passesWhenOneOfTwoAttestationsForTheSameCommitVerifies() {
    FetchedArtifact order = file("Genesis/bpmn/order.bpmn", SHA, "<order/>");
    Attestation stale = new ArtifactSigner(TestKeys.fresh(dir, "retired")).attest(order);

    SignatureReport report = verifier.verify(List.of(order), List.of(stale, signer.attest(order)),
        key.publicKeyPem());

    assertThat(report.passed()).as(report.summary()).isTrue();
  }

  private static FetchedArtifact file(String path, String sha, String text) {
    byte[] content = text.getBytes(StandardCharsets.UTF_8);
    ArtifactType type = path.endsWith(".dmn") ? ArtifactType.DMN : ArtifactType.BPMN;
    String name = path.substring(path.lastIndexOf('/') + 1);
    return new FetchedArtifact(new Artifact(type, name, path, sha), BundleVerifier.hex(SigningKeys.sha256(content)),
        content.length, content);
  }

  private static FetchedArtifact worker(String path, String sha, String folderDigest) {
    return new FetchedArtifact(new Artifact(ArtifactType.WORKER, "worker", path, sha), folderDigest, 2048,
        new byte[0]);
  }
}
