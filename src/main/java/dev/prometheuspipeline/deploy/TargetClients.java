package dev.prometheuspipeline.deploy;

import static java.util.Objects.requireNonNull;

import org.springframework.web.client.RestClient;

/** Opens clients of target engines, all from the application's one HTTP client configuration. */
public final class TargetClients {
  private final RestClient.Builder http;

  public TargetClients(RestClient.Builder http) {
    this.http = requireNonNull(http, "http");
  }

  public TargetEngineClient connect(CamundaTarget target) {
    return new TargetEngineClient(target, http);
  }
}
