package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.supplychain.SigstoreBundle.DsseEnvelope;
import dev.prometheuspipeline.supplychain.SigstoreBundle.DsseSignature;
import dev.prometheuspipeline.supplychain.SigstoreBundle.HashOutput;
import dev.prometheuspipeline.supplychain.SigstoreBundle.MessageSignature;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Signs release artifacts, the SBOM and provenance statements with one key, offline, into Sigstore bundles v0.3
 * that carry the key's id as hint and no transparency log entry.
 */
public final class ArtifactSigner implements EvidenceSigner {
  static final ObjectMapper JSON = new ObjectMapper();

  private final SigningKey key;

  public ArtifactSigner(SigningKey key) {
    this.key = requireNonNull(key, "key");
  }

  /** A message signature over {@code content}: ECDSA P-256 over its SHA-256, with that digest in the bundle. */
  @Override
  public Signature sign(byte[] content) {
    requireNonNull(content, "content");
    byte[] digest = SigningKeys.sha256(content);
    MessageSignature message = new MessageSignature(new HashOutput(HashOutput.SHA2_256, digest), key.sign(content));
    return new Signature(key.keyId(), BundleVerifier.hex(digest), write(SigstoreBundle.of(key.keyId(), message)));
  }

  /**
   * A DSSE envelope of type {@code application/vnd.in-toto+json} around {@code statementJson} (see
   * {@link Provenance#statement}), signed over its pre-authentication encoding.
   */
  @Override
  public Signature signStatement(String statementJson) {
    requireNonNull(statementJson, "statementJson");
    byte[] payload = statementJson.getBytes(StandardCharsets.UTF_8);
    byte[] sig = key.sign(pae(SigstoreBundle.IN_TOTO_PAYLOAD_TYPE, payload));
    // The spec asks the envelope's keyid to equal the bundle's hint when both are set.
    DsseEnvelope envelope = new DsseEnvelope(payload, SigstoreBundle.IN_TOTO_PAYLOAD_TYPE,
        List.of(new DsseSignature(sig, key.keyId())));
    return new Signature(key.keyId(), BundleVerifier.hex(SigningKeys.sha256(payload)),
        write(SigstoreBundle.of(key.keyId(), envelope)));
  }

  @Override
  public String signerId() {
    return key.keyId();
  }

  /**
   * DSSE's pre-authentication encoding: {@code "DSSEv1" SP len(type) SP type SP len(body) SP body}, lengths as
   * ASCII decimal byte counts.
   */
  static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(type);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private static String write(SigstoreBundle bundle) {
    try {
      return JSON.writeValueAsString(bundle);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a bundle of strings and bytes always serializes", e);
    }
  }
}
