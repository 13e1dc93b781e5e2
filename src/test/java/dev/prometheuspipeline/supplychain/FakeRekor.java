package dev.prometheuspipeline.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Rekor v1 log on loopback HTTP that checks a {@code hashedrekord} 0.0.1 entry as the real one does (the
 * certificate is one the trusted Fulcio CA issued, the signature verifies over the digest with it), appends it to
 * an RFC 6962 Merkle tree, and answers with the entry, its inclusion proof, a signed entry timestamp and a signed
 * checkpoint (signed note), all with the test Rekor key.
 */
final class FakeRekor implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private final SigstoreTestPki pki;
  private final HttpServer server;
  private final List<byte[]> leaves = new ArrayList<>();
  /** What each request was answered: "logged <index>" or the refusal. */
  final List<String> answers = new CopyOnWriteArrayList<>();

  FakeRekor(SigstoreTestPki pki) throws Exception {
    this.pki = pki;
    // A log never starts empty for its clients, and sigstore-java's bundle writer cannot write an entry at index 0
    // (proto3 leaves a zero log index and an empty proof out, then calls the required fields missing).
    leaves.add(leafHash("{\"genesis\":true}".getBytes(StandardCharsets.UTF_8)));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/log/entries", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        reply(exchange, 405, "{\"message\":\"only POST\"}");
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      String refusal = check(body);
      if (refusal != null) {
        answers.add("refused: " + refusal);
        reply(exchange, 400, JSON.writeValueAsString(Map.of("code", 400, "message", refusal)));
        return;
      }
      String entry = append(body);
      answers.add("logged " + (leaves.size() - 1));
      exchange.getResponseHeaders().add("Location", "/api/v1/log/entries/" + JSON.readTree(entry).fieldNames().next());
      reply(exchange, 201, entry);
    } catch (Exception e) {
      answers.add("error: " + e);
      throw new IOException(e);
    }
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
    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem));
    try {
      certificate.verify(pki.fulcioCa.getPublicKey());
    } catch (java.security.GeneralSecurityException e) {
      return "the certificate was not issued by the trusted Fulcio CA";
    }
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
  private synchronized String append(byte[] body) throws Exception {
    byte[] leaf = leafHash(body);
    leaves.add(leaf);
    long index = leaves.size() - 1;
    long treeSize = leaves.size();
    byte[] root = root(leaves);
    String logId = HEX.formatHex(SigstoreTestPki.sha256(pki.rekorKey.getPublic().getEncoded()));
    String encodedBody = Base64.getEncoder().encodeToString(body);
    long integratedTime = Instant.now().getEpochSecond();
    String signable = "{\"body\":\"" + encodedBody + "\",\"integratedTime\":" + integratedTime + ",\"logID\":\""
        + logId + "\",\"logIndex\":" + index + "}";
    String set = SigstoreTestPki.b64(SigstoreTestPki.sign(pki.rekorKey, signable.getBytes(StandardCharsets.UTF_8)));
    Map<String, Object> proof = new LinkedHashMap<>();
    proof.put("checkpoint", checkpoint(treeSize, root));
    proof.put("hashes", path((int) index, leaves).stream().map(HEX::formatHex).toList());
    proof.put("logIndex", index);
    proof.put("rootHash", HEX.formatHex(root));
    proof.put("treeSize", treeSize);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("body", encodedBody);
    entry.put("integratedTime", integratedTime);
    entry.put("logID", logId);
    entry.put("logIndex", index);
    entry.put("verification", Map.of("inclusionProof", proof, "signedEntryTimestamp", set));
    return JSON.writeValueAsString(Map.of(HEX.formatHex(leaf), entry));
  }

  /** A signed note: origin, size, root; then "— <host> base64(key hint ‖ signature)". */
  private String checkpoint(long treeSize, byte[] root) throws Exception {
    String header = url().getHost() + " - 1\n" + treeSize + "\n" + SigstoreTestPki.b64(root) + "\n";
    byte[] keyId = SigstoreTestPki.sha256(pki.rekorKey.getPublic().getEncoded());
    byte[] signature = SigstoreTestPki.sign(pki.rekorKey, header.getBytes(StandardCharsets.UTF_8));
    byte[] hinted = new byte[4 + signature.length];
    System.arraycopy(keyId, 0, hinted, 0, 4);
    System.arraycopy(signature, 0, hinted, 4, signature.length);
    return header + "\n\u2014 " + url().getHost() + " " + SigstoreTestPki.b64(hinted) + "\n";
  }

  private static byte[] leafHash(byte[] body) throws Exception {
    byte[] prefixed = new byte[body.length + 1];
    System.arraycopy(body, 0, prefixed, 1, body.length);
    return SigstoreTestPki.sha256(prefixed);
  }

  /** RFC 6962 2.1: MTH of the leaf hashes. */
  private static byte[] root(List<byte[]> hashes) throws Exception {
    if (hashes.size() == 1) {
      return hashes.get(0);
    }
    int k = split(hashes.size());
    return node(root(hashes.subList(0, k)), root(hashes.subList(k, hashes.size())));
  }

  /** RFC 6962 2.1.1: the audit path of leaf {@code m}, leaf to root. */
  private static List<byte[]> path(int m, List<byte[]> hashes) throws Exception {
    List<byte[]> path = new ArrayList<>();
    if (hashes.size() == 1) {
      return path;
    }
    int k = split(hashes.size());
    if (m < k) {
      path.addAll(path(m, hashes.subList(0, k)));
      path.add(root(hashes.subList(k, hashes.size())));
    } else {
      path.addAll(path(m - k, hashes.subList(k, hashes.size())));
      path.add(root(hashes.subList(0, k)));
    }
    return path;
  }

  private static int split(int n) {
    return Integer.highestOneBit(n - 1);
  }

  private static byte[] node(byte[] left, byte[] right) throws Exception {
    byte[] joined = new byte[1 + left.length + right.length];
    joined[0] = 1;
    System.arraycopy(left, 0, joined, 1, left.length);
    System.arraycopy(right, 0, joined, 1 + left.length, right.length);
    return SigstoreTestPki.sha256(joined);
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
