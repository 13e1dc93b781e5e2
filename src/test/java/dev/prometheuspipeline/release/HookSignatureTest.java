package dev.prometheuspipeline.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The seed's hook signing: {@code X-Signature: sha256=<HMAC-SHA256 of "<X-Timestamp>.<raw body>">}. */
class HookSignatureTest {
  private static final String SECRET = "seed-secret";
  private static final String TIMESTAMP = "1700000000000";
  private static final Instant SENT = Instant.ofEpochMilli(1_700_000_000_000L);
  private static final byte[] BODY = "{\"branch\":\"main\"}".getBytes(StandardCharsets.UTF_8);
  /**
   * {@code echo -n '1700000000000.{"branch":"main"}' | openssl dgst -sha256 -hmac seed-secret}, the seed
   * workflow's own command.
   */
  private static final String OPENSSL = "093d80c49b3e0a82e435e1898536f9d0ec72f786006ad5bbecdf489698ced832";

  private final HookSignature signature = new HookSignature(SECRET, Duration.ofMinutes(5));

  @Test
  void signsAsTheSeedsWorkflowSignsWithOpenssl() {
    assertThat(signature.sign(TIMESTAMP, BODY)).isEqualTo("sha256=" + OPENSSL);
  }

  @Test
  void aMatchingSignatureIsAcceptedAndNormalisedToLowercaseHex() {
    assertThat(signature.verify(TIMESTAMP, "sha256=" + OPENSSL, BODY, SENT)).isEqualTo(OPENSSL);
    assertThat(signature.verify(" " + TIMESTAMP + " ", "SHA256=" + OPENSSL.toUpperCase(), BODY,
        SENT.plusSeconds(30))).isEqualTo(OPENSSL);
  }

  @Test
  void aTimestampAtTheEdgeOfTheToleranceIsAcceptedAndOnePastItIsNot() {
    assertThat(signature.verify(TIMESTAMP, "sha256=" + OPENSSL, BODY, SENT.plus(Duration.ofMinutes(5))))
        .isEqualTo(OPENSSL);
    assertThat(signature.verify(TIMESTAMP, "sha256=" + OPENSSL, BODY, SENT.minus(Duration.ofMinutes(5))))
        .isEqualTo(OPENSSL);

    assertThatThrownBy(() -> signature.verify(TIMESTAMP, "sha256=" + OPENSSL, BODY,
        SENT.plus(Duration.ofMinutes(5)).plusMillis(1)))
        .isInstanceOf(HookSignature.Rejected.class)
        .hasMessage("X-Timestamp is 300 s away from the receiver's clock; the limit is 300 s (sign each request"
            + " when you send it)");
  }

  @Test
  void aTimestampInSecondsIsNamedSo() {
    String seconds = "1700000000";
    String signed = signature.sign(seconds, BODY);

    assertThatThrownBy(() -> signature.verify(seconds, signed, BODY, SENT))
        .isInstanceOf(HookSignature.Rejected.class)
        .hasMessageContaining("looks like seconds since the epoch; send milliseconds (date +%s%3N");
  }

  @Test
  void aChangedBodyOrTimestampOrAnotherSecretDoesNotMatch() {
    byte[] other = "{\"branch\":\"feature\"}".getBytes(StandardCharsets.UTF_8);
    HookSignature otherSecret = new HookSignature("another-secret", Duration.ofMinutes(5));

    assertThatThrownBy(() -> signature.verify(TIMESTAMP, "sha256=" + OPENSSL, other, SENT))
        .isInstanceOf(HookSignature.Rejected.class)
        .hasMessage("X-Signature does not match the body and timestamp; check the shared secret");
    assertThatThrownBy(() -> signature.verify("1700000000001", "sha256=" + OPENSSL, BODY, SENT))
        .hasMessageContaining("does not match");
    assertThatThrownBy(() -> otherSecret.verify(TIMESTAMP, "sha256=" + OPENSSL, BODY, SENT))
        .hasMessageContaining("does not match");
  }

  @Test
  void missingOrMalformedHeadersAreNamed() {
    assertThatThrownBy(() -> signature.verify(null, "sha256=" + OPENSSL, BODY, SENT))
        .hasMessage("missing X-Timestamp header (milliseconds since the epoch)");
    assertThatThrownBy(() -> signature.verify(" ", "sha256=" + OPENSSL, BODY, SENT))
        .hasMessageContaining("missing X-Timestamp");
    assertThatThrownBy(() -> signature.verify("yesterday", "sha256=" + OPENSSL, BODY, SENT))
        .hasMessage("X-Timestamp is not a number of milliseconds since the epoch");
    assertThatThrownBy(() -> signature.verify(TIMESTAMP, null, BODY, SENT))
        .hasMessage("missing or malformed X-Signature header; expected sha256=<hex HMAC-SHA256>");
    assertThatThrownBy(() -> signature.verify(TIMESTAMP, OPENSSL, BODY, SENT))
        .hasMessageContaining("malformed X-Signature");
    assertThatThrownBy(() -> signature.verify(TIMESTAMP, "sha256=not-hex", BODY, SENT))
        .hasMessage("X-Signature is not hexadecimal");
    assertThatThrownBy(() -> signature.verify(TIMESTAMP, "sha256=" + OPENSSL.substring(2), BODY, SENT))
        .hasMessageContaining("does not match");
  }

  @Test
  void anEmptySecretIsRefusedAndTheSecretIsNeverShown() {
    assertThatThrownBy(() -> new HookSignature("", Duration.ofMinutes(5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the hook secret is empty");
    assertThat(signature).hasToString("HookSignature[tolerance=PT5M]");
    assertThat(signature.tolerance()).isEqualTo(Duration.ofMinutes(5));
  }
}
