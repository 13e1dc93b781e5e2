package dev.prometheuspipeline.notes;

import java.util.regex.Pattern;

/**
 * Text from models and runs, made inert in Markdown (CommonMark with GitHub's tables). Names come from
 * whoever drew the model: a task named {@code a | b} would split a table row, {@code *urgent*} would turn
 * bold, a newline would end a list item and {@code <script>} would reach the page as HTML. Escaping by
 * backslash keeps the text readable as plain Markdown and renders it exactly as written.
 */
final class MarkdownText {
  /** Characters with inline meaning anywhere in a line; {@code |} splits table cells even in code spans. */
  private static final String INLINE = "\\`*_[]<>|~&";
  /** Characters that open a block (heading, list, quote, setext underline) at the start of a line. */
  private static final String BLOCK_START = "#+-=>";
  private static final Pattern ORDERED_LIST_START = Pattern.compile("^(\\d{1,9})([.)])");
  private static final Pattern PLAIN_TOKEN = Pattern.compile("[A-Za-z0-9._:/+=@-]+");

  private MarkdownText() {}

  /** {@code value} as one line of literal text: control characters become spaces, specials escaped. */
  static String text(String value) {
    String line = value.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ").strip();
    StringBuilder out = new StringBuilder(line.length() + 8);
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (INLINE.indexOf(c) >= 0 || (i == 0 && BLOCK_START.indexOf(c) >= 0)) {
        out.append('\\');
      }
      out.append(c);
    }
    // "1. Approve" or "2) Ship" at the start would open a numbered list.
    return ORDERED_LIST_START.matcher(out).replaceFirst("$1\\\\$2");
  }

  /** A digest, commit or id as code when it is a plain token; otherwise as escaped text. */
  static String code(String value) {
    if (value.isEmpty()) {
      return "";
    }
    return PLAIN_TOKEN.matcher(value).matches() ? "`" + value + "`" : text(value);
  }
}
