package dev.prometheuspipeline.trigger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The signed webhook of the seed's workflow. {@code secret} comes from {@code PIPELINE_WEBHOOK_SECRET};
 * without it the webhook refuses everything. {@code branch} is the one that starts releases.
 */
@ConfigurationProperties("pipeline.webhook")
public record WebhookProperties(String secret, Duration tolerance, String branch) {
  public WebhookProperties {
    secret = secret == null ? "" : secret;
    tolerance = tolerance == null ? Duration.ofMinutes(5) : tolerance;
    branch = branch == null || branch.isBlank() ? "main" : branch;
  }

  boolean enabled() {
    return !secret.isEmpty();
  }

  @Override
  public String toString() {
    return "WebhookProperties[secret=" + (enabled() ? "****" : "<unset>") + ", tolerance=" + tolerance
        + ", branch=" + branch + "]";
  }
}
