package dev.prometheuspipeline.validate;

/** A place in a text file: 1-based line and column, 0 when unknown. */
record Location(int line, int column) {
  static final Location UNKNOWN = new Location(0, 0);

  Location {
    line = Math.max(line, 0);
    column = Math.max(column, 0);
  }

  boolean isKnown() {
    return line > 0;
  }

  /** The location of {@code offset} in {@code text}, counting {@code \n} as the line break. */
  static Location of(CharSequence text, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Location(line, offset - lineStart + 1);
  }
}
