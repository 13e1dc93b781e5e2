package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import dev.sigstore.AlgorithmRegistry;
import dev.sigstore.KeylessSigner;
import dev.sigstore.KeylessSignerException;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.oidc.client.OidcClients;
import dev.sigstore.oidc.client.TokenStringOidcClient;
import dev.sigstore.trustroot.ImmutableSigstoreSigningConfig;
import dev.sigstore.trustroot.Service;
import dev.sigstore.trustroot.SigstoreConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * Signs keyless with sigstore-java: an ephemeral P-256 key certified by Fulcio for the identity in an OIDC token,
 * every signature logged in Rekor (v1, hashedrekord). Bundles v0.3 carry the certificate and the log entry with its
 * inclusion proof, so {@link KeylessBundleVerifier} checks them offline with the trusted root.
 *
 * <p>sigstore-java 2.0.0 signs DSSE envelopes only through Rekor v2 with a timestamp authority
 * ({@code KeylessSigner.attest}); with Rekor v1 the provenance statement is signed as a message signature over
 * its bytes, which {@link KeylessBundleVerifier} checks the same way as an artifact's.
 */
public final class KeylessArtifactSigner implements EvidenceSigner, AutoCloseable {
  private final KeylessSigner signer;
  private final URI fulcioUrl;
  private volatile String identity;

  /**
   * @param tokenFile the OIDC token, read at each certificate request (Fulcio's certificates live minutes, the
   *     file is rotated by its issuer); its content is never logged nor put in an error
   * @throws SigningKeyException when the trusted root cannot be read or names no usable Fulcio CA or logs
   */
  public KeylessArtifactSigner(URI fulcioUrl, URI rekorUrl, Path trustedRoot, Path tokenFile) {
    this(fulcioUrl, rekorUrl, trustedRoot, IdentityTokenSource.file(tokenFile));
  }

  /**
   * @param tokens asked for the OIDC token at each certificate request: a file, or the issuer's token endpoint
   * @throws SigningKeyException when the trusted root cannot be read or names no usable Fulcio CA or logs
   */
  public KeylessArtifactSigner(URI fulcioUrl, URI rekorUrl, Path trustedRoot, IdentityTokenSource tokens) {
    this.fulcioUrl = requireNonNull(fulcioUrl, "fulcioUrl");
    requireNonNull(rekorUrl, "rekorUrl");
    requireNonNull(trustedRoot, "trustedRoot");
    requireNonNull(tokens, "tokens");
    var signingConfig = ImmutableSigstoreSigningConfig.builder()
        .addCas(Service.of(fulcioUrl, 1))
        .addTLogs(Service.of(rekorUrl, 1))
        .tsaConfig(Service.Config.ofAny())
        .tLogConfig(Service.Config.ofAny())
        .build();
    try {
      this.signer = KeylessSigner.builder()
          .trustedRootProvider(TrustedRootProvider.from(trustedRoot))
          .signingConfigProvider(() -> signingConfig)
          .forceCredentialProviders(OidcClients.of(TokenStringOidcClient.from(tokens::token)))
          .signingAlgorithm(AlgorithmRegistry.SigningAlgorithm.PKIX_ECDSA_P256_SHA_256)
          .build();
    } catch (SigstoreConfigurationException | GeneralSecurityException | IOException e) {
      throw new SigningKeyException("pipeline.signing.keyless: cannot set up keyless signing with trusted root "
          + trustedRoot + ": " + KeylessBundleVerifier.causes(e), e);
    }
    this.identity = "keyless";
  }

  /**
   * Fulcio certifies a fresh key for the token's identity (once while the certificate lives), the signature over
   * {@code content}'s SHA-256 is logged in Rekor, and the certificate and the log entry are checked against the
   * trusted root before the bundle is returned.
   *
   * @throws SigningKeyException when the token cannot be read, Fulcio or Rekor refuse, or what they return does
   *     not verify: the reason, never the token
   */
  @Override
  public Signature sign(byte[] content) {
    requireNonNull(content, "content");
    byte[] digest = SigningKeys.sha256(content);
    Bundle bundle;
    try {
      bundle = signer.sign(digest);
    } catch (KeylessSignerException | RuntimeException e) {
      // Fulcio's refusals arrive as gRPC's unchecked StatusRuntimeException, not wrapped by sigstore-java.
      throw new SigningKeyException("keyless signing through " + fulcioUrl + " failed: "
          + KeylessBundleVerifier.causes(e), e);
    }
    X509Certificate leaf = (X509Certificate) bundle.getCertPath().getCertificates().get(0);
    identity = "keyless:" + KeylessBundleVerifier.subjectAlternativeName(leaf);
    return new Signature(identity, BundleVerifier.hex(digest), bundle.toJson());
  }

  /** A message signature over the statement's UTF-8 bytes (see the class comment for why not DSSE). */
  @Override
  public Signature signStatement(String statementJson) {
    requireNonNull(statementJson, "statementJson");
    return sign(statementJson.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code keyless:<certificate identity>} of the last signature, {@code keyless} before the first. */
  @Override
  public String signerId() {
    return identity;
  }

  /** Forgets the certificate (and with it the ephemeral key's use). */
  @Override
  public void close() {
    signer.close();
  }
}
