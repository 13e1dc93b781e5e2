package dev.prometheuspipeline.deploy;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One environment of {@code pipeline.environments[N]}, as configured. Passwords and hook secrets come
 * from the environment ({@code ${HOMOLOGACAO_PASSWORD}} in YAML, or
 * {@code PIPELINE_ENVIRONMENTS_0_PASSWORD}) or from a file the operator mounts ({@code password-file},
 * {@code workers-hook-secret-file}); either way they never reach process variables, logs or reports.
 *
 * @param name the contract's {@code ambiente} ({@code homologacao}, {@code producao}, …)
 * @param url the target engine's REST root; empty means this application's own engine
 * @param tenant the tenant the release's deployments belong to on that engine; empty for none
 * @param workersHookUrl the worker agent of that environment ({@code java -jar … worker-agent}); empty
 *     when the environment's workers are deployed some other way
 * @param workersTimeout how long the worker agent may take to report the new commit
 */
public record EnvironmentProperties(String name, String url, String username, String password, Path passwordFile,
    String tenant, String workersHookUrl, String workersHookSecret, Path workersHookSecretFile, Duration timeout,
    Duration workersTimeout) {

  public EnvironmentProperties {
    name = name == null ? "" : name.trim();
    url = url == null ? "" : url.trim();
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    tenant = tenant == null ? "" : tenant.trim();
    workersHookUrl = workersHookUrl == null ? "" : workersHookUrl.trim();
    workersHookSecret = workersHookSecret == null ? "" : workersHookSecret;
    timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    workersTimeout = workersTimeout == null ? Duration.ofMinutes(5) : workersTimeout;
  }

  @Override
  public String toString() {
    return "EnvironmentProperties[name=" + name + ", url=" + (url.isEmpty() ? "<this application>" : url)
        + ", username=" + username + ", password=****, tenant=" + tenant + ", workersHookUrl=" + workersHookUrl
        + ", workersHookSecret=****, timeout=" + timeout + ", workersTimeout=" + workersTimeout + "]";
  }
}
