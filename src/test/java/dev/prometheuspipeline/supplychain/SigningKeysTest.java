package dev.prometheuspipeline.supplychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {
  @TempDir Path dir;

  @Test
  void createsTheKeyFileReadableByItsOwnerOnly() throws Exception {
    Path file = dir.resolve("keys/signing-key.pem");

    SigningKeys.loadOrCreate(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).as("no partial file left behind").containsExactly(file);
    }
  }

  @Test
  void reusesTheKeyItMadeOnTheSecondCall() throws Exception {
    Path file = dir.resolve("signing-key.pem");
    SigningKey first = SigningKeys.loadOrCreate(file);
    byte[] written = Files.readAllBytes(file);

    SigningKey second = SigningKeys.loadOrCreate(file);

    assertThat(second.keyId()).isEqualTo(first.keyId());
    assertThat(second.publicKeyPem()).isEqualTo(first.publicKeyPem());
    assertThat(Files.readAllBytes(file)).isEqualTo(written);
  }

  @Test
  void loadsAnOperatorsPkcs8KeyAndDerivesItsPublicHalf() throws Exception {
    KeyPair pair = TestKeys.ec("secp256r1");
    Path file = TestKeys.writePkcs8(dir.resolve("operator.pem"), pair);

    SigningKey key = SigningKeys.load(file);

    assertThat(key.keyId()).isEqualTo(SigningKeys.keyId(pair.getPublic())).hasSize(64).matches("[0-9a-f]+");
    assertThat(SigningKeys.publicKey(key.publicKeyPem()).getEncoded()).isEqualTo(pair.getPublic().getEncoded());
  }

  @Test
  void signsWhatItsPublicKeyVerifies() throws Exception {
    SigningKey key = SigningKeys.loadOrCreate(dir.resolve("k.pem"));
    byte[] message = "Genesis/bpmn/order.bpmn".getBytes(StandardCharsets.UTF_8);

    byte[] signature = key.sign(message);

    java.security.Signature jdk = java.security.Signature.getInstance("SHA256withECDSA");
    jdk.initVerify(SigningKeys.publicKey(key.publicKeyPem()));
    jdk.update(message);
    assertThat(jdk.verify(signature)).isTrue();
    assertThat(key.verify("other".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
  }

  @Test
  void refusesAnRsaKeyNamingTheFileWithoutPrintingTheKey() throws Exception {
    Path file = TestKeys.writePkcs8(dir.resolve("rsa.pem"), TestKeys.rsa());
    String body = Files.readAllLines(file).get(1);

    assertThatThrownBy(() -> SigningKeys.load(file))
        .isInstanceOf(SigningKeyException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("RSA")
        .hasMessageContaining("P-256")
        .hasMessageContaining("openssl genpkey")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(body));
  }

  @Test
  void refusesAnEcKeyOnAnotherCurve() throws Exception {
    Path file = TestKeys.writePkcs8(dir.resolve("p384.pem"), TestKeys.ec("secp384r1"));

    assertThatThrownBy(() -> SigningKeys.load(file))
        .isInstanceOf(SigningKeyException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("secp384r1")
        .hasMessageContaining("not P-256");
  }

  @Test
  void refusesAFileThatHoldsNoPemKey() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.pem"), "this is not a key\n");

    assertThatThrownBy(() -> SigningKeys.load(file))
        .isInstanceOf(SigningKeyException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("no PEM block");
  }

  @Test
  void refusesAMissingFileSayingHowToMakeOne() {
    Path file = dir.resolve("absent.pem");

    assertThatThrownBy(() -> SigningKeys.load(file))
        .isInstanceOf(SigningKeyException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("no such signing key file")
        .hasMessageContaining("openssl genpkey");
  }

  @Test
  void refusesAPublicKeyOfAnotherAlgorithmForVerifying() throws Exception {
    String rsaPublic = "-----BEGIN PUBLIC KEY-----\n"
        + java.util.Base64.getMimeEncoder().encodeToString(TestKeys.rsa().getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";

    assertThatThrownBy(() -> SigningKeys.publicKey(rsaPublic))
        .isInstanceOf(SigningKeyException.class)
        .hasMessageContaining("the verification key: is an RSA key");
  }
}
