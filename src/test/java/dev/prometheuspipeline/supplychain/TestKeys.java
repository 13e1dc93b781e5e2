package dev.prometheuspipeline.supplychain;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Real keys for tests, made by the JDK and written as an operator's PEM files would be. */
final class TestKeys {
  private TestKeys() {}

  static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  static KeyPair rsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  /** The private key as PKCS#8 PEM in {@code file}: the JDK's encoding, as {@code openssl genpkey} writes it. */
  static Path writePkcs8(Path file, KeyPair pair) throws Exception {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(pair.getPrivate().getEncoded());
    Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
    return file;
  }

  /** A fresh P-256 signing key, in its own file under {@code dir}. */
  static SigningKey fresh(Path dir, String name) {
    return SigningKeys.loadOrCreate(dir.resolve(name + ".pem"));
  }
}
