package dev.prometheuspipeline.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use the application. Passwords left empty are generated: the administrator's once at first
 * start (printed once), the worker's at every start (kept in memory only). No fixed password exists
 * outside the {@code dev} profile.
 */
@ConfigurationProperties("pipeline")
public record AccessProperties(Account admin, Account worker, Account metrics) {
  public AccessProperties {
    admin = admin == null ? new Account("admin", "") : admin.withDefaultName("admin");
    worker = worker == null ? new Account("pipeline-worker", "") : worker.withDefaultName("pipeline-worker");
    // No password: no scrape user is created (an administrator can still scrape).
    metrics = metrics == null ? new Account("pipeline-metrics", "") : metrics.withDefaultName("pipeline-metrics");
  }

  public record Account(String username, String password) {
    public Account {
      password = password == null ? "" : password;
    }

    Account withDefaultName(String name) {
      return username == null || username.isBlank() ? new Account(name, password) : this;
    }

    boolean hasPassword() {
      return !password.isEmpty();
    }

    @Override
    public String toString() {
      return "Account[username=" + username + ", password=" + (hasPassword() ? "****" : "<generated>") + "]";
    }
  }
}
