package dev.prometheuspipeline.source;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules an artifact path must follow before Git is touched: relative to the repository root,
 * forward slashes, nothing that could name something outside the tree or smuggle control bytes
 * into logs.
 */
final class RepositoryPath {
  private static final Pattern DRIVE_LETTER = Pattern.compile("[A-Za-z]:");
  private static final String EXAMPLE = "e.g. Genesis/bpmn/release.bpmn";

  private RepositoryPath() {}

  /** Why {@code path} is not a plain relative repository path, with the fix; empty when it is. */
  static Optional<String> problemWith(String path) {
    if (path.isEmpty()) {
      return Optional.of("path is empty; give the path from the repository root, " + EXAMPLE);
    }
    for (int i = 0; i < path.length(); i++) {
      if (Character.isISOControl(path.charAt(i))) {
        return Optional.of("path contains a control character (NUL, newline, tab …); "
            + "remove it");
      }
    }
    if (path.indexOf('\\') >= 0) {
      return Optional.of("path contains a backslash; use forward slashes, " + EXAMPLE);
    }
    if (path.startsWith("/")) {
      return Optional.of("path is absolute; give it relative to the repository root, " + EXAMPLE);
    }
    String[] segments = path.split("/", -1);
    if (DRIVE_LETTER.matcher(segments[0]).matches()) {
      return Optional.of("path starts with a drive letter; give it relative to the repository root, "
          + EXAMPLE);
    }
    for (String segment : segments) {
      if (segment.isEmpty()) {
        return Optional.of("path has an empty segment (a double or trailing slash); "
            + "write each folder once, " + EXAMPLE);
      }
      if (segment.equals("..")) {
        return Optional.of("path has a '..' segment, which leaves the folder it names; "
            + "give the path from the repository root, " + EXAMPLE);
      }
      if (segment.equals(".")) {
        return Optional.of("path has a '.' segment; write the path without it, " + EXAMPLE);
      }
      if (segment.toLowerCase(Locale.ROOT).equals(".git")) {
        return Optional.of("path points into .git, which is Git's own data, not a committed file");
      }
    }
    return Optional.empty();
  }

  /**
   * The text with control characters shown as {@code \\uXXXX}, so a hostile path cannot forge
   * log lines or hide itself in a message.
   */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
