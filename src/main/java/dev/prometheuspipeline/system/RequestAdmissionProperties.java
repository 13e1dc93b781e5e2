package dev.prometheuspipeline.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many requests that reach the database run at once, and how long one waits for its turn before it is
 * answered 503 "Server busy" (see {@link RequestAdmission}).
 *
 * @param concurrentRequests unset or 0: as many as the database pool has connections
 * @param queueTimeout unset: 5 s, as long as the {@code postgres} profile's pool waits for a connection
 */
@ConfigurationProperties("pipeline.http")
record RequestAdmissionProperties(Integer concurrentRequests, Duration queueTimeout) {
  static final int POOL_SIZE_UNKNOWN = 10;

  RequestAdmissionProperties {
    queueTimeout = queueTimeout == null ? Duration.ofSeconds(5) : queueTimeout;
    if (queueTimeout.isNegative()) {
      throw new IllegalArgumentException("pipeline.http.queue-timeout must not be negative, was " + queueTimeout);
    }
    if (concurrentRequests != null && concurrentRequests < 0) {
      throw new IllegalArgumentException(
          "pipeline.http.concurrent-requests must be 0 (the pool's size) or more, was " + concurrentRequests);
    }
  }

  /** The number configured, else the pool's maximum size ({@code poolSize}, 0 when it is not known). */
  int concurrentRequests(int poolSize) {
    if (concurrentRequests != null && concurrentRequests > 0) {
      return concurrentRequests;
    }
    return poolSize > 0 ? poolSize : POOL_SIZE_UNKNOWN;
  }
}
