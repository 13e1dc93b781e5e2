package dev.prometheuspipeline.stage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How stage workers treat technical failures: tries before an incident, and the wait between them. */
@ConfigurationProperties("pipeline.stages")
public record StageProperties(int retries, Duration retryBackoff) {
  public StageProperties {
    if (retries < 1) {
      retries = 3;
    }
    retryBackoff = retryBackoff == null ? Duration.ofSeconds(10) : retryBackoff;
  }
}
