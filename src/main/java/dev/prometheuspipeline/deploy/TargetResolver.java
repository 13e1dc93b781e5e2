package dev.prometheuspipeline.deploy;

import dev.prometheuspipeline.system.WorkerCredentials;
import java.net.URI;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Turns configuration into the target engine to deploy to: another engine, or this application's own. */
@Component
public class TargetResolver {
  private final TargetProperties properties;
  private final WorkerCredentials worker;
  private final Environment environment;

  TargetResolver(TargetProperties properties, WorkerCredentials worker, Environment environment) {
    this.properties = properties;
    this.worker = worker;
    this.environment = environment;
  }

  public CamundaTarget current() {
    if (properties.isSelf()) {
      // Read at call time: the port is known only once the web server runs.
      String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
      return new CamundaTarget(URI.create("http://localhost:" + port + "/engine-rest"), worker.username(),
          worker.password(), properties.timeout());
    }
    return new CamundaTarget(URI.create(properties.url()), properties.username(), properties.password(),
        properties.timeout());
  }
}
