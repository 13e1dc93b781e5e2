package dev.prometheuspipeline.validate;

/** Escaping for text put into HTML, where every character may come from a user's file. */
final class Html {
  private Html() {}

  /** Text for element content and quoted attribute values. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * JSON for a {@code <script type="application/json">} element: {@code <}, {@code >} and {@code &}
   * become JSON escapes, so no {@code </script>} or {@code <!--} in a model can end or alter the element,
   * and {@code JSON.parse} still reads the same value. U+2028/2029 are escaped for older parsers.
   */
  static String scriptJson(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }

  /**
   * Trusted JavaScript (the bundled viewer) for an inline {@code <script>}: the only sequences that end or
   * change a script element's parsing are {@code </script} and {@code <!--}, and in JavaScript source
   * {@code <\/} and {@code <\!} mean the same inside strings and regular expressions, where they occur.
   */
  static String scriptSource(String js) {
    return js.replaceAll("(?i)</script", "<\\\\/script").replace("<!--", "<\\!--");
  }
}
