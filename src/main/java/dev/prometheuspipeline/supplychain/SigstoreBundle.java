package dev.prometheuspipeline.supplychain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A Sigstore bundle v0.3 as JSON (protobuf-specs {@code sigstore_bundle.proto}, protobuf's JSON mapping: camelCase
 * names, bytes as base64) for a key-signed artifact: the key named by a hint only, no transparency log entries,
 * and either a message signature or a DSSE envelope. Written by {@link ArtifactSigner}, read by
 * {@link BundleVerifier} field by field so a malformed bundle is reported by what is wrong.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"mediaType", "verificationMaterial", "messageSignature", "dsseEnvelope"})
record SigstoreBundle(String mediaType, VerificationMaterial verificationMaterial,
                      MessageSignature messageSignature, DsseEnvelope dsseEnvelope) {
  static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
  /** The older spelling of the same version, which clients must still accept. */
  static final String MEDIA_TYPE_LEGACY = "application/vnd.dev.sigstore.bundle+json;version=0.3";
  static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

  static SigstoreBundle of(String keyId, MessageSignature signature) {
    return new SigstoreBundle(MEDIA_TYPE, VerificationMaterial.of(keyId), signature, null);
  }

  static SigstoreBundle of(String keyId, DsseEnvelope envelope) {
    return new SigstoreBundle(MEDIA_TYPE, VerificationMaterial.of(keyId), null, envelope);
  }

  @JsonPropertyOrder({"publicKey", "tlogEntries"})
  record VerificationMaterial(PublicKeyIdentifier publicKey, List<Object> tlogEntries) {
    static VerificationMaterial of(String keyId) {
      // tlogEntries present though empty: sigstore-js reports a bundle without the field as invalid.
      return new VerificationMaterial(new PublicKeyIdentifier(keyId), List.of());
    }
  }

  record PublicKeyIdentifier(String hint) {}

  @JsonPropertyOrder({"messageDigest", "signature"})
  record MessageSignature(HashOutput messageDigest, byte[] signature) {}

  @JsonPropertyOrder({"algorithm", "digest"})
  record HashOutput(String algorithm, byte[] digest) {
    static final String SHA2_256 = "SHA2_256";
  }

  @JsonPropertyOrder({"payload", "payloadType", "signatures"})
  record DsseEnvelope(byte[] payload, String payloadType, List<DsseSignature> signatures) {}

  @JsonPropertyOrder({"sig", "keyid"})
  record DsseSignature(byte[] sig, String keyid) {}
}
