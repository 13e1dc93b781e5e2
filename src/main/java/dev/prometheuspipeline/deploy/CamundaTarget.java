package dev.prometheuspipeline.deploy;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * A Camunda 7 engine reached over its REST API with HTTP basic auth.
 *
 * @param restUrl the REST root, e.g. {@code http://host:8080/engine-rest}, or a named engine's root,
 *     {@code http://host:8080/engine-rest/engine/<name>}; every call appends its path to it
 * @param username the engine user the pipeline deploys and verifies as
 * @param password that user's password; never shown by {@link #toString()}
 * @param timeout how long to wait for a connection, and then for an answer, per call
 * @param tenant the tenant the pipeline deploys to and reads from; empty for none
 */
public record CamundaTarget(URI restUrl, String username, String password, Duration timeout, String tenant) {
  /** A target without tenants. */
  public CamundaTarget(URI restUrl, String username, String password, Duration timeout) {
    this(restUrl, username, password, timeout, "");
  }

  public CamundaTarget {
    tenant = tenant == null ? "" : tenant;
    requireNonNull(restUrl, "restUrl");
    requireNonNull(username, "username");
    requireNonNull(password, "password");
    requireNonNull(timeout, "timeout");
    String scheme = restUrl.getScheme() == null ? "" : restUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || restUrl.getHost() == null) {
      throw new IllegalArgumentException("pipeline.target.url must be an http(s) URL with a host, like "
          + "http://camunda:8080/engine-rest; got " + restUrl);
    }
    // Credentials in the URL would leak into logs and messages, which print the URL.
    if (restUrl.getRawUserInfo() != null) {
      throw new IllegalArgumentException("pipeline.target.url must not carry credentials; set "
          + "pipeline.target.username/password instead");
    }
    if (restUrl.getRawQuery() != null || restUrl.getRawFragment() != null) {
      throw new IllegalArgumentException("pipeline.target.url must be the REST root without query or "
          + "fragment, like http://camunda:8080/engine-rest; got " + restUrl);
    }
    if (username.isBlank()) {
      throw new IllegalArgumentException("pipeline.target.username is empty; set it to a user of the target engine");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("pipeline.target.timeout must be positive; got " + timeout);
    }
  }

  public boolean hasTenant() {
    return !tenant.isEmpty();
  }

  @Override
  public String toString() {
    return "CamundaTarget[restUrl=" + restUrl + ", username=" + username + ", password=****, timeout="
        + timeout + (hasTenant() ? ", tenant=" + tenant : "") + "]";
  }
}
