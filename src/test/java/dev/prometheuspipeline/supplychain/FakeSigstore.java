package dev.prometheuspipeline.supplychain;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A private Sigstore on loopback for tests: {@link FakeFulcio}, {@link FakeRekor}, {@link FakeRekorV2} and
 * {@link FakeTimestampAuthority} over one {@link SigstoreTestPki}, the {@code trusted_root.json} naming them, and
 * an OIDC token file for {@link #IDENTITY}. Starting it makes this JVM trust the fake Fulcio's TLS CA (surefire
 * runs each test class in a JVM of its own), as an operator adds a private Fulcio's CA to the pipeline's trust
 * store: sigstore-java dials Fulcio over TLS with the default trust.
 */
public final class FakeSigstore implements AutoCloseable {
  public static final String IDENTITY = "release-bot@pipeline.test";
  public static final String ISSUER = SigstoreTestPki.OIDC_ISSUER;

  final SigstoreTestPki pki;
  final FakeFulcio fulcio;
  final FakeRekor rekor;
  final FakeRekorV2 rekorV2;
  final FakeTimestampAuthority tsa;
  private final Path trustedRoot;
  private final Path tokenFile;

  private FakeSigstore(Path dir) throws Exception {
    pki = new SigstoreTestPki("pipeline-test");
    fulcio = new FakeFulcio(pki);
    rekor = new FakeRekor(pki);
    rekorV2 = new FakeRekorV2(pki);
    tsa = new FakeTimestampAuthority(pki);
    trustedRoot = pki.trustedRoot(dir.resolve("trusted_root.json"),
        new SigstoreTestPki.Services(fulcio.url(), rekor.url(), rekorV2.url(), tsa.url()), pki.fulcioCa,
        pki.tsaChain);
    System.setProperty("javax.net.ssl.trustStore", pki.trustStore(dir).toString());
    System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    tokenFile = Files.writeString(dir.resolve("token"), pki.token(IDENTITY));
  }

  /** Starts the services, writing the trusted root, trust store and token under {@code dir}. */
  public static FakeSigstore start(Path dir) {
    try {
      return new FakeSigstore(dir);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the loopback Sigstore", e);
    }
  }

  public URI fulcioUrl() {
    return fulcio.url();
  }

  public URI rekorUrl() {
    return rekor.url();
  }

  /** The Rekor v2 log that DSSE entries go to. */
  public URI rekorV2Url() {
    return rekorV2.url();
  }

  /** The RFC 3161 timestamp authority that gives Rekor v2 entries their time. */
  public URI tsaUrl() {
    return tsa.url();
  }

  public Path trustedRoot() {
    return trustedRoot;
  }

  public Path tokenFile() {
    return tokenFile;
  }

  @Override
  public void close() throws Exception {
    fulcio.close();
    rekor.close();
    rekorV2.close();
    tsa.close();
  }
}
