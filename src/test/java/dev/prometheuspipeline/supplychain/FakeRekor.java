package dev.prometheuspipeline.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Rekor v1 log on loopback HTTP that checks a {@code hashedrekord} 0.0.1 entry as the real one does (the
 * certificate is one the trusted Fulcio CA issued, the signature verifies over the digest with it), appends it to
 * an RFC 6962 Merkle tree, and answers with the entry, its inclusion proof, a signed entry timestamp and a signed
 * checkpoint (signed note), all with the test Rekor key.
 */
final class FakeRekor extends LoopbackService {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private final SigstoreTestPki pki;
  private final MerkleLog log;

  FakeRekor(SigstoreTestPki pki) throws Exception {
    super("/api/v1/log/entries");
    this.pki = pki;
    log = new MerkleLog(pki.rekorKey, url().getHost());
  }

  @Override
  void handle(HttpExchange exchange) throws Exception {
    if (!exchange.getRequestMethod().equals("POST")) {
      replyJson(exchange, 405, "{\"message\":\"only POST\"}");
      return;
    }
    byte[] body = exchange.getRequestBody().readAllBytes();
    String refusal = check(body);
    if (refusal != null) {
      answers.add("refused: " + refusal);
      replyJson(exchange, 400, JSON.writeValueAsString(Map.of("code", 400, "message", refusal)));
      return;
    }
    String entry = append(body);
    exchange.getResponseHeaders().add("Location", "/api/v1/log/entries/" + JSON.readTree(entry).fieldNames().next());
    replyJson(exchange, 201, entry);
  }

  /** Null when the entry is a hashedrekord whose certificate is trusted and whose signature verifies. */
  private String check(byte[] body) throws Exception {
    JsonNode entry = JSON.readTree(body);
    if (!"hashedrekord".equals(entry.path("kind").asText()) || !"0.0.1".equals(entry.path("apiVersion").asText())) {
      return "only hashedrekord 0.0.1 entries are accepted";
    }
    JsonNode spec = entry.path("spec");
    if (!"sha256".equals(spec.path("data").path("hash").path("algorithm").asText())) {
      return "the digest must be sha256";
    }
    byte[] digest = HEX.parseHex(spec.path("data").path("hash").path("value").asText());
    byte[] pem = Base64.getDecoder().decode(spec.path("signature").path("publicKey").path("content").asText());
    var issued = pki.issuedByFulcio(pem);
    if (issued.isEmpty()) {
      return "the certificate was not issued by the trusted Fulcio CA";
    }
    X509Certificate certificate = issued.get();
    Signature ecdsa = Signature.getInstance("NONEwithECDSA");
    ecdsa.initVerify(certificate.getPublicKey());
    ecdsa.update(digest);
    byte[] signature = Base64.getDecoder().decode(spec.path("signature").path("content").asText());
    try {
      if (ecdsa.verify(signature)) {
        return null;
      }
    } catch (java.security.SignatureException malformed) {
      // falls through to the refusal
    }
    return "the signature does not verify over the digest with the certificate's key";
  }

  /** Appends the entry and answers as Rekor does: {uuid: {body, integratedTime, logID, logIndex, verification}}. */
  private String append(byte[] body) throws Exception {
    MerkleLog.Inclusion inclusion = log.append(body);
    String logId = HEX.formatHex(SigstoreTestPki.sha256(pki.rekorKey.getPublic().getEncoded()));
    String encodedBody = Base64.getEncoder().encodeToString(body);
    long integratedTime = Instant.now().getEpochSecond();
    String signable = "{\"body\":\"" + encodedBody + "\",\"integratedTime\":" + integratedTime + ",\"logID\":\""
        + logId + "\",\"logIndex\":" + inclusion.index() + "}";
    String set = SigstoreTestPki.b64(SigstoreTestPki.sign(pki.rekorKey, signable.getBytes(StandardCharsets.UTF_8)));
    Map<String, Object> proof = new LinkedHashMap<>();
    proof.put("checkpoint", inclusion.checkpoint());
    proof.put("hashes", inclusion.path().stream().map(HEX::formatHex).toList());
    proof.put("logIndex", inclusion.index());
    proof.put("rootHash", HEX.formatHex(inclusion.root()));
    proof.put("treeSize", inclusion.treeSize());
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("body", encodedBody);
    entry.put("integratedTime", integratedTime);
    entry.put("logID", logId);
    entry.put("logIndex", inclusion.index());
    entry.put("verification", Map.of("inclusionProof", proof, "signedEntryTimestamp", set));
    answers.add("logged " + inclusion.index());
    return JSON.writeValueAsString(Map.of(HEX.formatHex(inclusion.leaf()), entry));
  }
}
