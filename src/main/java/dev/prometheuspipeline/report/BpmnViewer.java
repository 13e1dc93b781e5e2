package dev.prometheuspipeline.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The bpmn-js viewer and its styles, read once from the webjar in the jar: the reports inline them so a stored
 * page opens offline, and no CDN learns who reads it.
 */
public final class BpmnViewer {
  private static final String WEBJAR = "META-INF/resources/webjars/bpmn-js/8.0.0/dist/";
  private static final String SCRIPT = scriptSource(read("bpmn-navigated-viewer.production.min.js"));
  private static final String DIAGRAM_CSS = read("assets/diagram-js.css");
  private static final String FONT_CSS = read("assets/bpmn-font/css/bpmn-embedded.css");

  private BpmnViewer() {}

  /** The viewer's JavaScript, ready for an inline {@code <script>}; it defines {@code BpmnJS}. */
  public static String script() {
    return SCRIPT;
  }

  /** The styles the drawn diagram needs. */
  public static String diagramStyles() {
    return DIAGRAM_CSS;
  }

  /** The BPMN icon font, embedded. */
  public static String fontStyles() {
    return FONT_CSS;
  }

  /**
   * Trusted JavaScript for an inline {@code <script>}: the only sequences that end or change a script element's
   * parsing are {@code </script} and {@code <!--}, and in JavaScript source {@code <\/} and {@code <\!} mean the
   * same inside strings and regular expressions, where they occur.
   */
  static String scriptSource(String js) {
    return js.replaceAll("(?i)</(script)", "<\\\\/$1").replace("<!--", "<\\!--");
  }

  private static String read(String name) {
    try (InputStream in = BpmnViewer.class.getClassLoader().getResourceAsStream(WEBJAR + name)) {
      if (in == null) {
        throw new IllegalStateException("bpmn-js is missing from the classpath: " + WEBJAR + name
            + "; the jar was built without org.webjars.npm:bpmn-js:8.0.0");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + WEBJAR + name, e);
    }
  }
}
