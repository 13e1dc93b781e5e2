package dev.prometheuspipeline.release;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * A file that travels with a release's models without being deployed: the repository's rule configuration and
 * vulnerability suppressions, each product's declared tests and its release documentation, read at the commit the models are pinned to.
 *
 * @param kind what it is for
 * @param path its path in the models repository ({@code tests/Genesis/pedido.json})
 * @param commit the full sha it was read at
 * @param content its bytes
 */
public record CompanionFile(Kind kind, String path, String commit, byte[] content) {
  public enum Kind {
    /** {@code .prometheus/rules.json} or {@code .bpmnlintrc} at the repository root. */
    RULE_CONFIG,
    /** A process, decision or DMN TCK test under {@code tests/<product>/} or {@code <product>/tests/}. */
    TEST,
    /** {@code .prometheus/suppressions.yaml}: vulnerabilities the team accepted, each until an expiry. */
    SUPPRESSIONS,
    /**
     * What the Regra de Ouro's checklist asks for: {@code <product>/README.md}, and {@code CHANGELOG.md},
     * {@code MIGRATION.md} and {@code ROLLBACK.md} in the product folder or at the repository root.
     */
    DOCUMENTATION
  }

  public CompanionFile {
    requireNonNull(kind, "kind");
    requireNonNull(path, "path");
    requireNonNull(commit, "commit");
    content = requireNonNull(content, "content").clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }
}
