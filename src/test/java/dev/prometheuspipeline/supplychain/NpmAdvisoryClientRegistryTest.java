package dev.prometheuspipeline.supplychain;

import static dev.prometheuspipeline.supplychain.OsvAdvisoriesTest.npm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * The one test that asks the real npm registry: proof that the request and the answer's shape are what the
 * registry speaks, or, where the registry refuses the endpoint, that the refusal reaches the report. Under
 * CI=true an unreachable registry fails it; elsewhere it is skipped, saying why.
 */
class NpmAdvisoryClientRegistryTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void findsTheKnownAdvisoriesOfLodash41720OrSaysWhyTheyAreUnknown() {
    URI registry = URI.create(registryUrl());
    requireReachable(registry);

    AdvisoryAnswer answer = new NpmAdvisoryClient(RestClient.builder(), registry, TIMEOUT)
        .advisories(List.of(npm("lodash", "4.17.20")));

    // Some registries and mirrors serve reads only and refuse the audit endpoint's POST (npm audit fails there
    // too; the one this project's CI reaches does). Then what must hold is that the client says so: the
    // vulnerabilities are unknown, never an empty, clean-looking answer.
    if (answer.problems().stream().anyMatch(problem -> problem.contains("answered 405"))) {
      assertThat(answer.affected()).isEmpty();
      assertThat(answer.problems()).singleElement().asString()
          .contains("npm advisories could not be asked", "405", "vulnerabilities of npm packages are unknown");
      return;
    }
    assertThat(answer.problems()).isEmpty();
    assertThat(answer.affected()).extracting(found -> found.advisory().id()).contains("GHSA-35jh-r3h4-6jhm");
    assertThat(answer.affected()).allSatisfy(found -> assertThat(found.advisory().severity())
        .isNotEqualTo(VulnerabilitySeverity.UNKNOWN));
  }

  private static String registryUrl() {
    String configured = System.getenv("NPM_CONFIG_REGISTRY");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("npm_config_registry");
    }
    return configured == null || configured.isBlank() ? "https://registry.npmjs.org/" : configured;
  }

  private static void requireReachable(URI registry) {
    String unreachable;
    try {
      HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().send(
          HttpRequest.newBuilder(registry).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() < 500) {
        return;
      }
      unreachable = "it answered " + response.statusCode();
    } catch (IOException e) {
      unreachable = e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unreachable = "interrupted";
    }
    String message = "npm registry " + registry + " cannot be reached (" + unreachable + ")";
    if ("true".equals(System.getenv("CI"))) {
      fail(message + "; under CI=true the advisory check against the real registry must run");
    }
    Assumptions.abort("skipped: " + message + "; set CI=true to make this a failure");
  }
}
