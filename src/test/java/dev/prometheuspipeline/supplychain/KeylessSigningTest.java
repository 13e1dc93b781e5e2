package dev.prometheuspipeline.supplychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.supplychain.BundleVerification.Outcome;
import dev.sigstore.fulcio.v2.CAGrpc;
import dev.sigstore.fulcio.v2.CreateSigningCertificateRequest;
import dev.sigstore.fulcio.v2.Credentials;
import dev.sigstore.fulcio.v2.PublicKeyAlgorithm;
import dev.sigstore.fulcio.v2.PublicKeyRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless signing and its verification through sigstore-java against a loopback Fulcio (gRPC over TLS) and Rekor
 * that check their requests, with a trusted root naming the test PKI: nothing is faked inside sigstore-java.
 */
class KeylessSigningTest {
  private static final String IDENTITY = FakeSigstore.IDENTITY;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static FakeSigstore sigstore;
  private static SigstoreTestPki pki;
  private static FakeFulcio fulcio;
  private static FakeRekor rekor;
  private static Path trustedRoot;
  private static KeylessArtifactSigner signer;

  @BeforeAll
  static void startSigstore() {
    sigstore = FakeSigstore.start(dir);
    pki = sigstore.pki;
    fulcio = sigstore.fulcio;
    rekor = sigstore.rekor;
    trustedRoot = sigstore.trustedRoot();
    signer = new KeylessArtifactSigner(fulcio.url(), rekor.url(), trustedRoot, sigstore.tokenFile());
  }

  @AfterAll
  static void stopSigstore() throws Exception {
    signer.close();
    sigstore.close();
  }

  private static KeylessBundleVerifier verifier() {
    return new KeylessBundleVerifier(trustedRoot, IDENTITY, SigstoreTestPki.OIDC_ISSUER);
  }

  @Test
  void signsKeylessAndTheBundleVerifiesOfflineWithTheTrustedRoot() throws Exception {
    byte[] content = "<definitions id=\"order\"/>".getBytes(StandardCharsets.UTF_8);

    Signature signature = signer.sign(content);

    assertThat(signature.keyId()).isEqualTo("keyless:" + IDENTITY);
    assertThat(signature.sha256()).isEqualTo(Releases.sha256(content));
    var bundle = JSON.readTree(signature.bundleJson());
    assertThat(bundle.path("verificationMaterial").has("certificate")).isTrue();
    assertThat(bundle.path("verificationMaterial").path("tlogEntries")).hasSize(1);
    assertThat(fulcio.answers).contains("issued " + IDENTITY);
    assertThat(rekor.answers).anyMatch(answer -> answer.startsWith("logged "));
    assertThat(KeylessBundleVerifier.isKeyless(signature.bundleJson())).isTrue();
    assertThat(verifier().verify(signature.bundleJson(), content)).isEqualTo(BundleVerification.OK);
  }

  @Test
  void refusesContentWithOneByteFlipped() {
    byte[] content = "<definitions id=\"route\"/>".getBytes(StandardCharsets.UTF_8);
    Signature signature = signer.sign(content);
    content[3] ^= 1;

    BundleVerification result = verifier().verify(signature.bundleJson(), content);

    assertThat(result.outcome()).isEqualTo(Outcome.DIGEST_MISMATCH);
    assertThat(result.reason()).contains(Releases.sha256(content)).contains(signature.sha256());
  }

  @Test
  void refusesABundleWhoseSignatureHasAByteFlipped() throws Exception {
    byte[] content = "<definitions id=\"invoice\"/>".getBytes(StandardCharsets.UTF_8);
    ObjectNode bundle = (ObjectNode) JSON.readTree(signer.sign(content).bundleJson());
    ObjectNode message = (ObjectNode) bundle.path("messageSignature");
    byte[] sig = Base64.getDecoder().decode(message.path("signature").asText());
    sig[sig.length - 1] ^= 1;
    message.put("signature", Base64.getEncoder().encodeToString(sig));

    BundleVerification result = verifier().verify(JSON.writeValueAsString(bundle), content);

    assertThat(result.outcome()).isIn(Outcome.BAD_SIGNATURE);
    assertThat(result.reason()).contains(IDENTITY);
  }

  @Test
  void refusesASignatureOfAnotherIdentityThanThePolicyNames() {
    byte[] content = "<form/>".getBytes(StandardCharsets.UTF_8);
    Signature signature = signer.sign(content);
    var policy = new KeylessBundleVerifier(trustedRoot, "deployer@pipeline.test", SigstoreTestPki.OIDC_ISSUER);

    BundleVerification result = policy.verify(signature.bundleJson(), content);

    assertThat(result.outcome()).isEqualTo(Outcome.WRONG_IDENTITY);
    assertThat(result.reason()).isEqualTo("signed by identity " + IDENTITY + " of issuer "
        + SigstoreTestPki.OIDC_ISSUER + ", not by deployer@pipeline.test of issuer " + SigstoreTestPki.OIDC_ISSUER);
  }

  @Test
  void refusesASignatureOfTheRightIdentityFromAnotherIssuer() {
    byte[] content = "<form id=\"approve\"/>".getBytes(StandardCharsets.UTF_8);
    Signature signature = signer.sign(content);
    var policy = new KeylessBundleVerifier(trustedRoot, IDENTITY, "https://accounts.other.test");

    BundleVerification result = policy.verify(signature.bundleJson(), content);

    assertThat(result.outcome()).isEqualTo(Outcome.WRONG_IDENTITY);
    assertThat(result.reason()).contains("of issuer " + SigstoreTestPki.OIDC_ISSUER + ", not by " + IDENTITY
        + " of issuer https://accounts.other.test");
  }

  @Test
  void refusesABundleCarryingTheRekorEntryOfAnotherSignature() throws Exception {
    byte[] content = "<order/>".getBytes(StandardCharsets.UTF_8);
    ObjectNode bundle = (ObjectNode) JSON.readTree(signer.sign(content).bundleJson());
    var other = JSON.readTree(signer.sign("<other/>".getBytes(StandardCharsets.UTF_8)).bundleJson());
    ((ObjectNode) bundle.path("verificationMaterial")).set("tlogEntries",
        other.path("verificationMaterial").path("tlogEntries"));

    BundleVerification result = verifier().verify(JSON.writeValueAsString(bundle), content);

    assertThat(result.outcome()).isEqualTo(Outcome.LOG_MISMATCH);
    assertThat(result.reason()).contains("inconsistent with log entry");
  }

  @Test
  void refusesACertificateFromACaTheTrustedRootDoesNotName() throws Exception {
    byte[] content = "<decision/>".getBytes(StandardCharsets.UTF_8);
    Signature signature = signer.sign(content);
    SigstoreTestPki stranger = new SigstoreTestPki("stranger");
    Path otherRoot = pki.trustedRoot(dir.resolve("other_root.json"), fulcio.url(), rekor.url(), stranger.fulcioCa);
    var policy = new KeylessBundleVerifier(otherRoot, IDENTITY, SigstoreTestPki.OIDC_ISSUER);

    BundleVerification result = policy.verify(signature.bundleJson(), content);

    assertThat(result.outcome()).isEqualTo(Outcome.UNTRUSTED);
    assertThat(result.reason()).contains("pipeline-test Fulcio CA").contains("not verifiable against CAs");
  }

  @Test
  void implantarChecksAKeylessAttestationWithTheTrustedRootAndRefusesItWithoutOne() {
    FetchedArtifact order = Releases.model(ArtifactType.BPMN, "Genesis/bpmn/order.bpmn", "<order/>");
    Attestation attestation = signer.attest(order);
    String releaseKey = TestKeys.fresh(dir, "release").publicKeyPem();

    SignatureReport checked = new AttestationVerifier(Optional.of(verifier()))
        .verify(List.of(order), List.of(attestation), releaseKey);
    SignatureReport unchecked = new AttestationVerifier().verify(List.of(order), List.of(attestation), releaseKey);

    assertThat(checked.passed()).as(checked.summary()).isTrue();
    assertThat(checked.checks().get(0).reason()).startsWith("signed keyless, logged in Rekor");
    assertThat(unchecked.refused()).singleElement().satisfies(check -> {
      assertThat(check.outcome()).isEqualTo(SignatureReport.Outcome.UNTRUSTED);
      assertThat(check.reason()).contains("pipeline.signing.keyless.trusted-root");
    });
  }

  @Test
  void fulcioRefusesATokenNotSignedByTheIssuerAndNoBundleIsMade() throws Exception {
    KeyPair forger = TestKeys.ec("secp256r1");
    Path forged = Files.writeString(dir.resolve("forged-token"), SigstoreTestPki.token(forger,
        SigstoreTestPki.OIDC_ISSUER, IDENTITY, Instant.now().plusSeconds(600)));
    try (var other = new KeylessArtifactSigner(fulcio.url(), rekor.url(), trustedRoot, forged)) {
      assertThatThrownBy(() -> other.sign("<x/>".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(SigningKeyException.class)
          .hasMessageContaining("UNAUTHENTICATED")
          .hasMessageContaining("signature does not verify with the issuer's key")
          .message().doesNotContain(Files.readString(forged));
    }
    assertThat(fulcio.answers).contains("UNAUTHENTICATED: the identity token's signature does not verify with the"
        + " issuer's key");
  }

  @Test
  void aMissingTokenFileIsNamedWithTheSettingToFix() {
    Path missing = dir.resolve("no-such-token");
    try (var other = new KeylessArtifactSigner(fulcio.url(), rekor.url(), trustedRoot, missing)) {
      assertThatThrownBy(() -> other.sign("<x/>".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(SigningKeyException.class)
          .hasMessageContaining("cannot read the OIDC token file " + missing)
          .hasMessageContaining("pipeline.signing.keyless.token-file");
    }
  }

  /**
   * A pipeline that is a service gets its token from the issuer with the client credentials grant: a loopback
   * token endpoint that checks the form it is sent and answers the issuer's token.
   */
  @Test
  void signsWithATokenFromTheIssuersTokenEndpointAndNamesARefusalWithoutTheSecret() throws Exception {
    java.util.List<String> forms = new java.util.concurrent.CopyOnWriteArrayList<>();
    String issued = pki.token(IDENTITY);
    com.sun.net.httpserver.HttpServer issuer = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    issuer.createContext("/token", exchange -> {
      String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      forms.add(form);
      boolean ours = exchange.getRequestMethod().equals("POST")
          && exchange.getRequestHeaders().getFirst("Content-Type").equals("application/x-www-form-urlencoded")
          && form.contains("grant_type=client_credentials") && form.contains("client_id=pipeline")
          && form.contains("client_secret=s3cr%26t") && form.contains("audience=sigstore");
      byte[] body = (ours ? "{\"access_token\":\"" + issued + "\",\"token_type\":\"Bearer\"}"
          : "{\"error\":\"invalid_client\",\"error_description\":\"echo client_secret=s3cr&t\"}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(ours ? 200 : 401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    issuer.start();
    try {
      URI endpoint = URI.create("http://localhost:" + issuer.getAddress().getPort() + "/token");
      var tokens = IdentityTokenSource.clientCredentials(endpoint, "pipeline", "s3cr&t", "sigstore",
          java.time.Duration.ofSeconds(10));
      try (var service = new KeylessArtifactSigner(fulcio.url(), rekor.url(), trustedRoot, tokens)) {
        byte[] content = "<definitions id=\"service\"/>".getBytes(StandardCharsets.UTF_8);
        Signature signature = service.sign(content);
        assertThat(verifier().verify(signature.bundleJson(), content)).isEqualTo(BundleVerification.OK);
        assertThat(service.signerId()).isEqualTo("keyless:" + IDENTITY);
      }
      assertThat(forms).isNotEmpty();

      var wrong = IdentityTokenSource.clientCredentials(endpoint, "pipeline", "not-it", "sigstore",
          java.time.Duration.ofSeconds(10));
      try (var refused = new KeylessArtifactSigner(fulcio.url(), rekor.url(), trustedRoot, wrong)) {
        assertThatThrownBy(() -> refused.sign("<x/>".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(SigningKeyException.class)
            .hasMessageContaining("answered HTTP 401 (invalid_client)")
            .hasMessageContaining("pipeline.signing.keyless.client-id and client-secret")
            .message().doesNotContain("not-it").doesNotContain("s3cr");
      }
    } finally {
      issuer.stop(0);
    }
  }

  @Test
  void fulcioRefusesAProofOfPossessionMadeByAnotherKey() throws Exception {
    KeyPair certified = TestKeys.ec("secp256r1");
    KeyPair other = TestKeys.ec("secp256r1");
    var request = CreateSigningCertificateRequest.newBuilder()
        .setCredentials(Credentials.newBuilder().setOidcIdentityToken(pki.token(IDENTITY)))
        .setPublicKeyRequest(PublicKeyRequest.newBuilder()
            .setPublicKey(dev.sigstore.fulcio.v2.PublicKey.newBuilder().setAlgorithm(PublicKeyAlgorithm.ECDSA)
                .setContent(FakeFulcio.pem(SubjectPublicKeyInfo.getInstance(certified.getPublic().getEncoded()))))
            .setProofOfPossession(ByteString.copyFrom(SigstoreTestPki.sign(other,
                IDENTITY.getBytes(StandardCharsets.UTF_8)))))
        .build();
    ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", fulcio.url().getPort())
        .sslContext(GrpcSslContexts.forClient().trustManager(pki.tlsCa).build()).build();
    try {
      assertThatThrownBy(() -> CAGrpc.newBlockingStub(channel).createSigningCertificate(request))
          .isInstanceOf(StatusRuntimeException.class)
          .hasMessageContaining("INVALID_ARGUMENT: the proof of possession is not the token's subject");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void rekorRefusesAnEntryWhoseSignatureIsNotOverItsDigest() throws Exception {
    byte[] content = "<log/>".getBytes(StandardCharsets.UTF_8);
    var bundle = JSON.readTree(signer.sign(content).bundleJson());
    String body = new String(Base64.getDecoder().decode(bundle.path("verificationMaterial").path("tlogEntries")
        .get(0).path("canonicalizedBody").asText()), StandardCharsets.UTF_8);
    String otherDigest = Releases.sha256("<not the log/>".getBytes(StandardCharsets.UTF_8));
    String tampered = body.replace(Releases.sha256(content), otherDigest);

    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(rekor.url() + "/api/v1/log/entries")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(tampered)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(tampered).isNotEqualTo(body);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("the signature does not verify over the digest");
  }
}
