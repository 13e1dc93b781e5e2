package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.supplychain.BundleVerification.Outcome;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checks key-signed Sigstore bundles v0.3 ({@link ArtifactSigner}'s, or any client's with a hint and no tlog
 * entry) against a public key, offline. Findings are values: nothing here throws for a bad bundle.
 */
public final class BundleVerifier {

  /**
   * Checks a message-signature bundle against {@code content}. In order: the bundle is well formed; its key hint is
   * the given key's id; its digest is the SHA-256 of {@code content}; the signature verifies over {@code content}.
   *
   * @param publicKeyPem the signer's PEM public key
   * @return {@link Outcome#OK} or the first refusal, with a reason naming both values where there are two
   * @throws SigningKeyException when {@code publicKeyPem} is not an EC P-256 public key (the caller's set-up)
   */
  public BundleVerification verify(String bundleJson, byte[] content, String publicKeyPem) {
    requireNonNull(bundleJson, "bundleJson");
    requireNonNull(content, "content");
    PublicKey key = SigningKeys.publicKey(publicKeyPem);
    Parsed parsed = parse(bundleJson, "messageSignature");
    if (parsed.refusal != null) {
      return parsed.refusal;
    }
    BundleVerification wrongKey = checkHint(parsed.hint, key);
    if (wrongKey != null) {
      return wrongKey;
    }
    byte[] actual = SigningKeys.sha256(content);
    if (!MessageDigest.isEqual(actual, parsed.digest)) {
      return new BundleVerification(Outcome.DIGEST_MISMATCH, "the artifact's bytes are not the ones signed: digest "
          + hex(actual) + ", bundle says " + hex(parsed.digest));
    }
    if (!SigningKeys.verify(key, content, parsed.signature)) {
      return new BundleVerification(Outcome.BAD_SIGNATURE, "the signature does not verify with key "
          + parsed.hint + " over the artifact's bytes (digest " + hex(actual) + ")");
    }
    return BundleVerification.OK;
  }

  /**
   * Checks a DSSE bundle: well formed, payload type {@code application/vnd.in-toto+json}, key hint (and the
   * envelope's keyid, when set) the given key's id, and the signature over the pre-authentication encoding.
   * The statement inside is not read here; {@link Provenance#verify} checks its subjects.
   *
   * @return the outcome and, when {@link BundleVerification#ok()}, the signed payload
   */
  DsseVerification verifyEnvelope(String bundleJson, String publicKeyPem) {
    requireNonNull(bundleJson, "bundleJson");
    PublicKey key = SigningKeys.publicKey(publicKeyPem);
    Parsed parsed = parse(bundleJson, "dsseEnvelope");
    if (parsed.refusal != null) {
      return new DsseVerification(parsed.refusal, Optional.empty());
    }
    if (!SigstoreBundle.IN_TOTO_PAYLOAD_TYPE.equals(parsed.payloadType)) {
      return new DsseVerification(BundleVerification.malformed("dsseEnvelope.payloadType is '" + parsed.payloadType
          + "', expected '" + SigstoreBundle.IN_TOTO_PAYLOAD_TYPE + "'"), Optional.empty());
    }
    if (!parsed.envelopeKeyId.isEmpty() && !parsed.envelopeKeyId.equals(parsed.hint)) {
      return new DsseVerification(BundleVerification.malformed("dsseEnvelope.signatures[0].keyid "
          + parsed.envelopeKeyId + " differs from the bundle's key hint " + parsed.hint), Optional.empty());
    }
    BundleVerification wrongKey = checkHint(parsed.hint, key);
    if (wrongKey != null) {
      return new DsseVerification(wrongKey, Optional.empty());
    }
    if (!SigningKeys.verify(key, ArtifactSigner.pae(parsed.payloadType, parsed.payload), parsed.signature)) {
      return new DsseVerification(new BundleVerification(Outcome.BAD_SIGNATURE, "the DSSE signature does not verify"
          + " with key " + parsed.hint + " over the envelope's payload (sha256 "
          + hex(SigningKeys.sha256(parsed.payload)) + ")"), Optional.empty());
    }
    return new DsseVerification(BundleVerification.OK, Optional.of(parsed.payload));
  }

  record DsseVerification(BundleVerification verification, Optional<byte[]> payload) {}

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static BundleVerification checkHint(String hint, PublicKey key) {
    String expected = SigningKeys.keyId(key);
    if (!expected.equalsIgnoreCase(hint)) {
      return new BundleVerification(Outcome.WRONG_KEY, "the bundle was signed by key " + hint
          + ", not by the release key " + expected);
    }
    return null;
  }

  /** The bundle's fields, or the first thing wrong with it; {@code content} names the signature kind expected. */
  private static Parsed parse(String bundleJson, String content) {
    JsonNode root;
    try {
      root = ArtifactSigner.JSON.readTree(bundleJson);
    } catch (JsonProcessingException e) {
      return Parsed.refused("not JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      return Parsed.refused("not a JSON object");
    }
    String mediaType = root.path("mediaType").asText("");
    if (!mediaType.equals(SigstoreBundle.MEDIA_TYPE) && !mediaType.equals(SigstoreBundle.MEDIA_TYPE_LEGACY)) {
      return Parsed.refused("mediaType is '" + mediaType + "', expected '" + SigstoreBundle.MEDIA_TYPE + "'");
    }
    JsonNode material = root.path("verificationMaterial");
    if (!material.isObject()) {
      return Parsed.refused("verificationMaterial is missing");
    }
    if (material.has("certificate") || material.has("x509CertificateChain")) {
      return Parsed.refused("verificationMaterial carries a certificate (keyless); this verifier checks bundles"
          + " signed by the release key, named by verificationMaterial.publicKey.hint");
    }
    String hint = material.path("publicKey").path("hint").asText("");
    if (hint.isEmpty()) {
      return Parsed.refused("verificationMaterial.publicKey.hint is missing");
    }
    Parsed parsed = new Parsed();
    parsed.hint = hint;
    String other = content.equals("messageSignature") ? "dsseEnvelope" : "messageSignature";
    JsonNode body = root.path(content);
    if (!body.isObject()) {
      return Parsed.refused(root.has(other) ? "holds a " + other + ", expected a " + content : content + " is missing");
    }
    return content.equals("messageSignature") ? parseMessage(body, parsed) : parseEnvelope(body, parsed);
  }

  private static Parsed parseMessage(JsonNode message, Parsed parsed) {
    JsonNode digest = message.path("messageDigest");
    String algorithm = digest.path("algorithm").asText("");
    if (!algorithm.equals(SigstoreBundle.HashOutput.SHA2_256)) {
      return Parsed.refused("messageSignature.messageDigest.algorithm is '" + algorithm + "', expected 'SHA2_256'");
    }
    parsed.digest = bytes(digest.path("digest"));
    if (parsed.digest == null || parsed.digest.length != 32) {
      return Parsed.refused("messageSignature.messageDigest.digest is not 32 bytes of base64");
    }
    parsed.signature = bytes(message.path("signature"));
    if (parsed.signature == null || parsed.signature.length == 0) {
      return Parsed.refused("messageSignature.signature is missing or not base64");
    }
    return parsed;
  }

  private static Parsed parseEnvelope(JsonNode envelope, Parsed parsed) {
    parsed.payload = bytes(envelope.path("payload"));
    if (parsed.payload == null || parsed.payload.length == 0) {
      return Parsed.refused("dsseEnvelope.payload is missing or not base64");
    }
    parsed.payloadType = envelope.path("payloadType").asText("");
    JsonNode signatures = envelope.path("signatures");
    if (!signatures.isArray() || signatures.size() != 1) {
      return Parsed.refused("dsseEnvelope.signatures must hold exactly one signature, holds "
          + (signatures.isArray() ? signatures.size() : "none"));
    }
    parsed.signature = bytes(signatures.get(0).path("sig"));
    if (parsed.signature == null || parsed.signature.length == 0) {
      return Parsed.refused("dsseEnvelope.signatures[0].sig is missing or not base64");
    }
    parsed.envelopeKeyId = signatures.get(0).path("keyid").asText("");
    return parsed;
  }

  /** Protobuf's JSON mapping accepts standard and URL-safe base64, padded or not. */
  private static byte[] bytes(JsonNode node) {
    if (!node.isTextual()) {
      return null;
    }
    String text = node.asText();
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException notStandard) {
      try {
        return Base64.getUrlDecoder().decode(text);
      } catch (IllegalArgumentException notBase64) {
        return null;
      }
    }
  }

  private static final class Parsed {
    BundleVerification refusal;
    String hint;
    byte[] digest;
    byte[] signature;
    byte[] payload;
    String payloadType;
    String envelopeKeyId = "";

    static Parsed refused(String what) {
      Parsed parsed = new Parsed();
      parsed.refusal = BundleVerification.malformed(what);
      return parsed;
    }
  }
}
