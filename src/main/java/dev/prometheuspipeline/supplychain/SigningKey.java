package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * An ECDSA P-256 key pair that signs release artifacts, their SBOM and their provenance. Made by
 * {@link SigningKeys}; its private half never leaves this object, and {@link #toString()} names only the key id.
 */
public final class SigningKey {
  static final String ALGORITHM = "SHA256withECDSA";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;
  private final String publicKeyPem;

  SigningKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = requireNonNull(privateKey, "privateKey");
    this.publicKey = requireNonNull(publicKey, "publicKey");
    this.keyId = SigningKeys.keyId(publicKey);
    this.publicKeyPem = SigningKeys.publicKeyPem(publicKey);
  }

  /** The public half as a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo), what a verifier is given. */
  public String publicKeyPem() {
    return publicKeyPem;
  }

  /**
   * Lowercase hex SHA-256 of the DER SubjectPublicKeyInfo: the bundles' key hint, derived from the key as
   * RFC 6962 derives a log id, so a verifier can tell which key a bundle claims without trusting the claim.
   */
  public String keyId() {
    return keyId;
  }

  PublicKey publicKey() {
    return publicKey;
  }

  /** An ASN.1 DER ECDSA signature over SHA-256 of {@code message}. */
  public byte[] sign(byte[] message) {
    requireNonNull(message, "message");
    try {
      java.security.Signature signer = java.security.Signature.getInstance(ALGORITHM);
      signer.initSign(privateKey);
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new SigningKeyException("signing with key " + keyId + " failed: " + e.getMessage(), e);
    }
  }

  /** Whether {@code signature} (ASN.1 DER ECDSA) is this key's over {@code message}; malformed is false. */
  public boolean verify(byte[] message, byte[] signature) {
    return SigningKeys.verify(publicKey, message, signature);
  }

  @Override
  public String toString() {
    return "SigningKey[" + keyId + "]";
  }
}
