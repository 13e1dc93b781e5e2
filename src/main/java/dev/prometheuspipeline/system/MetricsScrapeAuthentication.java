package dev.prometheuspipeline.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * {@code /actuator/prometheus}: HTTP Basic, for members of {@value #METRICS_GROUP} (the scrape user, which has
 * no right in the engine) or administrators. Anyone else who logs in is refused: the series name releases and
 * environments.
 */
public class MetricsScrapeAuthentication implements AuthenticationProvider {
  static final String METRICS_GROUP = "pipeline-metrics";

  private final HttpBasicAuthenticationProvider basic = new HttpBasicAuthenticationProvider();

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    AuthenticationResult result = basic.extractAuthenticatedUser(request, engine);
    if (!result.isAuthenticated()) {
      return result;
    }
    long member = engine.getIdentityService().createGroupQuery().groupMember(result.getAuthenticatedUser())
        .groupIdIn(METRICS_GROUP, Groups.CAMUNDA_ADMIN).count();
    return member > 0 ? result : AuthenticationResult.unsuccessful(result.getAuthenticatedUser());
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    basic.augmentResponseByAuthenticationChallenge(response, engine);
  }
}
