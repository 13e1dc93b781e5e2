package dev.prometheuspipeline.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The HTML reports, rendered from the Thymeleaf templates in {@code templates/report/}: the one way text from a
 * user's files reaches a page. Templates write values with {@code th:text} and {@code th:*} attributes, which
 * escape them as HTML; {@code th:utext} is kept for what this package makes safe for a {@code <script>} element:
 * {@link #scriptJson} and {@link BpmnViewer}.
 */
public final class ReportPages {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TemplateEngine ENGINE = engine("templates/report/");
  private static final TemplateEngine BOARD = engine("templates/board/");

  private ReportPages() {}

  /** Template {@code templates/report/<name>.html} with {@code variables}; a broken template is a bug here. */
  public static String render(String name, Map<String, ?> variables) {
    return ENGINE.process(name, context(variables));
  }

  /**
   * Template {@code templates/board/<name>.html}, the release board's pages, on the same terms; {@code fragment}
   * names a {@code th:fragment} to render alone (the part a live page fetches again), or is empty.
   */
  public static String renderBoard(String name, String fragment, Map<String, ?> variables) {
    return BOARD.process(name, fragment.isEmpty() ? Set.of() : Set.of(fragment),
        context(variables));
  }

  private static Context context(Map<String, ?> variables) {
    Context context = new Context(Locale.ROOT);
    variables.forEach(context::setVariable);
    return context;
  }

  /**
   * {@code value} as JSON for a {@code <script type="application/json">} element: {@code <}, {@code >} and
   * {@code &} become JSON escapes, so no {@code </script>} or {@code <!--} in a model can end or alter the element,
   * and {@code JSON.parse} still reads the same value. U+2028/2029 are escaped for older parsers.
   */
  public static String scriptJson(Object value) {
    try {
      return JSON.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
          .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plain maps, lists and JSON trees always serialise", e);
    }
  }

  private static TemplateEngine engine(String prefix) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ReportPages.class.getClassLoader());
    resolver.setPrefix(prefix);
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCheckExistence(true);
    TemplateEngine engine = new TemplateEngine();
    engine.setTemplateResolver(resolver);
    return engine;
  }
}
