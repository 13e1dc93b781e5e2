package dev.prometheuspipeline.deploy;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import org.springframework.core.env.Environment;

/** Turns configuration into the target engine to deploy to: another engine, or this application's own. */
public class TargetResolver {
  private final TargetProperties properties;
  private final String selfUsername;
  private final String selfPassword;
  private final Environment environment;

  /**
   * @param selfUsername the user this application's own engine knows the pipeline as, used when no
   *     target is configured
   */
  public TargetResolver(TargetProperties properties, String selfUsername, String selfPassword,
      Environment environment) {
    this.properties = requireNonNull(properties, "properties");
    this.selfUsername = requireNonNull(selfUsername, "selfUsername");
    this.selfPassword = requireNonNull(selfPassword, "selfPassword");
    this.environment = requireNonNull(environment, "environment");
  }

  public CamundaTarget current() {
    if (properties.isSelf()) {
      // Read at call time: the port is known only once the web server runs.
      String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
      return new CamundaTarget(URI.create("http://localhost:" + port + "/engine-rest"), selfUsername, selfPassword,
          properties.timeout());
    }
    return new CamundaTarget(URI.create(properties.url()), properties.username(), properties.password(),
        properties.timeout());
  }
}
