package dev.prometheuspipeline.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.Range;
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
 *
 * <p>Then what the Camunda 7 forms SDK needs: exactly one {@code <form>} (with {@code role="form"}),
 * fields bound by an identifier in {@code cam-variable-name}, a {@code cam-variable-type} it knows, and
 * one type per variable.
 */
final class HtmlChecker implements FileChecker {
  static final String RULE = "html-parse";

  static final int MAX_ERRORS = 100;

  /**
   * The variable types the Camunda 7 forms SDK bundled with the 7.24 Tasklist converts to
   * ({@code types} of its type utilities); it compares them case-sensitively.
   */
  static final Set<String> VARIABLE_TYPES =
      Set.of("Boolean", "Bytes", "File", "Date", "Double", "Integer", "Long", "Null", "Object", "Short", "String",
          "Json", "Xml");

  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
  private static final String NAME = "cam-variable-name";
  private static final String TYPE = "cam-variable-type";

  static final RuleInfo PARSE =
      RuleInfo.lint(RULE, "html", Severity.ERROR,
          "The embedded form parses without losing content",
          "The browser repairs broken HTML; where content is lost (an unclosed tag or quote, a duplicate"
              + " attribute) the form the user sees is not the one written. Repairs that keep content are warnings.",
          "correct the markup at the reported position");
  static final RuleInfo FORM =
      RuleInfo.lint("html-form", "html", Severity.ERROR,
          "The embedded form has exactly one <form>",
          "The forms SDK looks for the <form> element and refuses a form with none or several (\"Form must"
              + " provide exactly one element <form ..>\"): the task cannot be completed from the Tasklist.",
          "wrap the fields in one <form role=\"form\"> element");
  static final RuleInfo FORM_ROLE =
      RuleInfo.lint("html-form-role", "html", Severity.WARNING,
          "The <form> has role=\"form\"",
          "Camunda's embedded forms are written as <form role=\"form\">; the Tasklist's styles and examples"
              + " expect it.",
          "add role=\"form\" to the <form> element");
  static final RuleInfo VARIABLE_NAME_RULE =
      RuleInfo.lint("html-variable-name", "html", Severity.ERROR,
          "Every bound field has a cam-variable-name that is an identifier",
          "The forms SDK binds a field to a process variable by cam-variable-name and reads it in expressions;"
              + " a field with a type but no name, or a name that is not an identifier, binds nothing usable.",
          "set cam-variable-name to the variable's name: letters, digits, _ and $, not starting with a digit");
  static final RuleInfo VARIABLE_TYPE =
      RuleInfo.lint("html-variable-type", "html", Severity.ERROR,
          "cam-variable-type is a type the forms SDK knows",
          "The forms SDK converts the input to the named type and compares type names case-sensitively; an"
              + " unknown type fails the submit.",
          "use one of " + String.join(", ", new TreeSet<>(VARIABLE_TYPES)));
  static final RuleInfo VARIABLE_TYPE_MISSING =
      RuleInfo.lint("html-variable-type-missing", "html", Severity.WARNING,
          "Every bound field declares cam-variable-type",
          "Without a type the SDK can only update a variable that already exists; a new one fails on submit.",
          "add cam-variable-type (String, Boolean, Long, …) to the field");
  static final RuleInfo VARIABLE_CONFLICT =
      RuleInfo.lint("html-variable-conflict", "html", Severity.ERROR,
          "Fields binding one variable agree on its type",
          "Two fields writing one variable with different types submit whichever comes last, converted to its"
              + " type; the other input is lost or fails.",
          "give both fields the same cam-variable-type, or bind them to different variables");

  static final List<RuleInfo> RULES =
      List.of(PARSE, FORM, FORM_ROLE, VARIABLE_NAME_RULE, VARIABLE_TYPE, VARIABLE_TYPE_MISSING, VARIABLE_CONFLICT);

  @Override
  public List<Finding> check(CheckedFile file) {
    String html = file.text().startsWith("\uFEFF") ? file.text().substring(1) : file.text();
    Parser parser = Parser.htmlParser().setTrackErrors(MAX_ERRORS).setTrackPosition(true);
    List<Element> roots = new ArrayList<>();
    if (isWholeDocument(html)) {
      roots.add(parser.parseInput(html, ""));
    } else {
      for (Node node : parser.parseFragmentInput(html, new Element("body"), "")) {
        if (node instanceof Element element) {
          roots.add(element);
        }
      }
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
    List<Element> elements = new ArrayList<>();
    roots.forEach(root -> elements.addAll(root.getAllElements()));
    checkForm(file, elements, findings);
    checkBindings(file, elements, findings);
    return findings;
  }

  private static void checkForm(CheckedFile file, List<Element> elements, List<Finding> findings) {
    List<Element> forms = elements.stream().filter(element -> element.nameIs("form")).toList();
    if (forms.size() != 1) {
      Location at = forms.isEmpty() ? Location.UNKNOWN : positionOf(forms.get(1));
      findings.add(file.finding(at, "", FORM.id(), FORM.defaultSeverity(),
          forms.isEmpty()
              ? "has no <form> element; the Tasklist's forms SDK refuses an embedded form without exactly one"
              : "has " + forms.size() + " <form> elements; the Tasklist's forms SDK refuses more than one",
          FORM.fix()));
      return;
    }
    Element form = forms.get(0);
    if (!"form".equals(form.attr("role"))) {
      findings.add(file.finding(positionOf(form), form.id(), FORM_ROLE.id(), FORM_ROLE.defaultSeverity(),
          "the <form> has no role=\"form\"", FORM_ROLE.fix()));
    }
  }

  private static void checkBindings(CheckedFile file, List<Element> elements, List<Finding> findings) {
    Map<String, Element> firstByName = new HashMap<>();
    for (Element element : elements) {
      boolean named = element.hasAttr(NAME);
      boolean typed = element.hasAttr(TYPE);
      if (!named && !typed) {
        continue;
      }
      String name = element.attr(NAME).strip();
      String type = element.attr(TYPE).strip();
      Location at = positionOf(element);
      String elementId = element.id().isEmpty() ? name : element.id();
      String tag = "<" + element.normalName() + ">";
      if (!named || name.isEmpty()) {
        findings.add(file.finding(at, elementId, VARIABLE_NAME_RULE.id(), VARIABLE_NAME_RULE.defaultSeverity(),
            tag + " has " + (named ? "an empty " + NAME : TYPE + "=\"" + type + "\" but no " + NAME)
                + "; it binds no variable",
            VARIABLE_NAME_RULE.fix()));
        continue;
      }
      if (!VARIABLE_NAME.matcher(name).matches()) {
        findings.add(file.finding(at, elementId, VARIABLE_NAME_RULE.id(), VARIABLE_NAME_RULE.defaultSeverity(),
            tag + " " + NAME + "=\"" + name + "\" is not an identifier; expressions cannot refer to it",
            VARIABLE_NAME_RULE.fix()));
      }
      if (!typed || type.isEmpty()) {
        findings.add(file.finding(at, elementId, VARIABLE_TYPE_MISSING.id(), VARIABLE_TYPE_MISSING.defaultSeverity(),
            tag + " bound to '" + name + "' has no " + TYPE + "; submitting fails unless the variable exists",
            VARIABLE_TYPE_MISSING.fix()));
      } else if (!VARIABLE_TYPES.contains(type)) {
        findings.add(file.finding(at, elementId, VARIABLE_TYPE.id(), VARIABLE_TYPE.defaultSeverity(),
            tag + " bound to '" + name + "' has " + TYPE + "=\"" + type + "\", which the forms SDK does not know"
                + suggestion(type),
            VARIABLE_TYPE.fix()));
      }
      Element first = firstByName.putIfAbsent(name, element);
      if (first != null && !type.isEmpty() && first.hasAttr(TYPE) && !first.attr(TYPE).strip().isEmpty()
          && !first.attr(TYPE).strip().equals(type)) {
        findings.add(file.finding(at, elementId, VARIABLE_CONFLICT.id(), VARIABLE_CONFLICT.defaultSeverity(),
            tag + " binds '" + name + "' as " + type + ", but the field at line " + positionOf(first).line()
                + " binds it as " + first.attr(TYPE).strip(),
            VARIABLE_CONFLICT.fix()));
      }
    }
  }

  private static String suggestion(String type) {
    return VARIABLE_TYPES.stream()
        .filter(known -> known.equalsIgnoreCase(type))
        .findFirst()
        .map(known -> " (type names are case-sensitive: " + known + ")")
        .orElse("");
  }

  private static Location positionOf(Element element) {
    Range range = element.sourceRange();
    if (!range.isTracked()) {
      return Location.UNKNOWN;
    }
    return new Location(range.start().lineNumber(), range.start().columnNumber());
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
