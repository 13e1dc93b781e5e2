package dev.prometheuspipeline.backlog;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How often and how much of the backlog one node takes at a time, and the service accounts whose signed rows
 * it trusts ({@code pipeline.backlog.service-accounts.<name>}).
 */
@ConfigurationProperties("pipeline.backlog")
public record BacklogProperties(boolean enabled, Duration pollInterval, int batchSize,
    Map<String, ServiceAccount> serviceAccounts) {
  /** Shorter secrets are refused at start: an HMAC key should be as long as the hash (32 bytes). */
  static final int MIN_SECRET_LENGTH = 32;

  public BacklogProperties {
    pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
    batchSize = batchSize < 1 ? 10 : batchSize;
    serviceAccounts = serviceAccounts == null ? Map.of() : new TreeMap<>(serviceAccounts);
    serviceAccounts.forEach((name, account) -> {
      if (account.secret().length() < MIN_SECRET_LENGTH) {
        throw new IllegalStateException("pipeline.backlog.service-accounts." + name + ".secret is "
            + (account.secret().isEmpty() ? "missing" : "shorter than " + MIN_SECRET_LENGTH + " characters")
            + "; set it from the environment (secret: ${BACKLOG_SECRET_OF_THIS_ACCOUNT}), e.g. a value of"
            + " openssl rand -hex 32, and give the inserting system the same one");
      }
    });
  }

  /**
   * A system that writes backlog rows: the Camunda user {@code <name>} the application creates, in
   * {@code groups}, whose rows are proven by an HMAC-SHA256 with {@code secret}.
   */
  public record ServiceAccount(String secret, List<String> groups) {
    public ServiceAccount {
      secret = secret == null ? "" : secret;
      groups = groups == null ? List.of() : List.copyOf(groups);
    }

    @Override
    public String toString() {
      return "ServiceAccount[secret=****, groups=" + groups + "]";
    }
  }
}
