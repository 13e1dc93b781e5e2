package dev.prometheuspipeline.supplychain;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How releases are signed ({@code pipeline.signing.*}).
 *
 * @param mode {@code key} (the default: offline, with the key below) or {@code keyless} (Fulcio and Rekor)
 * @param keyFile the operator's ECDSA P-256 private key (PKCS#8 PEM); when unset, {@code generatedKeyFile}
 * @param generatedKeyFile where the key generated at first start is kept, readable only by this application
 * @param builderId the provenance's {@code builder.id}: a URI naming this pipeline instance
 * @param keyless the Fulcio, Rekor, trusted root, token and identity policy of keyless signing and verification
 */
@ConfigurationProperties("pipeline.signing")
public record SigningProperties(Mode mode, Path keyFile, Path generatedKeyFile, String builderId, Keyless keyless) {
  static final Path DEFAULT_GENERATED_KEY_FILE = Path.of("data", "signing-key.pem");
  static final String DEFAULT_BUILDER_ID = "https://prometheuspipeline.dev/builder/prometheus-pipeline";

  public SigningProperties {
    mode = mode == null ? Mode.KEY : mode;
    keyFile = blank(keyFile) ? null : keyFile;
    generatedKeyFile = blank(generatedKeyFile) ? DEFAULT_GENERATED_KEY_FILE : generatedKeyFile;
    builderId = builderId == null || builderId.isBlank() ? DEFAULT_BUILDER_ID : builderId;
    keyless = keyless == null
        ? new Keyless(null, null, null, null, null, null, null, null, null, null, null, null) : keyless;
  }

  /** The operator's key when one is configured, else the one generated once and kept. */
  public SigningKey key() {
    return keyFile != null ? SigningKeys.load(keyFile) : SigningKeys.loadOrCreate(generatedKeyFile);
  }

  public enum Mode { KEY, KEYLESS }

  /**
   * Keyless signing ({@code pipeline.signing.keyless.*}): the public Sigstore instance or a private one.
   *
   * @param fulcioUrl the Fulcio that certifies the token's identity (gRPC over TLS, e.g. https://fulcio.sigstore.dev)
   * @param rekorUrl the Rekor v1 that logs each signature (e.g. https://rekor.sigstore.dev)
   * @param trustedRoot a Sigstore {@code trusted_root.json} naming the Fulcio CA, its CT log and Rekor's key; also
   *     what implantar verifies keyless bundles with, in either mode
   * @param tokenFile the OIDC identity token, read again at each signing (a projected service-account token is
   *     rotated in place); never logged, never put in a variable
   * @param identity the certificate identity (SAN: e-mail or URI) a keyless bundle must carry to be accepted
   * @param issuer the OIDC issuer the certificate must name
   * @param tokenEndpoint instead of a token file: the issuer's OAuth token endpoint, asked with the client
   *     credentials grant at each signing
   * @param clientId the pipeline's client at that endpoint
   * @param clientSecret its secret (from the environment, {@code PIPELINE_SIGNING_KEYLESS_CLIENT_SECRET}); never
   *     logged, and left out of {@link #toString()}
   * @param audience the token's audience; Fulcio expects {@code sigstore}
   * @param rekorV2Url a Rekor v2 log (e.g. https://log2025-1.rekor.sigstore.dev); with {@code tsaUrl}, the provenance
   *     statement is signed as a DSSE envelope logged there ({@code dsse} 0.0.2)
   * @param tsaUrl the RFC 3161 timestamp authority that dates those signatures (Rekor v2 entries carry no time of
   *     their own), e.g. https://timestamp.sigstore.dev/api/v1/timestamp; it must be one of the trusted root's
   *     {@code timestampAuthorities}
   */
  public record Keyless(URI fulcioUrl, URI rekorUrl, Path trustedRoot, Path tokenFile, String identity,
      String issuer, URI tokenEndpoint, String clientId, String clientSecret, String audience, URI rekorV2Url,
      URI tsaUrl) {
    public Keyless {
      rekorV2Url = blank(rekorV2Url) ? null : rekorV2Url;
      tsaUrl = blank(tsaUrl) ? null : tsaUrl;
      tokenEndpoint = blank(tokenEndpoint) ? null : tokenEndpoint;
      clientId = blank(clientId) ? null : clientId;
      clientSecret = blank(clientSecret) ? null : clientSecret;
      audience = blank(audience) ? "sigstore" : audience;
      trustedRoot = blank(trustedRoot) ? null : trustedRoot;
      tokenFile = blank(tokenFile) ? null : tokenFile;
      fulcioUrl = blank(fulcioUrl) ? null : fulcioUrl;
      rekorUrl = blank(rekorUrl) ? null : rekorUrl;
      identity = identity == null || identity.isBlank() ? null : identity;
      issuer = issuer == null || issuer.isBlank() ? null : issuer;
    }

    /** Where the OIDC token comes from: the token file, else the token endpoint; empty when neither is set. */
    public java.util.Optional<IdentityTokenSource> tokens(java.time.Duration timeout) {
      if (tokenFile != null) {
        return java.util.Optional.of(IdentityTokenSource.file(tokenFile));
      }
      if (tokenEndpoint != null && clientId != null && clientSecret != null) {
        return java.util.Optional.of(
            IdentityTokenSource.clientCredentials(tokenEndpoint, clientId, clientSecret, audience, timeout));
      }
      return java.util.Optional.empty();
    }

    @Override
    public String toString() {
      return "Keyless[fulcioUrl=" + fulcioUrl + ", rekorUrl=" + rekorUrl + ", trustedRoot=" + trustedRoot
          + ", tokenFile=" + tokenFile + ", identity=" + identity + ", issuer=" + issuer + ", tokenEndpoint="
          + tokenEndpoint + ", clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? null : "***")
          + ", audience=" + audience + ", rekorV2Url=" + rekorV2Url + ", tsaUrl=" + tsaUrl + "]";
    }

    /**
     * Where provenance statements are logged as DSSE envelopes: empty when neither Rekor v2 nor a TSA is set (the
     * statement is then signed as a message signature, logged in Rekor v1).
     *
     * @throws SigningKeyException when only one of the two is set: a Rekor v2 entry has no time without a TSA
     */
    public java.util.Optional<KeylessArtifactSigner.StatementLog> statementLog() {
      if (rekorV2Url == null && tsaUrl == null) {
        return java.util.Optional.empty();
      }
      if (rekorV2Url == null || tsaUrl == null) {
        throw new SigningKeyException("pipeline.signing.keyless: set both rekor-v2-url and tsa-url to sign"
            + " provenance as a DSSE envelope (Rekor v2 entries get their time from the timestamp authority),"
            + " or neither to sign it as a message signature in Rekor v1; only "
            + (rekorV2Url == null ? "tsa-url" : "rekor-v2-url") + " is set");
      }
      return java.util.Optional.of(new KeylessArtifactSigner.StatementLog(rekorV2Url, tsaUrl));
    }

    /** Whether implantar can check keyless bundles: a trusted root and the identity policy are given. */
    public boolean verifiable() {
      return trustedRoot != null && identity != null && issuer != null;
    }
  }

  private static boolean blank(Object value) {
    return value == null || value.toString().isBlank();
  }
}
