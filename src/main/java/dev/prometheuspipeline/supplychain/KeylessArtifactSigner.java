package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import dev.sigstore.AlgorithmRegistry;
import dev.sigstore.KeylessSigner;
import dev.sigstore.KeylessSignerException;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.oidc.client.OidcClients;
import dev.sigstore.oidc.client.TokenStringOidcClient;
import dev.sigstore.trustroot.CertificateAuthority;
import dev.sigstore.trustroot.ImmutableSigstoreSigningConfig;
import dev.sigstore.trustroot.Service;
import dev.sigstore.trustroot.SigstoreConfigurationException;
import dev.sigstore.trustroot.SigstoreSigningConfig;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Signs keyless with sigstore-java: an ephemeral P-256 key certified by Fulcio for the identity in an OIDC token,
 * every signature logged in Rekor (v1, hashedrekord). Bundles v0.3 carry the certificate and the log entry with its
 * inclusion proof, so {@link KeylessBundleVerifier} checks them offline with the trusted root.
 *
 * <p>sigstore-java 2.0.0 signs DSSE envelopes only through Rekor v2 with a timestamp authority
 * ({@code KeylessSigner.attest}). With a {@link StatementLog}, the provenance statement is signed so: a DSSE
 * envelope logged in Rekor v2 ({@code dsse} 0.0.2), dated by the TSA's RFC 3161 token. Without one, it is signed as
 * a message signature over its bytes, which {@link KeylessBundleVerifier} checks the same way as an artifact's.
 */
public final class KeylessArtifactSigner implements EvidenceSigner, AutoCloseable {
  private final KeylessSigner signer;
  private final Optional<KeylessSigner> attester;
  private final URI fulcioUrl;
  private final Optional<StatementLog> statementLog;
  private volatile String identity;

  /**
   * Where provenance statements are logged as DSSE envelopes.
   *
   * @param rekorV2Url the Rekor v2 log ({@code POST /api/v2/log/entries})
   * @param tsaUrl the RFC 3161 timestamp authority, named in the trusted root's {@code timestampAuthorities}
   */
  public record StatementLog(URI rekorV2Url, URI tsaUrl) {
    public StatementLog {
      requireNonNull(rekorV2Url, "rekorV2Url");
      requireNonNull(tsaUrl, "tsaUrl");
    }
  }

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
    this(fulcioUrl, rekorUrl, trustedRoot, tokens, Optional.empty());
  }

  /**
   * @param statementLog where provenance statements go as DSSE envelopes; empty: message signatures in Rekor v1
   * @throws SigningKeyException when the trusted root cannot be read or names no usable Fulcio CA, logs or (with a
   *     statement log) timestamp authority
   */
  public KeylessArtifactSigner(URI fulcioUrl, URI rekorUrl, Path trustedRoot, IdentityTokenSource tokens,
      Optional<StatementLog> statementLog) {
    this.fulcioUrl = requireNonNull(fulcioUrl, "fulcioUrl");
    requireNonNull(rekorUrl, "rekorUrl");
    requireNonNull(trustedRoot, "trustedRoot");
    requireNonNull(tokens, "tokens");
    this.statementLog = requireNonNull(statementLog, "statementLog");
    statementLog.ifPresent(log -> requireTimestampAuthority(trustedRoot, log.tsaUrl()));
    this.signer = build(config(fulcioUrl).addTLogs(Service.of(rekorUrl, 1)).build(), false, trustedRoot, tokens);
    // A signer picks one log for all it signs, so DSSE goes through a second one (and a certificate of its own).
    this.attester = statementLog.map(log -> build(config(fulcioUrl).addTLogs(Service.of(log.rekorV2Url(), 2))
        .addTsas(Service.of(log.tsaUrl(), 1)).build(), true, trustedRoot, tokens));
    this.identity = "keyless";
  }

  /**
   * sigstore-java builds the signer from a trusted root without timestamp authorities, and only the first
   * provenance, stamped by a TSA the root does not name, would fail, at every release: said here, at start.
   */
  private static void requireTimestampAuthority(Path trustedRoot, URI tsaUrl) {
    List<CertificateAuthority> authorities;
    try (InputStream in = Files.newInputStream(trustedRoot)) {
      authorities = SigstoreTrustedRoot.from(in).getTSAs();
    } catch (IOException | SigstoreConfigurationException e) {
      throw new SigningKeyException("pipeline.signing.keyless: cannot read the trusted root " + trustedRoot + ": "
          + KeylessBundleVerifier.causes(e), e);
    }
    if (authorities.isEmpty()) {
      throw new SigningKeyException("pipeline.signing.keyless.tsa-url is " + tsaUrl + ", but the trusted root "
          + trustedRoot + " names no timestamp authority (timestampAuthorities is empty), so no provenance it stamps"
          + " could be verified: add the TSA's certificate chain to the trusted root");
    }
  }

  private static ImmutableSigstoreSigningConfig.Builder config(URI fulcioUrl) {
    return ImmutableSigstoreSigningConfig.builder()
        .addCas(Service.of(fulcioUrl, 1))
        .tsaConfig(Service.Config.ofAny())
        .tLogConfig(Service.Config.ofAny());
  }

  private static KeylessSigner build(SigstoreSigningConfig config, boolean rekorV2, Path trustedRoot,
      IdentityTokenSource tokens) {
    try {
      return KeylessSigner.builder()
          .trustedRootProvider(TrustedRootProvider.from(trustedRoot))
          .signingConfigProvider(() -> config)
          .enableRekorV2(rekorV2)
          .forceCredentialProviders(OidcClients.of(TokenStringOidcClient.from(tokens::token)))
          .signingAlgorithm(AlgorithmRegistry.SigningAlgorithm.PKIX_ECDSA_P256_SHA_256)
          .build();
    } catch (SigstoreConfigurationException | GeneralSecurityException | IOException e) {
      throw new SigningKeyException("pipeline.signing.keyless: cannot set up keyless signing with trusted root "
          + trustedRoot + ": " + KeylessBundleVerifier.causes(e), e);
    }
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
    return signature(bundle, digest);
  }

  /**
   * With a {@link StatementLog}: a DSSE envelope of type {@code application/vnd.in-toto+json} around
   * {@code statementJson}, signed over its pre-authentication encoding, timestamped by the TSA and logged in Rekor
   * v2, all checked against the trusted root before the bundle is returned. Without one: a message signature over
   * the statement's UTF-8 bytes, as {@link #sign}.
   *
   * @throws SigningKeyException when Fulcio, the TSA or Rekor refuse or what they return does not verify, or the
   *     statement is not an in-toto Statement v1 with named subjects
   */
  @Override
  public Signature signStatement(String statementJson) {
    requireNonNull(statementJson, "statementJson");
    byte[] payload = statementJson.getBytes(StandardCharsets.UTF_8);
    if (attester.isEmpty()) {
      return sign(payload);
    }
    Bundle bundle;
    try {
      bundle = attester.get().attest(statementJson);
    } catch (KeylessSignerException | RuntimeException e) {
      StatementLog log = statementLog.orElseThrow();
      throw new SigningKeyException("keyless DSSE signing through " + fulcioUrl + ", timestamp authority "
          + log.tsaUrl() + " and Rekor v2 " + log.rekorV2Url() + " failed: " + KeylessBundleVerifier.causes(e), e);
    }
    return signature(bundle, SigningKeys.sha256(payload));
  }

  private Signature signature(Bundle bundle, byte[] digest) {
    X509Certificate leaf = (X509Certificate) bundle.getCertPath().getCertificates().get(0);
    identity = "keyless:" + KeylessBundleVerifier.subjectAlternativeName(leaf);
    return new Signature(identity, BundleVerifier.hex(digest), bundle.toJson());
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
    attester.ifPresent(KeylessSigner::close);
  }
}
