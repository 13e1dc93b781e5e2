package dev.prometheuspipeline.system;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.client.interceptor.ClientRequestContext;
import org.camunda.bpm.client.interceptor.ClientRequestInterceptor;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The service identity the workers use against the engine's REST API: this application's own (in-app
 * workers), or an application node's (a worker-only process, as a user of {@code pipeline.access.workers}). Registered as
 * a {@link ClientRequestInterceptor}, so the external-task client authenticates every request with it.
 * The secret is configuration when set, otherwise generated per start and never written anywhere.
 */
@Component
public class WorkerCredentials implements ClientRequestInterceptor {
  private final String username;
  private final String password;

  WorkerCredentials(AccessProperties access, Environment environment) {
    // A worker-only process talks to another process's engine: a secret generated here would match no user.
    if (environment.acceptsProfiles(Profiles.of("worker")) && !access.worker().hasPassword()) {
      throw new IllegalStateException("a worker-only process needs pipeline.worker.username and "
          + "pipeline.worker.password (PIPELINE_WORKER_PASSWORD): a user of pipeline.access.workers on the "
          + "application nodes");
    }
    this.username = access.worker().username();
    this.password = access.worker().hasPassword() ? access.worker().password() : Secrets.generate();
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  @Override
  public void intercept(ClientRequestContext request) {
    String token = Base64.getEncoder()
        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    request.addHeader("Authorization", "Basic " + token);
  }

  @Override
  public String toString() {
    return "WorkerCredentials[username=" + username + "]";
  }
}
