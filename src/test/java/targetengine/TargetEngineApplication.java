package targetengine;

import org.camunda.bpm.client.spring.boot.starter.impl.ClientAutoConfiguration;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * A Camunda engine for the deploy and verify tests to deploy to: REST API on a random port, H2 in memory,
 * HTTP basic auth through Camunda's own filter, users created at start. Configured only by
 * {@code target-engine.yaml}, so the application's own configuration, migrations and workers stay out.
 */
@SpringBootApplication(exclude = ClientAutoConfiguration.class)
public class TargetEngineApplication {

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-auth");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }

  /**
   * Creates the deploying user, and a second one for the wrong-password tests: after a failed login
   * Camunda refuses even the right password for a few seconds, which would break the other tests.
   */
  @Bean
  ApplicationRunner targetEngineUsers(IdentityService identity) {
    return arguments -> {
      createUser(identity, TargetEngine.USER, TargetEngine.PASSWORD);
      createUser(identity, TargetEngine.LOCKABLE_USER, TargetEngine.LOCKABLE_PASSWORD);
    };
  }

  private static void createUser(IdentityService identity, String id, String password) {
    User user = identity.newUser(id);
    user.setFirstName(id);
    user.setLastName("Test");
    user.setPassword(password);
    identity.saveUser(user);
  }
}
