package dev.prometheuspipeline.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigstore.fulcio.v2.CAGrpc;
import dev.sigstore.fulcio.v2.CertificateChain;
import dev.sigstore.fulcio.v2.CreateSigningCertificateRequest;
import dev.sigstore.fulcio.v2.SigningCertificate;
import dev.sigstore.fulcio.v2.SigningCertificateEmbeddedSCT;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.StreamObserver;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * A Fulcio CA v2 on loopback gRPC over TLS, checking what the real one checks: the OIDC token is a JWT signed by the
 * test issuer's key, for issuer {@link SigstoreTestPki#OIDC_ISSUER}, audience {@code sigstore}, not expired; the
 * proof of possession is the token's subject signed by the key to certify. Then it issues a short-lived
 * certificate with an embedded SCT from {@link SigstoreTestPki}. Refusals are gRPC statuses with the reason.
 */
final class FakeFulcio implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SigstoreTestPki pki;
  private final Server server;
  /** What each request was answered, in order: "issued <subject>" or the refusal. */
  final List<String> answers = new CopyOnWriteArrayList<>();

  FakeFulcio(SigstoreTestPki pki) throws Exception {
    this.pki = pki;
    KeyPair tlsKey = TestKeys.ec("secp256r1");
    X509Certificate tlsCertificate = pki.tlsCertificate(tlsKey.getPublic());
    SslContextBuilder tls = GrpcSslContexts.configure(SslContextBuilder.forServer(tlsKey.getPrivate(),
        tlsCertificate, pki.tlsCa));
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .sslContext(tls.build())
        .addService(new Ca())
        .build()
        .start();
  }

  /** {@code https://localhost:<port>}: the TLS certificate names localhost. */
  URI url() {
    return URI.create("https://localhost:" + server.getPort());
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }

  private final class Ca extends CAGrpc.CAImplBase {
    @Override
    public void createSigningCertificate(CreateSigningCertificateRequest request,
        StreamObserver<SigningCertificate> response) {
      try {
        String subject = checkToken(request.getCredentials().getOidcIdentityToken());
        PublicKey key = publicKey(request.getPublicKeyRequest().getPublicKey().getContent());
        checkProof(key, subject, request.getPublicKeyRequest().getProofOfPossession().toByteArray());
        X509Certificate leaf = pki.signingCertificate(key, subject, SigstoreTestPki.OIDC_ISSUER);
        answers.add("issued " + subject);
        response.onNext(SigningCertificate.newBuilder().setSignedCertificateEmbeddedSct(
            SigningCertificateEmbeddedSCT.newBuilder().setChain(CertificateChain.newBuilder()
                .addCertificates(pem(leaf)).addCertificates(pem(pki.fulcioCa)))).build());
        response.onCompleted();
      } catch (Refused refused) {
        answers.add(refused.status.getCode() + ": " + refused.status.getDescription());
        response.onError(refused.status.asRuntimeException());
      } catch (Exception e) {
        answers.add("INTERNAL: " + e);
        response.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
      }
    }
  }

  /** The token's subject once its signature, issuer, audience and expiry check out. */
  private String checkToken(String token) throws Exception {
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      throw new Refused(Status.UNAUTHENTICATED.withDescription("the identity token is not a JWS"));
    }
    Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
    es256.initVerify(pki.oidcKey.getPublic());
    es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    if (!es256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
      throw new Refused(Status.UNAUTHENTICATED.withDescription("the identity token's signature does not verify"
          + " with the issuer's key"));
    }
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    if (!SigstoreTestPki.OIDC_ISSUER.equals(claims.path("iss").asText())) {
      throw new Refused(Status.UNAUTHENTICATED.withDescription("unknown issuer " + claims.path("iss").asText()));
    }
    if (!SigstoreTestPki.AUDIENCE.equals(claims.path("aud").asText())) {
      throw new Refused(Status.UNAUTHENTICATED.withDescription("audience is not sigstore"));
    }
    if (claims.path("exp").asLong() < Instant.now().getEpochSecond()) {
      throw new Refused(Status.UNAUTHENTICATED.withDescription("the identity token has expired"));
    }
    return claims.path("sub").asText();
  }

  private static PublicKey publicKey(String pem) throws Exception {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      if (parser.readObject() instanceof SubjectPublicKeyInfo info) {
        return new JcaPEMKeyConverter().getPublicKey(info);
      }
    }
    throw new Refused(Status.INVALID_ARGUMENT.withDescription("the public key is not a PEM PUBLIC KEY"));
  }

  private static void checkProof(PublicKey key, String subject, byte[] proof) throws Exception {
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initVerify(key);
    ecdsa.update(subject.getBytes(StandardCharsets.UTF_8));
    boolean valid;
    try {
      valid = ecdsa.verify(proof);
    } catch (java.security.SignatureException malformed) {
      valid = false;
    }
    if (!valid) {
      throw new Refused(Status.INVALID_ARGUMENT.withDescription("the proof of possession is not the token's"
          + " subject signed by the key to certify"));
    }
  }

  static String pem(Object object) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }

  private static final class Refused extends Exception {
    final Status status;

    Refused(Status status) {
      super(status.getDescription());
      this.status = status;
    }
  }
}
