package dev.prometheuspipeline.verify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long verification waits on the target: each smoke run's assertions wait for the live engine up to
 * {@code smoke-timeout}; {@code incident-watch} is the window after a deploy in which a new incident or
 * failed job on the definitions just deployed fails verification ({@code PT0S} skips the watch).
 */
@ConfigurationProperties("pipeline.verify")
public record VerifyProperties(Duration smokeTimeout, Duration incidentWatch) {
  public VerifyProperties {
    smokeTimeout = smokeTimeout == null ? Duration.ofMinutes(1) : smokeTimeout;
    incidentWatch = incidentWatch == null ? Duration.ofMinutes(2) : incidentWatch;
    if (smokeTimeout.isNegative() || smokeTimeout.isZero()) {
      throw new IllegalArgumentException("pipeline.verify.smoke-timeout must be positive; got " + smokeTimeout);
    }
    if (incidentWatch.isNegative()) {
      throw new IllegalArgumentException("pipeline.verify.incident-watch must be PT0S (off) or positive; got "
          + incidentWatch);
    }
  }
}
