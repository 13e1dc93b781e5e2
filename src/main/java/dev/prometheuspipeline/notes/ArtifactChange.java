package dev.prometheuspipeline.notes;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.ArtifactType;
import java.util.List;

/**
 * What one artifact path changed between the previous release and this one.
 *
 * @param path the artifact's path, by which the two releases are matched
 * @param type its type (the current one; the previous one for a removed artifact)
 * @param kind added, removed, changed or unchanged (same digest)
 * @param previousSha the commit it was pinned to before; empty when added
 * @param currentSha the commit it is pinned to now; empty when removed
 * @param previousDigest hex SHA-256 before; empty when added
 * @param currentDigest hex SHA-256 now; empty when removed
 * @param elements the processes, decisions, form components and their elements that changed, grouped by
 *     scope; empty for HTML, workers, and models that could not be compared
 * @param notes what the element list cannot say: {@link #LAYOUT_ONLY}, a parse failure
 *     ({@code could not be compared: …}), a worker's new commit
 */
public record ArtifactChange(
    String path,
    ArtifactType type,
    Kind kind,
    String previousSha,
    String currentSha,
    String previousDigest,
    String currentDigest,
    List<ElementChange> elements,
    List<String> notes) {

  /** The note of a model whose only differences are in its diagram (shapes moved, colours). */
  public static final String LAYOUT_ONLY = "layout only: only the diagram differs";
  /** The note of a model that differs only in formatting (whitespace, attribute order, prefixes). */
  public static final String FORMATTING_ONLY = "formatting only: neither the model nor its diagram differs";
  /** The start of the note of a model that one of its two versions could not be parsed. */
  public static final String NOT_COMPARED = "could not be compared: ";

  public ArtifactChange {
    requireNonNull(path, "path");
    requireNonNull(type, "type");
    requireNonNull(kind, "kind");
    requireNonNull(previousSha, "previousSha");
    requireNonNull(currentSha, "currentSha");
    requireNonNull(previousDigest, "previousDigest");
    requireNonNull(currentDigest, "currentDigest");
    elements = List.copyOf(elements);
    notes = List.copyOf(notes);
  }

  /** True when the file changed but only in its diagram: moving a shape in the Modeler. */
  public boolean layoutOnly() {
    return notes.contains(LAYOUT_ONLY);
  }

  /** True when one of the two versions could not be parsed, so {@link #elements()} says nothing. */
  public boolean notCompared() {
    return notes.stream().anyMatch(n -> n.startsWith(NOT_COMPARED));
  }

  /** How many elements changed this way. */
  public long count(Kind elementKind) {
    return elements.stream().filter(e -> e.kind() == elementKind).count();
  }
}
