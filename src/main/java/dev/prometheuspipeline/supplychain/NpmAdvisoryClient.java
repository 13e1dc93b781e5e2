package dev.prometheuspipeline.supplychain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.semver4j.Semver;
import org.semver4j.SemverException;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * npm's advisory database, asked through the registry's bulk endpoint
 * ({@code POST <registry>/-/npm/v1/security/advisories/bulk}, the one {@code npm audit} uses). The registry
 * answers per package name; each advisory's {@code vulnerable_versions} is checked again here against each
 * exact version, so a package present at two versions gets only the advisories of each.
 */
public final class NpmAdvisoryClient implements AdvisorySource {
  /** Package names per request: keeps each body small for registries and mirrors that cap request sizes. */
  static final int NAMES_PER_REQUEST = 200;

  private static final String BULK_PATH = "-/npm/v1/security/advisories/bulk";
  private static final ParameterizedTypeReference<Map<String, List<NpmAdvisory>>> ANSWER =
      new ParameterizedTypeReference<>() {};

  private final RestClient rest;
  private final URI endpoint;
  private final Duration timeout;

  /**
   * A client of the registry at {@code registry} (what {@code npm config get registry} prints, mirrors
   * included). The builder is copied, not changed; {@code timeout} bounds connecting and each answer.
   */
  public NpmAdvisoryClient(RestClient.Builder builder, URI registry, Duration timeout) {
    String base = registry.toString().endsWith("/") ? registry.toString() : registry + "/";
    this.endpoint = URI.create(base).resolve(BULK_PATH);
    this.timeout = timeout;
    JdkClientHttpRequestFactory requests =
        new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(timeout).build());
    requests.setReadTimeout(timeout);
    this.rest = builder.clone().requestFactory(requests).build();
  }

  @Override
  public String name() {
    return "npm advisories";
  }

  /** Asks about the npm dependencies only; others are not npm's to answer. */
  @Override
  public AdvisoryAnswer advisories(List<Dependency> dependencies) {
    Map<String, List<Dependency>> byName = new LinkedHashMap<>();
    dependencies.stream()
        .filter(dependency -> dependency.ecosystem() == Dependency.Ecosystem.NPM)
        .forEach(dependency -> byName.computeIfAbsent(dependency.name(), name -> new ArrayList<>()).add(dependency));
    List<String> names = List.copyOf(byName.keySet());
    List<AffectedDependency> affected = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int from = 0; from < names.size(); from += NAMES_PER_REQUEST) {
      List<String> batch = names.subList(from, Math.min(names.size(), from + NAMES_PER_REQUEST));
      Map<String, List<String>> body = new LinkedHashMap<>();
      batch.forEach(name -> body.put(name,
          byName.get(name).stream().map(Dependency::version).distinct().toList()));
      Map<String, List<NpmAdvisory>> answer;
      try {
        answer = rest.post().uri(endpoint).contentType(MediaType.APPLICATION_JSON)
            .accept(MediaType.APPLICATION_JSON).body(body).retrieve().body(ANSWER);
      } catch (RestClientException e) {
        int unknown = names.size() - from;
        problems.add("npm advisories could not be asked (" + endpoint + "): " + reason(e)
            + "; vulnerabilities of npm packages are unknown"
            + (from == 0 ? "" : " (" + unknown + " of " + names.size() + " packages)"));
        break; // the next batch would fail the same way; one line says it
      }
      if (answer == null) {
        answer = Map.of();
      }
      for (String name : batch) {
        for (NpmAdvisory advisory : answer.getOrDefault(name, List.of())) {
          for (Dependency dependency : byName.get(name)) {
            if (affects(advisory, dependency, problems)) {
              affected.add(new AffectedDependency(dependency, advisory.toAdvisory()));
            }
          }
        }
      }
    }
    return new AdvisoryAnswer(affected, problems);
  }

  /** The range check the registry did for the whole name, done again for this exact version. */
  private static boolean affects(NpmAdvisory advisory, Dependency dependency, List<String> problems) {
    Semver version = Semver.parse(dependency.version());
    String range = advisory.vulnerableVersions();
    if (version == null || range == null) {
      // Cannot narrow it down: keep what the registry said rather than drop a vulnerability.
      problems.add(dependency.name() + "@" + dependency.version() + ": " + advisory.label()
          + " could not be checked against this exact version; counted as affecting it");
      return true;
    }
    try {
      return version.satisfies(range);
    } catch (SemverException e) {
      problems.add(dependency.name() + "@" + dependency.version() + ": " + advisory.label()
          + " has a range semver cannot read (\"" + range + "\"); counted as affecting it");
      return true;
    }
  }

  private String reason(RestClientException e) {
    if (e instanceof RestClientResponseException response) {
      return "the registry answered " + response.getStatusCode().value() + " " + response.getStatusText();
    }
    // The JDK client wraps causes differently per failure (a refused connect ends in ClosedChannelException),
    // so the whole chain is searched for the kind of failure, not just its root.
    String detail = null;
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return "connection refused";
      }
      if (cause instanceof HttpTimeoutException) {
        return "no answer within " + timeout.toMillis() + " ms";
      }
      if (cause instanceof UnknownHostException) {
        return "unknown host " + cause.getMessage();
      }
      if (cause.getMessage() != null) {
        detail = cause.getMessage();
      }
    }
    return detail != null ? detail : e.getMessage();
  }

  /** One advisory of the bulk endpoint's answer; field names are npm's. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record NpmAdvisory(Long id, String url, String title, String severity,
                     @JsonProperty("vulnerable_versions") String vulnerableVersions, List<String> cwe, Cvss cvss) {

    /** GitHub's advisory id, which OSV and suppressions use, from the url; npm's own number as an alias. */
    Advisory toAdvisory() {
      Optional<String> ghsa = Optional.ofNullable(url)
          .map(link -> link.substring(link.lastIndexOf('/') + 1))
          .filter(last -> last.startsWith("GHSA-"));
      String npmId = id == null ? null : String.valueOf(id);
      String advisoryId = ghsa.orElse(npmId == null ? String.valueOf(url) : npmId);
      List<String> aliases = npmId == null ? List.of() : List.of(npmId);
      Optional<Double> score = Optional.ofNullable(cvss)
          .flatMap(given -> given.score() != null && given.score() > 0
              ? Optional.of(given.score())
              : CvssBaseScore.ofV3(given.vectorString()));
      VulnerabilitySeverity rated = VulnerabilitySeverity.ofName(severity)
          .or(() -> score.map(VulnerabilitySeverity::ofCvssScore))
          .orElse(VulnerabilitySeverity.UNKNOWN);
      return new Advisory(advisoryId, aliases, title, rated, score, Optional.ofNullable(url));
    }

    String label() {
      return "advisory " + (url != null ? url : id);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Cvss(Double score, String vectorString) {}
}
