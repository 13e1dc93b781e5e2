package dev.prometheuspipeline.deploy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The engine that {@code implantar} deploys to. An empty url means this application's own
 * {@code /engine-rest}, reached with the workers' service identity; {@code environment} is the
 * contract's {@code ambiente} in {@code validar_implantacao}.
 */
@ConfigurationProperties("pipeline.target")
public record TargetProperties(String url, String username, String password, String environment, Duration timeout) {
  public TargetProperties {
    url = url == null ? "" : url.trim();
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    environment = environment == null || environment.isBlank() ? "producao" : environment;
    timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
  }

  public boolean isSelf() {
    return url.isEmpty();
  }

  @Override
  public String toString() {
    return "TargetProperties[url=" + (isSelf() ? "<this application>" : url) + ", username=" + username
        + ", environment=" + environment + ", timeout=" + timeout + "]";
  }
}
