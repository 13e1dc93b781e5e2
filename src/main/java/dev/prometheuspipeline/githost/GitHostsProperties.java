package dev.prometheuspipeline.githost;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Git hosts a release's state is reported back to, by name ({@code pipeline.githosts.hosts.<name>}).
 * Tokens are never configured here: {@code token-env} names the environment variable that holds one.
 *
 * @param deliveryRetention how long a host's delivery id is remembered to refuse its replay
 * @param statusContext prefix of the commit status names: {@code <prefix>/validar}, {@code <prefix>/implantar}
 * @param reportAttempts tries of one status report before it is given up (logged, the release goes on)
 * @param reportBackoff the first pause between tries, doubled at each
 */
@ConfigurationProperties("pipeline.githosts")
public record GitHostsProperties(Duration deliveryRetention, String statusContext, int reportAttempts,
    Duration reportBackoff, Map<String, Host> hosts) {
  public GitHostsProperties {
    deliveryRetention = deliveryRetention == null ? Duration.ofDays(30) : deliveryRetention;
    statusContext = statusContext == null || statusContext.isBlank() ? "prometheus-pipeline" : statusContext.strip();
    reportAttempts = reportAttempts <= 0 ? 3 : reportAttempts;
    reportBackoff = reportBackoff == null ? Duration.ofSeconds(2) : reportBackoff;
    hosts = hosts == null ? Map.of() : Map.copyOf(hosts);
  }

  /**
   * One host.
   *
   * @param apiUrl the REST root: {@code https://api.github.com}, {@code https://gitlab.example/api/v4},
   *     {@code https://gitea.example/api/v1}
   * @param tokenEnv the environment variable holding the token (GitHub: statuses and code scanning write;
   *     GitLab: {@code api} scope; Gitea: repository write)
   * @param repositories the repositories it serves ({@code owner/name}, GitLab's {@code group/project}); empty:
   *     every repository pushed from a host of this kind
   * @param sarif upload validar's SARIF to GitHub code scanning
   */
  public record Host(GitHostKind kind, URI apiUrl, String tokenEnv, List<String> repositories, boolean sarif) {
    public Host {
      repositories = repositories == null ? List.of() : List.copyOf(repositories);
      tokenEnv = tokenEnv == null ? "" : tokenEnv.strip();
    }

    boolean serves(ReleaseOrigin origin) {
      return kind == origin.host() && (repositories.isEmpty()
          || repositories.stream().anyMatch(r -> r.equalsIgnoreCase(origin.repository())));
    }
  }

  /** The host that serves the origin's repository: one listing it by name before one serving its whole kind. */
  public Optional<Map.Entry<String, Host>> hostFor(ReleaseOrigin origin) {
    return hosts.entrySet().stream().filter(entry -> entry.getValue().serves(origin))
        .min((a, b) -> Boolean.compare(a.getValue().repositories().isEmpty(), b.getValue().repositories().isEmpty()));
  }
}
