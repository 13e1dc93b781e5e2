package dev.prometheuspipeline.githost;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each host's proof of origin, checked against the shared secret. */
class HostSignaturesTest {
  private static final String SECRET = "It's a Secret to Everybody";
  private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  private final HostSignatures signatures = new HostSignatures(SECRET);

  @Test
  void githubsDocumentedExampleVerifies() {
    // The example in GitHub's "Validating webhook deliveries": this secret, this payload, this signature.
    assertThatCode(() -> signatures.verifyGitHub(
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", BODY)).doesNotThrowAnyException();
  }

  @Test
  void aSignatureOfAnotherBodyOrSecretIsRejected() {
    String other = new HostSignatures("another secret").sign(BODY);
    assertThatThrownBy(() -> signatures.verifyGitHub("sha256=" + other, BODY))
        .isInstanceOf(HostSignatures.Rejected.class).hasMessageContaining("does not match");
    assertThatThrownBy(() -> signatures.verifyGitea(signatures.sign(BODY), "Hello, World?".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(HostSignatures.Rejected.class);
    assertThatThrownBy(() -> signatures.verifyGitHub(signatures.sign(BODY), BODY))
        .as("GitHub's header carries the sha256= prefix").isInstanceOf(HostSignatures.Rejected.class);
    assertThatThrownBy(() -> signatures.verifyGitHub(null, BODY)).hasMessageContaining("missing");
    assertThatThrownBy(() -> signatures.verifyGitea("zz", BODY)).hasMessageContaining("not hexadecimal");
  }

  @Test
  void giteaSignsTheBodyWithoutAPrefix() {
    assertThatCode(() -> signatures.verifyGitea(signatures.sign(BODY), BODY)).doesNotThrowAnyException();
    assertThatCode(() -> signatures.verifyGitea(signatures.sign(BODY).toUpperCase(), BODY)).doesNotThrowAnyException();
  }

  @Test
  void gitlabSendsTheTokenItself() {
    assertThatCode(() -> signatures.verifyGitLab(SECRET)).doesNotThrowAnyException();
    assertThatThrownBy(() -> signatures.verifyGitLab(SECRET + " ")).isInstanceOf(HostSignatures.Rejected.class)
        .message().doesNotContain(SECRET);
    assertThatThrownBy(() -> signatures.verifyGitLab("")).hasMessageContaining("missing");
  }
}
