package dev.prometheuspipeline.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Element;
import org.jsoup.parser.ParseError;
import org.jsoup.parser.Parser;

/**
 * Embedded forms ({@code .html}), usually fragments that the Tasklist puts inside its own page. Parsed
 * as a browser would (jsoup's HTML5 parser, as a fragment unless the file is a whole document), with
 * every parse error reported at its line and column.
 *
 * <p>Which parse errors are errors: those after which content is lost, so the form the user sees is not
 * the form that was written — end of file inside a tag, an attribute value, a comment or a script, and
 * duplicate attributes (the browser keeps the first {@code cam-variable-name} and silently drops the
 * rest). Everything else (a stray end tag, an unescaped {@code <} or {@code &}, a block inside a table,
 * a nested form) the browser repairs in a known way: a warning. A normal Camunda embedded form (a
 * {@code <form>} with {@code cam-variable-*} inputs and a {@code <script cam-script>}) has none.
 */
final class HtmlChecker implements FileChecker {
  static final String RULE = "html-parse";
  static final RuleInfo PARSE = RuleInfo.lint(RULE, "html", Severity.WARNING, "Embedded forms are well-formed HTML",
      "Browsers repair broken HTML silently and differently; where the repair loses content (an unclosed"
          + " element swallowing the rest, a dropped duplicate attribute) the finding is an error.",
      "fix the markup at the position given: close elements, quote attributes, remove duplicates");
  static final List<RuleInfo> RULES = List.of(PARSE);

  static final int MAX_ERRORS = 100;

  @Override
  public List<Finding> check(CheckedFile file) {
    String html = file.text().startsWith("\uFEFF") ? file.text().substring(1) : file.text();
    Parser parser = Parser.htmlParser().setTrackErrors(MAX_ERRORS);
    if (isWholeDocument(html)) {
      parser.parseInput(html, "");
    } else {
      parser.parseFragmentInput(html, new Element("body"), "");
    }
    List<Finding> findings = new ArrayList<>();
    for (ParseError error : parser.getErrors()) {
      findings.add(file.finding(positionOf(error), "", RULE, severityOf(error.getErrorMessage()),
          error.getErrorMessage(), fixFor(error.getErrorMessage())));
    }
    if (parser.getErrors().size() >= MAX_ERRORS) {
      findings.add(file.finding(Location.UNKNOWN, "", RULE, Severity.INFO,
          "stopped after " + MAX_ERRORS + " parse errors", "fix these first; more may follow"));
    }
    return findings;
  }

  /** Starts, after blanks and comments, with a doctype or {@code <html>}: parse it as a page. */
  static boolean isWholeDocument(String html) {
    int at = 0;
    while (true) {
      while (at < html.length() && Character.isWhitespace(html.charAt(at))) {
        at++;
      }
      if (!html.startsWith("<!--", at)) {
        break;
      }
      int end = html.indexOf("-->", at + 4);
      if (end < 0) {
        return false;
      }
      at = end + 3;
    }
    String start = html.substring(at, Math.min(html.length(), at + 9)).toLowerCase(Locale.ROOT);
    if (start.startsWith("<!doctype")) {
      return true;
    }
    return start.startsWith("<html")
        && (start.length() == 5 || start.charAt(5) == '>' || Character.isWhitespace(start.charAt(5)));
  }

  static Severity severityOf(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    boolean contentLost =
        lower.startsWith("unexpectedly reached end of file")
            || lower.startsWith("dropped duplicate attribute")
            || (lower.startsWith("unexpected eof token") && lower.contains("[text]"));
    return contentLost ? Severity.ERROR : Severity.WARNING;
  }

  private static String fixFor(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.startsWith("dropped duplicate attribute")) {
      return "remove the repeated attribute; the browser keeps only the first";
    }
    if (lower.contains("end of file") || lower.contains("eof")) {
      return "close the tag, quote, comment or script that is still open where the file ends";
    }
    if (lower.contains("endtag")) {
      return "remove the end tag or add its start tag; check that tags close in the order they open";
    }
    return "correct the markup here; the browser repairs it, but perhaps not as intended";
  }

  /** jsoup gives the cursor as {@code line:column}. */
  private static Location positionOf(ParseError error) {
    String[] parts = error.getCursorPos().split(":");
    try {
      return new Location(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    } catch (RuntimeException e) {
      return Location.UNKNOWN;
    }
  }
}
