package dev.prometheuspipeline.supplychain;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Where the release signing key comes from: a PEM file the operator provides, or one the pipeline makes once at
 * first start and keeps. Only ECDSA P-256 (secp256r1): what Sigstore clients verify with a plain public key.
 * Error messages name the file and the fix, never the key's bytes.
 */
public final class SigningKeys {
  private static final ASN1ObjectIdentifier P256 = SECObjectIdentifiers.secp256r1;
  private static final String HOW_TO_MAKE_ONE =
      "make one with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out signing-key.pem";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final JcaPEMKeyConverter CONVERTER = new JcaPEMKeyConverter();

  private SigningKeys() {}

  /**
   * Reads an operator's unencrypted EC P-256 private key: PKCS#8 ({@code BEGIN PRIVATE KEY}) or, as OpenSSL's
   * {@code ecparam -genkey} writes it, SEC 1 ({@code BEGIN EC PRIVATE KEY}).
   *
   * @throws SigningKeyException naming the file when it is missing, unreadable, encrypted, not a private key, or
   *     a key of another algorithm or curve
   */
  public static SigningKey load(Path privateKeyPem) {
    requireNonNull(privateKeyPem, "privateKeyPem");
    String pem;
    try {
      pem = Files.readString(privateKeyPem, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new SigningKeyException(privateKeyPem + ": no such signing key file; " + HOW_TO_MAKE_ONE, e);
    } catch (IOException e) {
      throw new SigningKeyException(privateKeyPem + ": cannot read the signing key (" + e.getClass().getSimpleName()
          + "); check the file's owner and permissions", e);
    }
    return parse(pem, privateKeyPem.toString());
  }

  /**
   * The key in {@code file}, made there first when the file does not exist: a new P-256 key written as PKCS#8 PEM
   * into a file created with permissions {@code rw-------} (given at creation, so no moment exists in which another
   * user could read it). The file appears whole or not at all; when two starts race, both use the one that won.
   *
   * @throws SigningKeyException when the file exists but is not a usable key (see {@link #load}), or cannot be made
   */
  public static SigningKey loadOrCreate(Path file) {
    requireNonNull(file, "file");
    if (Files.exists(file)) {
      return load(file);
    }
    KeyPair pair = generate();
    byte[] pem = privateKeyPem(pair.getPrivate()).getBytes(StandardCharsets.US_ASCII);
    Path dir = file.toAbsolutePath().getParent();
    Path partial = null;
    try {
      Files.createDirectories(dir);
      FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
      partial = Files.createTempFile(dir, "." + file.getFileName(), ".partial", ownerOnly);
      Files.write(partial, pem);
      // A hard link fails when the name exists, unlike a rename: a key another start just wrote is never replaced.
      Files.createLink(file, partial);
    } catch (FileAlreadyExistsException raced) {
      return load(file);
    } catch (UnsupportedOperationException e) {
      throw new SigningKeyException(file + ": cannot create the signing key with owner-only permissions on this"
          + " file system (" + e.getMessage() + "); put it on a POSIX file system or provide a key file", e);
    } catch (IOException e) {
      throw new SigningKeyException(file + ": cannot write the new signing key (" + e.getMessage()
          + "); check that its folder is writable by the pipeline's user", e);
    } finally {
      deleteQuietly(partial);
    }
    return new SigningKey(pair.getPrivate(), pair.getPublic());
  }

  /**
   * Reads a PEM {@code PUBLIC KEY} given to a verifier.
   *
   * @throws SigningKeyException when it is not an EC P-256 public key
   */
  public static PublicKey publicKey(String publicKeyPem) {
    requireNonNull(publicKeyPem, "publicKeyPem");
    try (PEMParser parser = new PEMParser(new StringReader(publicKeyPem))) {
      Object object = parser.readObject();
      if (!(object instanceof SubjectPublicKeyInfo info)) {
        throw new SigningKeyException("the verification key is not a PEM PUBLIC KEY"
            + (object == null ? " (no PEM block found)" : " (found " + describe(object) + ")"));
      }
      requireP256(info.getAlgorithm(), "the verification key");
      return CONVERTER.getPublicKey(info);
    } catch (IOException e) {
      throw new SigningKeyException("the verification key is not valid PEM: " + e.getMessage(), e);
    }
  }

  /** Lowercase hex SHA-256 of the key's DER SubjectPublicKeyInfo. */
  public static String keyId(PublicKey publicKey) {
    return HexFormat.of().formatHex(sha256(publicKey.getEncoded()));
  }

  static String publicKeyPem(PublicKey publicKey) {
    return pem(publicKey);
  }

  static boolean verify(PublicKey publicKey, byte[] message, byte[] signature) {
    requireNonNull(message, "message");
    requireNonNull(signature, "signature");
    try {
      java.security.Signature verifier = java.security.Signature.getInstance(SigningKey.ALGORITHM);
      verifier.initVerify(publicKey);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (java.security.SignatureException malformed) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new SigningKeyException("cannot verify with key " + keyId(publicKey) + ": " + e.getMessage(), e);
    }
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static SigningKey parse(String pem, String where) {
    Object object;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      object = parser.readObject();
    } catch (IOException e) {
      // BouncyCastle's message names the structure it failed on, not the key's bytes.
      throw new SigningKeyException(where + ": not a valid PEM private key (" + e.getMessage() + "); "
          + HOW_TO_MAKE_ONE, e);
    }
    try {
      if (object instanceof PEMKeyPair pair) {
        requireP256(pair.getPrivateKeyInfo().getPrivateKeyAlgorithm(), where);
        return new SigningKey(CONVERTER.getPrivateKey(pair.getPrivateKeyInfo()),
            CONVERTER.getPublicKey(pair.getPublicKeyInfo()));
      }
      if (object instanceof PrivateKeyInfo info) {
        requireP256(info.getPrivateKeyAlgorithm(), where);
        return new SigningKey(CONVERTER.getPrivateKey(info), CONVERTER.getPublicKey(publicOf(info)));
      }
    } catch (IOException e) {
      throw new SigningKeyException(where + ": the EC private key is damaged (" + e.getMessage() + "); "
          + HOW_TO_MAKE_ONE, e);
    }
    if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
      throw new SigningKeyException(where + ": the private key is encrypted; the pipeline reads unencrypted keys"
          + " kept in an owner-only file: openssl pkcs8 -topk8 -nocrypt -in " + where + " -out plain.pem");
    }
    throw new SigningKeyException(where + ": expected a PEM EC P-256 private key (BEGIN PRIVATE KEY), found "
        + (object == null ? "no PEM block" : describe(object)) + "; " + HOW_TO_MAKE_ONE);
  }

  /** PKCS#8 may leave out the public point (the JDK's does); it is the generator times the private scalar. */
  private static SubjectPublicKeyInfo publicOf(PrivateKeyInfo info) throws IOException {
    org.bouncycastle.asn1.sec.ECPrivateKey ec =
        org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
    X9ECParameters curve = ECNamedCurveTable.getByOID(P256);
    ECPoint q = curve.getG().multiply(ec.getKey()).normalize();
    return new SubjectPublicKeyInfo(info.getPrivateKeyAlgorithm(), q.getEncoded(false));
  }

  private static void requireP256(AlgorithmIdentifier algorithm, String where) {
    ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
      String name = PKCSObjectIdentifiers.rsaEncryption.equals(oid) ? "an RSA key" : "a key of algorithm " + oid;
      throw new SigningKeyException(where + ": is " + name + "; release signatures use ECDSA P-256 keys, "
          + HOW_TO_MAKE_ONE);
    }
    X962Parameters parameters = X962Parameters.getInstance(algorithm.getParameters());
    if (!parameters.isNamedCurve() || !P256.equals(parameters.getParameters())) {
      String curve = parameters.isNamedCurve() ? String.valueOf(ECNamedCurveTable.getName(
          (ASN1ObjectIdentifier) parameters.getParameters())) : "explicit parameters";
      throw new SigningKeyException(where + ": is an EC key on curve " + curve + ", not P-256 (secp256r1); "
          + HOW_TO_MAKE_ONE);
    }
  }

  private static String describe(Object pemObject) {
    return "a " + pemObject.getClass().getSimpleName();
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK 17 has EC P-256", e);
    }
  }

  private static String privateKeyPem(PrivateKey privateKey) {
    try {
      return pem(new JcaPKCS8Generator(privateKey, null).generate());
    } catch (IOException e) {
      throw new SigningKeyException("cannot encode the new signing key as PKCS#8: " + e.getMessage(), e);
    }
  }

  private static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new IllegalStateException("writing PEM to a string", e);
    }
    return out.toString();
  }

  private static void deleteQuietly(Path partial) {
    if (partial == null) {
      return;
    }
    try {
      Files.deleteIfExists(partial);
    } catch (IOException ignored) {
      // A leftover .partial file is owner-only and harmless; the key itself is in place or the error says why.
    }
  }
}
