package dev.prometheuspipeline.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;

class WebappSessionAuthenticationTest {
  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("camunda-models.cfg.xml").build();

  private final WebappSessionAuthentication provider = new WebappSessionAuthentication();

  @BeforeEach
  void createUser() {
    if (engine.getIdentityService().createUserQuery().userId("erin").count() == 0) {
      User erin = engine.getIdentityService().newUser("erin");
      erin.setPassword("erin-password");
      engine.getIdentityService().saveUser(erin);
    }
  }

  @Test
  void acceptsBasicCredentials() {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/releases");
    request.addHeader("Authorization", basic("erin", "erin-password"));

    assertThat(provider.extractAuthenticatedUser(request, engine.getProcessEngine()).getAuthenticatedUser())
        .isEqualTo("erin");
  }

  @Test
  void refusesAWrongPassword() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/releases");
    request.addHeader("Authorization", basic("erin", "not-her-password"));

    assertThat(provider.extractAuthenticatedUser(request, engine.getProcessEngine()).isAuthenticated()).isFalse();
  }

  @Test
  void acceptsAWebappSessionForReading() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/releases");
    request.setSession(signedIn("erin"));

    assertThat(provider.extractAuthenticatedUser(request, engine.getProcessEngine()).getAuthenticatedUser())
        .isEqualTo("erin");
  }

  @Test
  void refusesAWebappSessionForChanging() {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/releases");
    request.setSession(signedIn("erin"));

    assertThat(provider.extractAuthenticatedUser(request, engine.getProcessEngine()).isAuthenticated()).isFalse();
  }

  private MockHttpSession signedIn(String user) {
    MockHttpSession session = new MockHttpSession();
    Authentications authentications = new Authentications();
    authentications.addOrReplace(new UserAuthentication(user, engine.getProcessEngine().getName()));
    AuthenticationUtil.updateSession(session, authentications);
    return session;
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
