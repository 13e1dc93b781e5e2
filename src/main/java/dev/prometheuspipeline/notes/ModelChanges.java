package dev.prometheuspipeline.notes;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a release changes, artifact by artifact, relative to the release before it on the same target: the
 * processes, decisions and form components added, removed and changed, read from the models themselves
 * rather than from their bytes, so saving a file again or moving a shape is not mistaken for a change of
 * behaviour.
 */
public final class ModelChanges {
  private static final int MESSAGE_LIMIT = 300;

  private ModelChanges() {}

  /**
   * Compares two releases' artifacts, matched by path.
   *
   * <p>Each path of {@code current} gives one change, in {@code current}'s order: {@code ADDED} when
   * {@code previous} lacks it, {@code UNCHANGED} when the digests agree, {@code CHANGED} otherwise; then
   * each path only {@code previous} has gives a {@code REMOVED}. A model that cannot be parsed is no
   * exception: its change carries a note starting with {@link ArtifactChange#NOT_COMPARED} and the
   * parser's message.
   *
   * @param previous the artifacts of the release before (empty for a first release)
   * @param current the artifacts of this release
   * @throws IllegalArgumentException when a list holds a path twice: a release's paths are unique
   */
  public static List<ArtifactChange> between(List<FetchedArtifact> previous, List<FetchedArtifact> current) {
    Map<String, FetchedArtifact> before = byPath(previous, "previous");
    Map<String, FetchedArtifact> after = byPath(current, "current");
    List<ArtifactChange> changes = new ArrayList<>();
    for (FetchedArtifact now : after.values()) {
      FetchedArtifact old = before.get(now.path());
      changes.add(old == null ? added(now) : changed(old, now));
    }
    for (FetchedArtifact old : before.values()) {
      if (!after.containsKey(old.path())) {
        changes.add(removed(old));
      }
    }
    return changes;
  }

  private static ArtifactChange added(FetchedArtifact now) {
    List<String> notes = new ArrayList<>();
    List<ElementChange> elements = compare(now.type(), Optional.empty(), Optional.of(now), notes);
    return new ArtifactChange(now.path(), now.type(), Kind.ADDED, "", now.artifact().sha(), "", now.digest(),
        elements, notes);
  }

  private static ArtifactChange removed(FetchedArtifact old) {
    List<String> notes = new ArrayList<>();
    List<ElementChange> elements = compare(old.type(), Optional.of(old), Optional.empty(), notes);
    return new ArtifactChange(old.path(), old.type(), Kind.REMOVED, old.artifact().sha(), "", old.digest(), "",
        elements, notes);
  }

  private static ArtifactChange changed(FetchedArtifact old, FetchedArtifact now) {
    String oldSha = old.artifact().sha();
    String newSha = now.artifact().sha();
    List<String> notes = new ArrayList<>();
    List<ElementChange> elements = List.of();
    Kind kind;
    if (old.digest().equals(now.digest())) {
      kind = Kind.UNCHANGED;
      if (!oldSha.equals(newSha)) {
        notes.add("same content at a new commit: " + oldSha + " → " + newSha);
      }
    } else {
      kind = Kind.CHANGED;
      if (old.type() != now.type()) {
        notes.add("type changed from " + old.type().wireName() + " to " + now.type().wireName()
            + "; not compared");
      } else if (now.type() == ArtifactType.WORKER) {
        notes.add("commit " + oldSha + " → " + newSha);
        notes.add("content changed: SHA-256 " + old.digest() + " → " + now.digest());
      } else if (now.type() == ArtifactType.HTML) {
        notes.add("content changed: SHA-256 " + old.digest() + " → " + now.digest());
      } else {
        elements = compare(now.type(), Optional.of(old), Optional.of(now), notes);
      }
    }
    return new ArtifactChange(now.path(), now.type(), kind, oldSha, newSha, old.digest(), now.digest(), elements,
        notes);
  }

  /** Reads and compares two versions of a model (either may be absent); appends notes, returns elements. */
  private static List<ElementChange> compare(ArtifactType type, Optional<FetchedArtifact> old,
      Optional<FetchedArtifact> now, List<String> notes) {
    Optional<Comparison> comparison = switch (type) {
      case BPMN -> compare(old, now, BpmnChanges::read, BpmnChanges.Side.NONE, BpmnChanges::compare, notes);
      case DMN -> compare(old, now, DmnChanges::read, DmnChanges.Side.NONE, DmnChanges::compare, notes);
      case FORM -> compare(old, now, FormChanges::read, FormChanges.Side.NONE, FormChanges::compare, notes);
      case HTML, WORKER -> Optional.empty();
    };
    if (comparison.isEmpty()) {
      return List.of();
    }
    // A whole file added or removed says so in its kind; "formatting only" and the like concern versions.
    if (old.isPresent() && now.isPresent()) {
      notes.addAll(comparison.get().notes());
    }
    return comparison.get().elements();
  }

  private static <S> Optional<Comparison> compare(Optional<FetchedArtifact> old, Optional<FetchedArtifact> now,
      Function<byte[], S> read, S none, BiFunction<S, S, Comparison> compare, List<String> notes) {
    Optional<S> before = old.isEmpty() ? Optional.of(none) : read(old.get(), read, "previous", notes);
    Optional<S> after = now.isEmpty() ? Optional.of(none) : read(now.get(), read, "current", notes);
    if (before.isEmpty() || after.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(compare.apply(before.get(), after.get()));
  }

  /** A model that does not parse is a fault of the artifact, reported, never thrown. */
  private static <S> Optional<S> read(FetchedArtifact artifact, Function<byte[], S> read, String which,
      List<String> notes) {
    // Notes are written for refused releases too: a file validation refused as hostile (external entities,
    // entity expansion) must not reach an XML parser here either. No BPMN, DMN or form needs a DOCTYPE.
    if (declaresDoctype(artifact.content())) {
      notes.add(ArtifactChange.NOT_COMPARED + "the " + which + " version (" + artifact.artifact().sha()
          + ", SHA-256 " + artifact.digest() + ") declares a DOCTYPE or is not UTF-8 text, and such files are never parsed");
      return Optional.empty();
    }
    try {
      return Optional.of(read.apply(artifact.content()));
    } catch (RuntimeException e) {
      notes.add(ArtifactChange.NOT_COMPARED + "the " + which + " version (" + artifact.artifact().sha()
          + ", SHA-256 " + artifact.digest() + ") does not parse: " + message(e));
      return Optional.empty();
    }
  }

  /** Read byte for byte, so no decoding hides it; a NUL byte (UTF-16, say) counts, as it could hide one. */
  private static boolean declaresDoctype(byte[] content) {
    String text = new String(content, StandardCharsets.ISO_8859_1);
    return text.indexOf('\0') >= 0 || text.toUpperCase(Locale.ROOT).contains("<!DOCTYPE");
  }

  /** The messages of an exception and its causes, without repeats: the model API wraps the parser's. */
  static String message(Throwable failure) {
    Set<String> messages = new LinkedHashSet<>();
    for (Throwable t = failure; t != null && messages.size() < 4; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : XmlTree.collapse(t.getMessage());
      if (!message.isEmpty() && messages.stream().noneMatch(m -> m.contains(message))) {
        messages.add(message);
      }
    }
    String joined = messages.isEmpty() ? failure.getClass().getSimpleName() : String.join(": ", messages);
    return joined.length() > MESSAGE_LIMIT ? joined.substring(0, MESSAGE_LIMIT) + "…" : joined;
  }

  private static Map<String, FetchedArtifact> byPath(List<FetchedArtifact> artifacts, String which) {
    Map<String, FetchedArtifact> byPath = new LinkedHashMap<>();
    for (FetchedArtifact artifact : artifacts) {
      if (byPath.putIfAbsent(artifact.path(), artifact) != null) {
        throw new IllegalArgumentException("the " + which + " release lists " + artifact.path()
            + " twice; a release's artifact paths are unique");
      }
    }
    return byPath;
  }
}
