package dev.prometheuspipeline.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;

/**
 * The pipeline API's authentication: HTTP Basic, or, for reading only, the session a person already has in
 * Tasklist or Cockpit, so that the report links on the approval form open without a second login.
 *
 * <p>Only safe methods accept the session: the webapps' CSRF filter guards {@code /camunda/*} but not
 * {@code /api/*}, so a cookie alone must never start or change a release.
 */
public class WebappSessionAuthentication implements AuthenticationProvider {
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

  private final HttpBasicAuthenticationProvider basic = new HttpBasicAuthenticationProvider();

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    HttpSession session = request.getSession(false);
    if (session != null && SAFE_METHODS.contains(request.getMethod())
        && request.getHeader("Authorization") == null) {
      Authentications signedIn = AuthenticationUtil.getAuthsFromSession(session);
      Authentication user = signedIn.getAuthenticationForProcessEngine(engine.getName());
      if (user != null && user != Authentication.ANONYMOUS && user.getIdentityId() != null) {
        return AuthenticationResult.successful(user.getIdentityId());
      }
    }
    return basic.extractAuthenticatedUser(request, engine);
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    basic.augmentResponseByAuthenticationChallenge(response, engine);
  }
}
