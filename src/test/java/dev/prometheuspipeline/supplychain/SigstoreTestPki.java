package dev.prometheuspipeline.supplychain;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private Sigstore made of real keys for tests: a Fulcio CA, a CT log, Rekor v1 and v2 logs, a timestamp authority
 * under its own root, an OIDC issuer, and a TLS CA for the fake Fulcio's gRPC endpoint. It issues what the real
 * services issue (certificates with an embedded SCT, signed JWTs) and writes the {@code trusted_root.json} naming
 * its keys.
 */
final class SigstoreTestPki {
  static final String OIDC_ISSUER = "https://oidc.pipeline.test";
  static final String AUDIENCE = "sigstore";
  static final String FULCIO_ISSUER_OID = "1.3.6.1.4.1.57264.1.8";
  static final String SCT_LIST_OID = "1.3.6.1.4.1.11129.2.4.2";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  final KeyPair fulcioCaKey;
  final X509Certificate fulcioCa;
  final KeyPair ctLogKey;
  final KeyPair rekorKey;
  final KeyPair oidcKey;
  final KeyPair tlsCaKey;
  final X509Certificate tlsCa;
  final KeyPair rekorV2Key;
  final KeyPair tsaRootKey;
  final X509Certificate tsaRoot;
  final KeyPair tsaKey;
  /** The TSA's signing certificate, issued by {@link #tsaRoot}: chain leaf first, as a trusted root lists it. */
  final List<X509Certificate> tsaChain;

  SigstoreTestPki(String name) throws Exception {
    fulcioCaKey = TestKeys.ec("secp256r1");
    fulcioCa = caCertificate("CN=" + name + " Fulcio CA,O=" + name, fulcioCaKey);
    ctLogKey = TestKeys.ec("secp256r1");
    rekorKey = TestKeys.ec("secp256r1");
    oidcKey = TestKeys.ec("secp256r1");
    tlsCaKey = TestKeys.ec("secp256r1");
    tlsCa = caCertificate("CN=" + name + " TLS CA", tlsCaKey);
    rekorV2Key = TestKeys.ec("secp256r1");
    tsaRootKey = TestKeys.ec("secp256r1");
    tsaRoot = caCertificate("CN=" + name + " TSA root,O=" + name, tsaRootKey);
    tsaKey = TestKeys.ec("secp256r1");
    tsaChain = List.of(timestampingCertificate(name), tsaRoot);
  }

  /** An ES256 JWT as an OIDC provider issues it, signed with {@code key}. */
  static String token(KeyPair key, String issuer, String subject, Instant expires) throws Exception {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String header = url.encodeToString("{\"alg\":\"ES256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", subject);
    claims.put("email", subject);
    claims.put("aud", AUDIENCE);
    claims.put("iat", Instant.now().getEpochSecond());
    claims.put("exp", expires.getEpochSecond());
    String payload = url.encodeToString(JSON.writeValueAsBytes(claims));
    Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
    es256.initSign(key.getPrivate());
    es256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
    return header + "." + payload + "." + url.encodeToString(es256.sign());
  }

  String token(String subject) throws Exception {
    return token(oidcKey, OIDC_ISSUER, subject, Instant.now().plus(Duration.ofMinutes(10)));
  }

  /**
   * A Fulcio code-signing certificate for {@code subject}: its single SAN (e-mail), the OIDC issuer extension, and
   * an SCT of the CT log embedded, signed over the precertificate (RFC 6962 3.2: the TBS without the SCT list).
   */
  X509Certificate signingCertificate(PublicKey key, String subject, String issuer) throws Exception {
    Instant now = Instant.now();
    BigInteger serial = BigInteger.valueOf(SERIAL.incrementAndGet());
    Date notBefore = Date.from(now.minusSeconds(30));
    Date notAfter = Date.from(now.plus(Duration.ofMinutes(10)));
    X500Name issuerName = X500Name.getInstance(fulcioCa.getSubjectX500Principal().getEncoded());
    GeneralName san = subject.contains("@") ? new GeneralName(GeneralName.rfc822Name, subject)
        : new GeneralName(GeneralName.uniformResourceIdentifier, subject);
    X509v3CertificateBuilder precert = leafBuilder(issuerName, serial, notBefore, notAfter, key, san, issuer);
    X509CertificateHolder unsigned = precert.build(signer(fulcioCaKey));
    byte[] sct = sct(unsigned.toASN1Structure().getTBSCertificate().getEncoded(), now.toEpochMilli());
    X509v3CertificateBuilder leaf = leafBuilder(issuerName, serial, notBefore, notAfter, key, san, issuer);
    leaf.addExtension(new ASN1ObjectIdentifier(SCT_LIST_OID), false, new DEROctetString(tlsList(sct)));
    return new JcaX509CertificateConverter().getCertificate(leaf.build(signer(fulcioCaKey)));
  }

  /** The TLS certificate of a loopback server, for localhost and 127.0.0.1. */
  X509Certificate tlsCertificate(PublicKey key) throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
        X500Name.getInstance(tlsCa.getSubjectX500Principal().getEncoded()),
        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minusSeconds(60)),
        Date.from(now.plus(Duration.ofHours(1))), new X500Name("CN=localhost"), key);
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer(tlsCaKey)));
  }

  /** A PKCS#12 trust store holding the TLS CA, for the JVM's default trust (what gRPC's TLS uses). */
  Path trustStore(Path dir) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("fake-sigstore-tls", tlsCa);
    Path file = dir.resolve("trust.p12");
    try (var out = Files.newOutputStream(file)) {
      store.store(out, "changeit".toCharArray());
    }
    return file;
  }

  /** A {@code trusted_root.json} naming this PKI's Fulcio CA, CT log and Rekor, with {@code rekorUrl} as base URL. */
  Path trustedRoot(Path file, URI fulcioUrl, URI rekorUrl) throws Exception {
    return trustedRoot(file, fulcioUrl, rekorUrl, fulcioCa);
  }

  /** The same, but trusting {@code ca} as the Fulcio CA (another CA: an untrusted issuer). */
  Path trustedRoot(Path file, URI fulcioUrl, URI rekorUrl, X509Certificate ca) throws Exception {
    return trustedRoot(file, new Services(fulcioUrl, rekorUrl, null, null), ca, List.of());
  }

  /** Where the loopback services listen; a null Rekor v2 or TSA URL leaves that service out of the trusted root. */
  record Services(URI fulcio, URI rekor, URI rekorV2, URI tsa) {}

  /**
   * A {@code trusted_root.json} naming {@code ca} as the Fulcio CA, this PKI's CT log, Rekor v1 and (when its URL is
   * given) Rekor v2 logs, and a timestamp authority with {@code tsaChain} (leaf first; empty: none).
   */
  Path trustedRoot(Path file, Services services, X509Certificate ca, List<X509Certificate> tsaChain)
      throws Exception {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("mediaType", "application/vnd.dev.sigstore.trustedroot+json;version=0.1");
    root.put("tlogs", services.rekorV2() == null ? List.of(log(services.rekor().toString(), rekorKey.getPublic()))
        : List.of(log(services.rekor().toString(), rekorKey.getPublic()),
            log(services.rekorV2().toString(), rekorV2Key.getPublic())));
    root.put("certificateAuthorities", List.of(authority("fulcio", services.fulcio(), List.of(ca))));
    root.put("ctlogs", List.of(log("https://ctfe.pipeline.test/test", ctLogKey.getPublic())));
    root.put("timestampAuthorities", tsaChain.isEmpty() ? List.of()
        : List.of(authority("tsa", services.tsa(), tsaChain)));
    Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    return file;
  }

  private static Map<String, Object> authority(String name, URI uri, List<X509Certificate> chain) throws Exception {
    List<Map<String, String>> certificates = new java.util.ArrayList<>();
    for (X509Certificate certificate : chain) {
      certificates.add(Map.of("rawBytes", b64(certificate.getEncoded())));
    }
    return Map.of("subject", Map.of("organization", "pipeline test", "commonName", name), "uri", uri.toString(),
        "certChain", Map.of("certificates", certificates), "validFor", Map.of("start", "2020-01-01T00:00:00Z"));
  }

  /** RFC 3161 2.3: a TSA's certificate has the timeStamping extended key usage, alone and critical. */
  private X509Certificate timestampingCertificate(String name) throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
        X500Name.getInstance(tsaRoot.getSubjectX500Principal().getEncoded()),
        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofDays(1))),
        Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=" + name + " TSA,O=" + name), tsaKey.getPublic());
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer(tsaRootKey)));
  }

  static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static byte[] sign(KeyPair key, byte[] data) throws Exception {
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initSign(key.getPrivate());
    ecdsa.update(data);
    return ecdsa.sign();
  }

  private static Map<String, Object> log(String baseUrl, PublicKey key) throws Exception {
    return Map.of("baseUrl", baseUrl, "hashAlgorithm", "SHA2_256",
        "publicKey", Map.of("rawBytes", b64(key.getEncoded()), "keyDetails", "PKIX_ECDSA_P256_SHA_256",
            "validFor", Map.of("start", "2020-01-01T00:00:00Z")),
        "logId", Map.of("keyId", b64(sha256(key.getEncoded()))));
  }

  private X509v3CertificateBuilder leafBuilder(X500Name issuerName, BigInteger serial, Date notBefore, Date notAfter,
      PublicKey key, GeneralName san, String oidcIssuer) throws Exception {
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial, notBefore, notAfter,
        new X500Name(new org.bouncycastle.asn1.x500.RDN[0]), key);
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
    builder.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(san));
    builder.addExtension(new ASN1ObjectIdentifier(FULCIO_ISSUER_OID), false, new DERUTF8String(oidcIssuer));
    return builder;
  }

  /** RFC 6962 3.2: an SCT v1 over a precert entry (issuer key hash, TBS), ECDSA with SHA-256. */
  private byte[] sct(byte[] precertTbs, long timestamp) throws Exception {
    byte[] logId = sha256(ctLogKey.getPublic().getEncoded());
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    signed.write(0); // v1
    signed.write(0); // certificate_timestamp
    number(signed, timestamp, 8);
    number(signed, 1, 2); // precert_entry
    signed.write(sha256(fulcioCa.getPublicKey().getEncoded()));
    number(signed, precertTbs.length, 3);
    signed.write(precertTbs);
    number(signed, 0, 2); // no extensions
    byte[] signature = sign(ctLogKey, signed.toByteArray());
    ByteArrayOutputStream sct = new ByteArrayOutputStream();
    sct.write(0);
    sct.write(logId);
    number(sct, timestamp, 8);
    number(sct, 0, 2);
    sct.write(4); // sha256
    sct.write(3); // ecdsa
    number(sct, signature.length, 2);
    sct.write(signature);
    return sct.toByteArray();
  }

  private static byte[] tlsList(byte[] sct) {
    ByteArrayOutputStream list = new ByteArrayOutputStream();
    number(list, sct.length + 2, 2);
    number(list, sct.length, 2);
    list.writeBytes(sct);
    return list.toByteArray();
  }

  private static void number(ByteArrayOutputStream out, long value, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)) & 0xff);
    }
  }

  private static X509Certificate caCertificate(String name, KeyPair key) throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(name),
        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofDays(1))),
        Date.from(now.plus(Duration.ofDays(30))), new X500Name(name), key.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer(key)));
  }

  private static org.bouncycastle.operator.ContentSigner signer(KeyPair key) throws Exception {
    return new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
  }

  /**
   * The certificate in {@code encoded} (DER or PEM) when the test Fulcio CA issued it; empty when another key
   * signed it. What both loopback Rekor logs check of an entry's certificate.
   */
  Optional<X509Certificate> issuedByFulcio(byte[] encoded) throws CertificateException {
    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(encoded));
    try {
      certificate.verify(fulcioCa.getPublicKey());
      return Optional.of(certificate);
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }
}
