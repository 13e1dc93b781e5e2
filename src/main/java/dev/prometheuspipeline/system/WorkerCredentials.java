package dev.prometheuspipeline.system;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.client.interceptor.ClientRequestContext;
import org.camunda.bpm.client.interceptor.ClientRequestInterceptor;
import org.springframework.stereotype.Component;

/**
 * The service identity the in-app workers use against this application's own REST API. Registered as
 * a {@link ClientRequestInterceptor}, so the external-task client authenticates every request with it.
 * The secret is configuration when set, otherwise generated per start and never written anywhere.
 */
@Component
public class WorkerCredentials implements ClientRequestInterceptor {
  private final String username;
  private final String password;

  WorkerCredentials(AccessProperties access) {
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
