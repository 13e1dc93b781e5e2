package dev.prometheuspipeline.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;

/**
 * Turns configuration into the environments a release is deployed to, in order: {@code
 * pipeline.environments}, or, when none is configured, one environment on {@code pipeline.target.*}
 * (this application's own engine when that has no url either).
 */
public class TargetResolver {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,49}");

  private final TargetProperties target;
  private final List<EnvironmentProperties> configured;
  private final String selfUsername;
  private final String selfPassword;
  private final Environment environment;

  /**
   * @param selfUsername the user this application's own engine knows the pipeline as, used for an
   *     environment without url
   * @throws IllegalArgumentException at start, when an environment is misconfigured (a missing name, two
   *     with one name, a hook without secret, a secret file that cannot be read)
   */
  public TargetResolver(TargetProperties target, EnvironmentsProperties environments, String selfUsername,
      String selfPassword, Environment environment) {
    this.target = requireNonNull(target, "target");
    this.configured = requireNonNull(environments, "environments").environments();
    this.selfUsername = requireNonNull(selfUsername, "selfUsername");
    this.selfPassword = requireNonNull(selfPassword, "selfPassword");
    this.environment = requireNonNull(environment, "environment");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < configured.size(); i++) {
      String name = configured.get(i).name();
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("pipeline.environments[" + i + "].name must be a short lower-case name "
            + "like homologacao or producao (letters, digits, '-' and '_'); got '" + name + "'");
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException("pipeline.environments names '" + name + "' twice; each environment "
            + "needs a name of its own");
      }
    }
    // Resolved once now, so a bad url or an unreadable secret file fails the start, not the first release.
    environments();
  }

  /** The environment names in deploy order: the collection {@code implantar} deploys over. */
  public List<String> names() {
    return configured.isEmpty() ? List.of(target.environment())
        : configured.stream().map(EnvironmentProperties::name).toList();
  }

  /** Every environment, in deploy order. */
  public List<DeployEnvironment> environments() {
    if (configured.isEmpty()) {
      return List.of(new DeployEnvironment(target.environment(), legacyTarget(), Optional.empty()));
    }
    List<DeployEnvironment> all = new ArrayList<>();
    for (int i = 0; i < configured.size(); i++) {
      all.add(resolve(i, configured.get(i)));
    }
    return all;
  }

  /** The environment of that name; empty when none is configured. */
  public Optional<DeployEnvironment> environment(String name) {
    return environments().stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** The environment of that name, or a clear refusal naming the known ones. */
  public DeployEnvironment require(String name) {
    return environment(name).orElseThrow(() -> new IllegalArgumentException("no environment named '" + name
        + "' is configured; the environments are " + String.join(", ", names())));
  }

  /** The last environment, where a release ends: production, which validation compares references with. */
  public CamundaTarget current() {
    List<DeployEnvironment> all = environments();
    return all.get(all.size() - 1).target();
  }

  private CamundaTarget legacyTarget() {
    if (target.isSelf()) {
      return self(target.timeout(), "");
    }
    return new CamundaTarget(URI.create(target.url()), target.username(), target.password(), target.timeout());
  }

  private DeployEnvironment resolve(int index, EnvironmentProperties e) {
    String key = "pipeline.environments[" + index + "]";
    CamundaTarget engine = e.url().isEmpty() ? self(e.timeout(), e.tenant())
        : new CamundaTarget(URI.create(e.url()), e.username(),
            secret(e.password(), e.passwordFile(), key + ".password-file"), e.timeout(), e.tenant());
    Optional<WorkersHook> hook = e.workersHookUrl().isEmpty() ? Optional.empty()
        : Optional.of(new WorkersHook(URI.create(e.workersHookUrl()),
            secret(e.workersHookSecret(), e.workersHookSecretFile(), key + ".workers-hook-secret-file"),
            e.workersTimeout()));
    return new DeployEnvironment(e.name(), engine, hook);
  }

  private CamundaTarget self(Duration timeout, String tenant) {
    // Read at call time: the port is known only once the web server runs.
    String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    return new CamundaTarget(URI.create("http://localhost:" + port + "/engine-rest"), selfUsername, selfPassword,
        timeout, tenant);
  }

  /** A secret given inline (from the environment) or in a file; a file wins, its trailing newline dropped. */
  private static String secret(String inline, Path file, String key) {
    if (file == null) {
      return inline;
    }
    try {
      return Files.readString(file, UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(key + " names a file that cannot be read (" + e.getClass().getSimpleName()
          + "); mount the secret there, readable by this application", e);
    }
  }
}
