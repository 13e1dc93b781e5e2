package dev.prometheuspipeline.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;

/**
 * Authentication for the two programmatic APIs, through Camunda's own filter: users and passwords are
 * the engine's (managed in Camunda Admin), and the authenticated user is set on the engine for the
 * request, so the engine's authorizations apply. The webapps (Cockpit, Tasklist, Admin) keep their own
 * session login, which the pipeline API also accepts for reading (see {@link WebappSessionAuthentication});
 * {@code /actuator/prometheus} is for the scrape user (see {@link MetricsScrapeAuthentication}); health and the
 * HMAC-signed webhook are the only open endpoints.
 */
@Profile("!worker")
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /** Before the authentication filters, which need the database to check a password. */
  @Bean
  FilterRegistrationBean<DatabaseOutageFilter> databaseOutage(ObjectMapper json) {
    var registration = new FilterRegistrationBean<>(new DatabaseOutageFilter(json));
    registration.setName("database-outage");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  /**
   * Inside the outage answer (a request admitted may still find the database down) and before authentication,
   * whose password check is the first use of a connection.
   */
  @Bean
  FilterRegistrationBean<RequestAdmission> requestAdmission(RequestAdmissionProperties admission,
      ObjectProvider<DataSource> dataSource, ObjectProvider<MeterRegistry> metrics, ObjectMapper json) {
    int poolSize = dataSource.getIfUnique() instanceof HikariDataSource pool ? pool.getMaximumPoolSize() : 0;
    var gate = new RequestAdmission(admission.concurrentRequests(poolSize), admission.queueTimeout(), json);
    metrics.ifAvailable(registry -> Gauge.builder(RequestAdmission.WAITING, gate, RequestAdmission::waiting)
        .description("Requests waiting for their turn to reach the database").register(registry));
    var registration = new FilterRegistrationBean<>(gate);
    registration.setName("request-admission");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 7);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    return authentication("engine-rest-authentication", "/engine-rest", HttpBasicAuthenticationProvider.class);
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> pipelineApiAuthentication() {
    return authentication("pipeline-api-authentication", "/api", WebappSessionAuthentication.class);
  }

  /** The release board: the webapps' session, like the API's reads; a refused browser is shown the login link. */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> boardAuthentication() {
    return authentication("board-authentication", "/releases", BoardAuthentication.class);
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> metricsScrapeAuthentication() {
    return authentication("metrics-scrape-authentication", "/actuator/prometheus", MetricsScrapeAuthentication.class);
  }

  /** Before the authentication filters, so their refusals carry the headers too. */
  @Bean
  FilterRegistrationBean<SecurityHeaders> securityHeaders() {
    var registration = new FilterRegistrationBean<>(new SecurityHeaders());
    registration.setName("security-headers");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Requests Tomcat refuses before the application sees them get a problem too, not a page naming Tomcat. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
    return factory -> factory.addContextCustomizers(context -> {
      if (context.getParent() instanceof StandardHost host) {
        host.setErrorReportValveClass(ProblemErrorReports.class.getName());
      }
    });
  }

  @Bean
  ResourceConfigCustomizer wrappedRefusals() {
    return config -> config.register(WrappedRefusalMapper.class);
  }

  private static FilterRegistrationBean<ProcessEngineAuthenticationFilter> authentication(
      String name, String prefix, Class<? extends AuthenticationProvider> provider) {
    var registration = new FilterRegistrationBean<ProcessEngineAuthenticationFilter>(new EngineAuthenticationFilter());
    registration.setName(name);
    registration.addUrlPatterns(prefix + "/*");
    registration.setInitParameters(Map.of(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        provider.getName(),
        ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, prefix));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
