package dev.prometheuspipeline.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line each value of a JSON document starts on, by JSON path ({@code $.testCases[0].instructions[2]}),
 * so that a test file's problems can name their line. Jackson's tree has no locations; a second, streaming
 * read records them.
 */
final class JsonLines {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final Map<String, Integer> lines;

  private JsonLines(Map<String, Integer> lines) {
    this.lines = lines;
  }

  /** The lines of a document already known to be well-formed JSON. */
  static JsonLines of(byte[] json) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() != null) {
        walk(parser, "$", lines);
      }
    } catch (IOException e) {
      // Only reached for documents Jackson already read once; what was recorded still helps.
    }
    return new JsonLines(lines);
  }

  private static void walk(JsonParser parser, String path, Map<String, Integer> lines) throws IOException {
    lines.put(path, parser.currentTokenLocation().getLineNr());
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        walk(parser, path + "." + field, lines);
      }
    } else if (token == JsonToken.START_ARRAY) {
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        walk(parser, path + "[" + index++ + "]", lines);
      }
    }
  }

  /** The line of the value at {@code path}, or of its nearest enclosing value; 0 when unknown. */
  int lineOf(String path) {
    String current = path;
    while (!current.isEmpty()) {
      Integer line = lines.get(current);
      if (line != null) {
        return line;
      }
      int cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
      if (cut <= 0) {
        break;
      }
      current = current.substring(0, cut);
    }
    return lines.getOrDefault("$", 0);
  }
}
