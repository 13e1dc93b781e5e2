package dev.prometheuspipeline.notes;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.CompanionFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The documentation facts of the Regra de Ouro's checklist, read from the files fetched with the release at its
 * commit ({@link CompanionFile.Kind#DOCUMENTATION}):
 * <ul>
 *   <li>{@code readmePresent}: every product folder of the release has a non-empty {@code <product>/README.md};
 *   <li>{@code changelogEntry}: a {@code CHANGELOG.md} (product folder or repository root) has a Markdown
 *       heading naming {@code release_ref} ({@code ## 2.1.0 - 2026-12-07}, {@code ## [v2.1.0]});
 *   <li>{@code migrationGuidePresent}: a non-empty {@code MIGRATION.md} (product folder or root);
 *   <li>{@code rollbackPlanPresent}: a non-empty {@code ROLLBACK.md} (product folder or root).
 * </ul>
 * A release without a product folder (worker-only) has nothing to read: every fact is null, which the
 * checklist reports as not checked rather than as passed.
 *
 * @param summary what is missing, for people; bounded
 */
public record ReleaseChecklist(Boolean readmePresent, Boolean changelogEntry, Boolean migrationGuidePresent,
    Boolean rollbackPlanPresent, String summary) {
  private static final int SUMMARY_LIMIT = 500;

  /** As {@link #of(Set, List, String)}, for the product folders of the release's models (workers have none). */
  public static ReleaseChecklist of(List<Artifact> artifacts, List<CompanionFile> files, String releaseRef) {
    Set<String> products = artifacts.stream().filter(artifact -> artifact.type() != ArtifactType.WORKER)
        .map(Artifact::product).filter(product -> !product.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
    return of(products, files, releaseRef);
  }

  /** The gate's inputs; a map, because the engine takes null for "not checked", which Map.of refuses. */
  public Map<String, Object> variables() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("readmePresent", readmePresent);
    variables.put("changelogEntry", changelogEntry);
    variables.put("migrationGuidePresent", migrationGuidePresent);
    variables.put("rollbackPlanPresent", rollbackPlanPresent);
    variables.put("documentationSummary", summary);
    return variables;
  }

  /**
   * @param products the release's product folders (the first path segment of its models)
   * @param files the files fetched with the release; those not of kind documentation are ignored
   */
  public static ReleaseChecklist of(Set<String> products, List<CompanionFile> files, String releaseRef) {
    if (products.isEmpty()) {
      return new ReleaseChecklist(null, null, null, null, "the release has no product folder");
    }
    Map<String, String> documents = new LinkedHashMap<>();
    files.stream().filter(file -> file.kind() == CompanionFile.Kind.DOCUMENTATION && !file.text().isBlank())
        .forEach(file -> documents.put(file.path(), file.text()));
    List<String> missing = new ArrayList<>();
    for (String product : products) {
      if (!documents.containsKey(product + "/README.md")) {
        missing.add(product + "/README.md");
      }
    }
    boolean changelog = anywhere(products, "CHANGELOG.md").stream().map(documents::get)
        .anyMatch(text -> text != null && namesRelease(text, releaseRef));
    boolean migration = anywhere(products, "MIGRATION.md").stream().anyMatch(documents::containsKey);
    boolean rollback = anywhere(products, "ROLLBACK.md").stream().anyMatch(documents::containsKey);
    String summary = missing.isEmpty() ? "every product folder has a README.md" : "missing " + String.join(", ", missing);
    return new ReleaseChecklist(missing.isEmpty(), changelog, migration, rollback,
        summary.length() <= SUMMARY_LIMIT ? summary : summary.substring(0, SUMMARY_LIMIT) + "…");
  }

  /** Whether a Markdown heading names the release: as a whole word, optionally after a {@code v}. */
  static boolean namesRelease(String changelog, String releaseRef) {
    if (releaseRef == null || releaseRef.isBlank()) {
      return false;
    }
    String ref = releaseRef.strip();
    Pattern heading = Pattern.compile("^\\s{0,3}#{1,6}\\s.*(?<![\\w.-])v?" + Pattern.quote(ref) + "(?![\\w-]|\\.\\w).*$",
        Pattern.MULTILINE);
    return heading.matcher(changelog).find();
  }

  private static List<String> anywhere(Set<String> products, String name) {
    List<String> paths = new ArrayList<>();
    products.forEach(product -> paths.add(product + "/" + name));
    paths.add(name);
    return paths;
  }
}
