package dev.prometheuspipeline.validate;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each element of an XML model is, by {@code id}, recorded while pre-parsing. The engines name
 * elements by id and often give no line (warnings, DMN errors); this turns the id back into a place.
 * It also remembers which element first refers to a value ({@code targetRef="Task_X"}), so a dangling
 * reference can be pinned on the element that holds it.
 */
final class ElementLocations {
  // A lookahead, so that in "…'x', id='Task_A'…" every quoted word is seen, quotes shared or not.
  private static final Pattern QUOTED = Pattern.compile("'(?=([^'\\s]{1,200})')");

  private final Map<String, Location> byId = new HashMap<>();
  private final TreeMap<Integer, String> idByLine = new TreeMap<>();
  private final Map<String, Place> firstReferrer = new HashMap<>();

  /** An element: its id (empty when it has none) and where its start tag ends. */
  record Place(String elementId, Location location) {}

  void addElement(String id, Location location) {
    if (byId.putIfAbsent(id, location) == null) {
      idByLine.putIfAbsent(location.line(), id);
    }
  }

  void addReference(String value, Place referrer) {
    firstReferrer.putIfAbsent(value, referrer);
  }

  Optional<Location> find(String id) {
    return Optional.ofNullable(id).map(byId::get);
  }

  /** The id of the first element whose start tag ends on {@code line}, if one has an id. */
  Optional<String> idOnLine(int line) {
    return Optional.ofNullable(idByLine.get(line));
  }

  /**
   * The element a message is about: the first quoted word ({@code 'Task_X'}) that is an element id, or
   * failing that, the element that refers to a quoted word (a dangling reference names the missing id).
   */
  Optional<Place> elementNamedIn(String message) {
    Matcher quoted = QUOTED.matcher(message == null ? "" : message);
    Place referrer = null;
    while (quoted.find()) {
      String word = quoted.group(1);
      Location location = byId.get(word);
      if (location != null) {
        return Optional.of(new Place(word, location));
      }
      if (referrer == null) {
        referrer = firstReferrer.get(word);
      }
    }
    return Optional.ofNullable(referrer);
  }
}
