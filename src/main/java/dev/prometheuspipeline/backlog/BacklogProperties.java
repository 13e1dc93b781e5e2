package dev.prometheuspipeline.backlog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How often and how much of the backlog one node takes at a time. */
@ConfigurationProperties("pipeline.backlog")
public record BacklogProperties(boolean enabled, Duration pollInterval, int batchSize) {
  public BacklogProperties {
    pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
    batchSize = batchSize < 1 ? 10 : batchSize;
  }
}
