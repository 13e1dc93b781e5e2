package dev.prometheuspipeline.cluster;

import dev.prometheuspipeline.GitFixture;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The product that bursts and soaks release: forms only, so every stage runs (fetch, validate, test, SBOM,
 * vulnerabilities, signatures, comparison, the gate, the approval) and the gate passes with nothing to cover (with
 * reservations: forms have no tests), in a bounded time; the sample products' model tests take about half a
 * minute per release on a busy two-core machine, which is the test stage's cost, not the cluster's. Documented, so
 * the scored gate sends every release on to its approval instead of waiting for a waiver.
 */
public final class PortalProduct {
  public static final String NAME = "Portal";
  private static final Map<String, String> FORMS = new TreeMap<>(Map.of(
      "Portal/forms/conferir-pedido.form", "Genesis/forms/conferir-pedido.form",
      "Portal/forms/chamado.html", "Prometheus/forms/chamado.html"));

  private PortalProduct() {}

  /** Commits the product to {@code git}; returns the commit. */
  public static String commit(GitFixture git) {
    Map<String, String> files = new LinkedHashMap<>();
    FORMS.forEach((path, sample) -> files.put(path, GitFixture.resource("fixtures/" + sample)));
    files.put("Portal/README.md", "# Portal\n\nThe portal's forms.\n");
    files.put("Portal/ROLLBACK.md", "# Rolling back\n\nDeploy the previous release's forms again.\n");
    return git.commit("Portal forms", files);
  }

  /** The API's body: a {@code validar} of every form at {@code sha}. */
  public static String contexto(String ref, String sha) {
    return "{\"contexto\":" + contextoOnly(ref, sha) + "}";
  }

  /** The {@code contexto} alone, as a backlog row carries it. */
  public static String contextoOnly(String ref, String sha) {
    return FORMS.keySet().stream()
        .map(path -> "{\"tipo\":\"" + path.substring(path.lastIndexOf('.') + 1) + "\",\"arquivo\":\""
            + path.substring(path.lastIndexOf('/') + 1) + "\",\"path\":\"" + path + "\",\"sha\":\"" + sha + "\"}")
        .collect(Collectors.joining(",", "{\"modo\":\"validar\",\"release_ref\":\"" + ref
            + "\",\"sprint_origem\":\"S028\",\"artefatos\":[", "]}"));
  }
}
