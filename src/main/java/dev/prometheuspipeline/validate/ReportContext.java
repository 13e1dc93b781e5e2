package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.release.ValidateEtapa;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.FetchedArtifact;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What a report is written with besides its findings.
 *
 * @param rules the rules that exist, for SARIF's rule table and the documentation links
 * @param artifacts the validated artifacts, whose bytes the HTML report draws its diagrams from
 * @param publicUrl where the pipeline is reachable ({@code https://pipeline.example.com}); when present,
 *     documentation links are absolute, otherwise they are the server-relative {@code /api/rules/{id}}
 */
public record ReportContext(List<RuleInfo> rules, List<FetchedArtifact> artifacts, Optional<URI> publicUrl) {
  public ReportContext {
    rules = List.copyOf(rules);
    artifacts = List.copyOf(artifacts);
    requireNonNull(publicUrl, "publicUrl");
    if (publicUrl.isPresent() && !publicUrl.get().isAbsolute()) {
      throw new IllegalArgumentException("the public URL must be absolute, such as https://pipeline.example.com: "
          + publicUrl.get());
    }
  }

  /** A context with the pipeline's own rules: what the stage and the command line both use. */
  public static ReportContext withPipelineRules(List<FetchedArtifact> artifacts, Optional<URI> publicUrl) {
    return new ReportContext(PipelineRules.all(), artifacts, publicUrl);
  }

  /** Findings as the etapa and the JSON report carry them, each with its rule's documentation link. */
  List<ValidateEtapa.Finding> onTheWire(List<Finding> findings) {
    return findings.stream().map(f -> new ValidateEtapa.Finding(f.file(), f.line(), f.column(), f.elementId(),
        f.rule(), f.severity().name().toLowerCase(Locale.ROOT), f.message(), f.fix(), docsLink(f.rule()))).toList();
  }

  /** The documentation page of a rule: absolute when the public URL is known. */
  String docsLink(String ruleId) {
    String path = RuleDocs.path(ruleId);
    return publicUrl.map(base -> stripTrailingSlash(base.toString()) + path).orElse(path);
  }

  /** The rule index, absolute; empty when the public URL is not known. */
  Optional<String> rulesIndex() {
    return publicUrl.map(base -> stripTrailingSlash(base.toString()) + RuleDocs.INDEX);
  }

  Optional<RuleInfo> rule(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
