package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.supplychain.BundleVerification.Outcome;
import dev.sigstore.KeylessVerificationException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.bundle.BundleParseException;
import dev.sigstore.strings.StringMatcher;
import dev.sigstore.trustroot.SigstoreConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;

/**
 * Checks keyless Sigstore bundles (a Fulcio certificate and a Rekor entry) offline with sigstore-java's
 * {@link KeylessVerifier} and the operator's trusted root: the certificate chains to a trusted Fulcio CA and carries
 * a valid SCT of a trusted CT log, names the expected identity and issuer, the signature verifies over the content,
 * and the Rekor entry is the one for this signature, with a valid inclusion proof, entry timestamp and checkpoint.
 * Provenance signed as a DSSE envelope through Rekor v2 ({@link #verifyProvenance}) is dated instead by RFC 3161
 * timestamps of a timestamp authority the trusted root names. Findings are values, as {@link BundleVerifier}'s.
 */
public final class KeylessBundleVerifier {
  /** Fulcio's OIDC issuer extension (v2, a DER UTF8String). */
  private static final String ISSUER_OID = "1.3.6.1.4.1.57264.1.8";

  private final KeylessVerifier verifier;
  private final VerificationOptions options;
  private final String identity;
  private final String issuer;

  /**
   * @param identity the certificate identity (SAN, e-mail or URI) accepted, exactly
   * @param issuer the OIDC issuer accepted, exactly
   * @throws SigningKeyException when the trusted root cannot be read or holds no usable CA or logs
   */
  public KeylessBundleVerifier(Path trustedRoot, String identity, String issuer) {
    requireNonNull(trustedRoot, "trustedRoot");
    this.identity = requireNonNull(identity, "identity");
    this.issuer = requireNonNull(issuer, "issuer");
    try {
      this.verifier = KeylessVerifier.builder().trustedRootProvider(TrustedRootProvider.from(trustedRoot)).build();
    } catch (SigstoreConfigurationException | GeneralSecurityException e) {
      throw new SigningKeyException("pipeline.signing.keyless.trusted-root " + trustedRoot
          + " cannot be used to verify keyless bundles: " + causes(e), e);
    }
    this.options = VerificationOptions.builder().addCertificateMatchers(VerificationOptions.CertificateMatcher.fulcio()
        .subjectAlternativeName(StringMatcher.string(identity)).issuer(StringMatcher.string(issuer)).build()).build();
  }

  /** Whether {@code bundleJson} is keyless: its verification material is a certificate, not a key hint. */
  public static boolean isKeyless(String bundleJson) {
    try {
      JsonNode material = ArtifactSigner.JSON.readTree(bundleJson).path("verificationMaterial");
      return material.has("certificate") || material.has("x509CertificateChain");
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /**
   * Checks a keyless message-signature bundle against {@code content}.
   *
   * @return {@link Outcome#OK} or the first refusal with sigstore-java's reason
   */
  public BundleVerification verify(String bundleJson, byte[] content) {
    requireNonNull(content, "content");
    return read(bundleJson, bundle -> {
      if (bundle.getMessageSignature().isEmpty()) {
        return BundleVerification.malformed("a keyless bundle of an artifact must hold a messageSignature");
      }
      byte[] digest = SigningKeys.sha256(content);
      var signed = bundle.getMessageSignature().get().getMessageDigest();
      if (signed.isPresent() && !MessageDigest.isEqual(digest, signed.get().getDigest())) {
        return new BundleVerification(Outcome.DIGEST_MISMATCH, "the artifact's bytes are not the ones signed: digest "
            + BundleVerifier.hex(digest) + ", bundle says " + BundleVerifier.hex(signed.get().getDigest()));
      }
      return check(bundle, digest);
    });
  }

  /**
   * Checks a keyless provenance bundle made through Rekor v2 ({@link KeylessArtifactSigner.StatementLog}): a DSSE
   * envelope of an in-toto statement. sigstore-java reads no bundle without a time (a signed entry timestamp or an
   * RFC 3161 timestamp; a Rekor v2 entry has only the latter), then checks the certificate and
   * identity as {@link #verify} does, the envelope's one signature over its pre-authentication encoding, each
   * timestamp (signed by a TSA of the trusted root, over this signature, within the certificate's validity) and
   * the {@code dsse} 0.0.2 log entry (this payload's digest, this signature and certificate, inclusion proof and
   * checkpoint). Then the statement must name each of {@code expected} with its SHA-256, as {@link Provenance#verify}.
   *
   * @return {@link Outcome#OK} or the first refusal: {@code UNTRUSTED} for a timestamp no trusted TSA gave,
   *     {@code MALFORMED} for a bundle with no time at all
   */
  public BundleVerification verifyProvenance(String bundleJson, List<ProvenanceInput.Subject> expected) {
    requireNonNull(expected, "expected");
    return read(bundleJson, bundle -> {
      if (bundle.getDsseEnvelope().isEmpty()) {
        return BundleVerification.malformed("a keyless provenance bundle of Rekor v2 must hold a dsseEnvelope (one"
            + " with a messageSignature over the statement is checked with the statement's bytes instead)");
      }
      byte[] payload = bundle.getDsseEnvelope().get().getPayload();
      var digest = anySubjectDigest(payload);
      if (digest.isEmpty()) {
        return BundleVerification.malformed("the signed statement names no subject with a sha256 digest");
      }
      // sigstore-java wants one subject's digest; which subjects must be there is checked on the statement below.
      BundleVerification signature = check(bundle, digest.get());
      return signature.ok() ? Provenance.checkStatement(payload, expected) : signature;
    });
  }

  private static BundleVerification read(String bundleJson, Function<Bundle, BundleVerification> check) {
    requireNonNull(bundleJson, "bundleJson");
    Bundle bundle;
    try {
      bundle = Bundle.from(new StringReader(bundleJson));
    } catch (BundleParseException | RuntimeException e) {
      return BundleVerification.malformed("not a keyless Sigstore bundle: " + causes(e));
    }
    return check.apply(bundle);
  }

  private BundleVerification check(Bundle bundle, byte[] digest) {
    try {
      verifier.verify(digest, bundle, options);
      return BundleVerification.OK;
    } catch (KeylessVerificationException e) {
      return refusal(e, (X509Certificate) bundle.getCertPath().getCertificates().get(0));
    } catch (RuntimeException e) {
      return BundleVerification.malformed("the keyless bundle could not be checked: " + causes(e));
    }
  }

  private static Optional<byte[]> anySubjectDigest(byte[] payload) {
    try {
      for (JsonNode subject : ArtifactSigner.JSON.readTree(payload).path("subject")) {
        String sha256 = subject.path("digest").path("sha256").asText("");
        if (sha256.matches("[0-9a-fA-F]{64}")) {
          return Optional.of(HexFormat.of().parseHex(sha256));
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private BundleVerification refusal(KeylessVerificationException e, X509Certificate leaf) {
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Fulcio certificate was not valid")) {
      return new BundleVerification(Outcome.UNTRUSTED, "the signing certificate is not trusted (issued by "
          + leaf.getIssuerX500Principal().getName() + "): " + causes(e));
    }
    if (message.startsWith("No provided certificate identities matched")
        || message.startsWith("Could not verify certificate identities")) {
      return new BundleVerification(Outcome.WRONG_IDENTITY, "signed by identity " + subjectAlternativeName(leaf)
          + " of issuer " + oidcIssuer(leaf) + ", not by " + identity + " of issuer " + issuer);
    }
    if (message.startsWith("RFC3161 timestamp verification failed")) {
      return new BundleVerification(Outcome.UNTRUSTED, "the signature's timestamp is not vouched for by a timestamp"
          + " authority of the trusted root: " + causes(e));
    }
    if (message.startsWith("Artifact signature was not valid") || message.startsWith("DSSE signature was not valid")
        || message.startsWith("Signature could not")) {
      return new BundleVerification(Outcome.BAD_SIGNATURE, "the signature does not verify with the certificate of "
          + subjectAlternativeName(leaf) + ": " + causes(e));
    }
    return new BundleVerification(Outcome.LOG_MISMATCH, "the transparency log entry does not vouch for this"
        + " signature: " + causes(e));
  }

  /** The certificate's single SAN (e-mail or URI), as Fulcio writes it; {@code ?} when there is none. */
  static String subjectAlternativeName(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      return names == null || names.isEmpty() ? "?" : String.valueOf(names.iterator().next().get(1));
    } catch (CertificateParsingException e) {
      return "?";
    }
  }

  private static String oidcIssuer(X509Certificate certificate) {
    byte[] extension = certificate.getExtensionValue(ISSUER_OID);
    if (extension == null) {
      return "?";
    }
    try {
      ASN1Primitive value = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets());
      return value instanceof ASN1String text ? text.getString() : "?";
    } catch (IOException | IllegalArgumentException e) {
      return "?";
    }
  }

  /** The messages down an exception's causes: sigstore-java puts the reason one or two levels deep. */
  static String causes(Throwable e) {
    List<String> messages = new ArrayList<>();
    for (Throwable cause = e; cause != null && messages.size() < 4; cause = cause.getCause()) {
      if (cause.getMessage() != null && messages.stream().noneMatch(cause.getMessage()::contains)) {
        messages.add(cause.getMessage().replace('\n', ' ').trim());
      }
    }
    return String.join(": ", messages);
  }
}
