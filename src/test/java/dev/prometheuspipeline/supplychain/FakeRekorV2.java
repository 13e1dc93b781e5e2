package dev.prometheuspipeline.supplychain;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import dev.sigstore.proto.common.v1.HashAlgorithm;
import dev.sigstore.proto.common.v1.HashOutput;
import dev.sigstore.proto.common.v1.LogId;
import dev.sigstore.proto.rekor.v1.Checkpoint;
import dev.sigstore.proto.rekor.v1.InclusionProof;
import dev.sigstore.proto.rekor.v1.KindVersion;
import dev.sigstore.proto.rekor.v1.TransparencyLogEntry;
import dev.sigstore.proto.rekor.v2.CreateEntryRequest;
import dev.sigstore.proto.rekor.v2.DSSELogEntryV002;
import dev.sigstore.proto.rekor.v2.DSSERequestV002;
import dev.sigstore.proto.rekor.v2.Entry;
import dev.sigstore.proto.rekor.v2.Spec;
import io.intoto.EnvelopeOuterClass.Envelope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * A Rekor v2 log on loopback HTTP ({@code POST /api/v2/log/entries}) that checks a {@code dsse} 0.0.2 entry as the
 * real one does: one verifier, a certificate the trusted Fulcio CA issued, one envelope signature that verifies
 * over the envelope's pre-authentication encoding with it. It logs the entry's body ({@code payloadHash}, the
 * signature and its verifier, not the payload) and answers a {@code TransparencyLogEntry}: no signed entry
 * timestamp (v2 has none; time comes from a TSA), an inclusion proof and a checkpoint signed with the v2 log's key.
 */
final class FakeRekorV2 extends LoopbackService {
  private final SigstoreTestPki pki;
  private final MerkleLog log;

  FakeRekorV2(SigstoreTestPki pki) throws Exception {
    super("/api/v2/log/entries");
    this.pki = pki;
    log = new MerkleLog(pki.rekorV2Key, url().getHost());
  }

  @Override
  void handle(HttpExchange exchange) throws Exception {
    if (!exchange.getRequestMethod().equals("POST")
        || !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith("application/json")) {
      refuse(exchange, 405, "only POST of application/json");
      return;
    }
    CreateEntryRequest.Builder request = CreateEntryRequest.newBuilder();
    try {
      JsonFormat.parser().merge(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
          request);
    } catch (InvalidProtocolBufferException e) {
      refuse(exchange, 400, "not a CreateEntryRequest: " + e.getMessage());
      return;
    }
    if (!request.hasDsseRequestV002()) {
      refuse(exchange, 400, "only dsse 0.0.2 entries are accepted here");
      return;
    }
    String refusal = check(request.getDsseRequestV002());
    if (refusal != null) {
      refuse(exchange, 400, refusal);
      return;
    }
    replyJson(exchange, 201, JsonFormat.printer().print(append(request.getDsseRequestV002())));
  }

  /** Null when the envelope's one signature verifies with the one verifier's certificate, issued by Fulcio. */
  private String check(DSSERequestV002 dsse) throws Exception {
    if (dsse.getVerifiersCount() != 1 || !dsse.getVerifiers(0).hasX509Certificate()) {
      return "a dsse entry needs exactly one verifier, an X.509 certificate";
    }
    Envelope envelope = dsse.getEnvelope();
    if (envelope.getSignaturesCount() != 1) {
      return "the envelope must carry exactly one signature, it has " + envelope.getSignaturesCount();
    }
    var issued = pki.issuedByFulcio(dsse.getVerifiers(0).getX509Certificate().getRawBytes().toByteArray());
    if (issued.isEmpty()) {
      return "the certificate was not issued by the trusted Fulcio CA";
    }
    X509Certificate certificate = issued.get();
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initVerify(certificate.getPublicKey());
    ecdsa.update(ArtifactSigner.pae(envelope.getPayloadType(), envelope.getPayload().toByteArray()));
    try {
      if (ecdsa.verify(envelope.getSignatures(0).getSig().toByteArray())) {
        return null;
      }
    } catch (java.security.SignatureException malformed) {
      // falls through to the refusal
    }
    return "the envelope's signature does not verify over its pre-authentication encoding with the certificate";
  }

  private TransparencyLogEntry append(DSSERequestV002 dsse) throws Exception {
    Envelope envelope = dsse.getEnvelope();
    Entry entry = Entry.newBuilder().setKind("dsse").setApiVersion("0.0.2")
        .setSpec(Spec.newBuilder().setDsseV002(DSSELogEntryV002.newBuilder()
            .setPayloadHash(HashOutput.newBuilder().setAlgorithm(HashAlgorithm.SHA2_256)
                .setDigest(ByteString.copyFrom(SigstoreTestPki.sha256(envelope.getPayload().toByteArray()))))
            .addSignatures(dev.sigstore.proto.rekor.v2.Signature.newBuilder()
                .setContent(envelope.getSignatures(0).getSig()).setVerifier(dsse.getVerifiers(0)))))
        .build();
    byte[] body = JsonFormat.printer().omittingInsignificantWhitespace().print(entry)
        .getBytes(StandardCharsets.UTF_8);
    MerkleLog.Inclusion inclusion = log.append(body);
    answers.add("logged " + inclusion.index());
    return TransparencyLogEntry.newBuilder()
        .setLogIndex(inclusion.index())
        .setLogId(LogId.newBuilder().setKeyId(ByteString.copyFrom(
            SigstoreTestPki.sha256(pki.rekorV2Key.getPublic().getEncoded()))))
        .setKindVersion(KindVersion.newBuilder().setKind("dsse").setVersion("0.0.2"))
        .setInclusionProof(InclusionProof.newBuilder()
            .setLogIndex(inclusion.index())
            .setRootHash(ByteString.copyFrom(inclusion.root()))
            .setTreeSize(inclusion.treeSize())
            .addAllHashes(inclusion.path().stream().map(ByteString::copyFrom).toList())
            .setCheckpoint(Checkpoint.newBuilder().setEnvelope(inclusion.checkpoint())))
        .setCanonicalizedBody(ByteString.copyFrom(body))
        .build();
  }

  private void refuse(HttpExchange exchange, int status, String reason) throws IOException {
    answers.add("refused: " + reason);
    replyJson(exchange, status,
        "{\"code\":" + status + ",\"message\":\"" + reason.replace("\"", "'") + "\"}");
  }
}
