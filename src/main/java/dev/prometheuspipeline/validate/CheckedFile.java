package dev.prometheuspipeline.validate;

import static java.util.Objects.requireNonNull;

/**
 * One artifact that passed the checks every file gets (size, text, and for XML the hardened pre-parse),
 * as a type's checker sees it.
 *
 * @param path the repository path findings are reported against
 * @param resourceName the name the engine will store it under
 * @param bytes the content as committed
 * @param text the content decoded (for XML, in its declared encoding)
 * @param locations element id → place, for XML; empty otherwise
 */
record CheckedFile(String path, String resourceName, byte[] bytes, String text, ElementLocations locations) {
  CheckedFile {
    requireNonNull(path, "path");
    requireNonNull(resourceName, "resourceName");
    requireNonNull(bytes, "bytes");
    requireNonNull(text, "text");
    requireNonNull(locations, "locations");
  }

  Finding finding(Location at, String elementId, String rule, Severity severity, String message, String fix) {
    return new Finding(path, at.line(), at.column(), elementId, rule, severity, message, fix);
  }

  /** A finding on a model element, placed where the pre-parse saw the element when no line is given. */
  Finding findingOn(String elementId, Location reported, String rule, Severity severity, String message, String fix) {
    Location at = reported.isKnown() ? reported : locations.find(elementId).orElse(Location.UNKNOWN);
    return finding(at, elementId, rule, severity, message, fix);
  }
}
