package dev.prometheuspipeline.validate;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The process variables an expression reads, as far as the text tells: identifiers at the root of a JUEL
 * expression ({@code ${approved && score > limit}} reads {@code approved}, {@code score}, {@code limit}).
 * Never variables: literals and operators ({@code true}, {@code empty}, {@code and}), what the engine
 * provides ({@code execution}, {@code task}, {@code nrOfInstances}, {@code loopCounter}, …), properties
 * after a dot, functions ({@code f(x)}, {@code ns:f(x)}), and the root of a method call
 * ({@code ${mailer.send(to)}} reads {@code to} but not {@code mailer}, which is most likely a bean).
 */
final class Expressions {
  /** Names the engine resolves itself, and JUEL's reserved words. */
  static final Set<String> BUILT_IN = Set.of(
      "true", "false", "null", "empty", "not", "and", "or", "div", "mod", "eq", "ne", "lt", "gt", "le", "ge",
      "instanceof",
      "execution", "task", "externalTask", "variableScope", "caseExecution", "connector", "authenticatedUserId",
      "currentUser", "currentUserGroups", "dateTime", "nrOfInstances", "nrOfActiveInstances",
      "nrOfCompletedInstances", "loopCounter", "processEngine", "S", "XML", "JSON");

  private Expressions() {}

  /** Variables read by the {@code ${…}} and {@code #{…}} parts of {@code text}; a text without any reads none. */
  static Set<String> juelNames(String text) {
    Set<String> names = new LinkedHashSet<>();
    if (text == null) {
      return names;
    }
    int at = 0;
    while (at < text.length()) {
      int open = nextOpening(text, at);
      if (open < 0) {
        break;
      }
      int close = closing(text, open + 2);
      names.addAll(namesIn(text.substring(open + 2, close)));
      at = close + 1;
    }
    return names;
  }

  /** Whether {@code text} holds an expression rather than a literal. */
  static boolean isExpression(String text) {
    return text != null && nextOpening(text, 0) >= 0;
  }

  /** Variables read by a bare expression (the inside of {@code ${…}}, a DMN input expression). */
  static Set<String> namesIn(String expression) {
    Set<String> names = new LinkedHashSet<>();
    if (expression == null) {
      return names;
    }
    int i = 0;
    int n = expression.length();
    while (i < n) {
      char c = expression.charAt(i);
      if (c == '\'' || c == '"') {
        i = afterString(expression, i);
        continue;
      }
      if (!Character.isJavaIdentifierStart(c)) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && Character.isJavaIdentifierPart(expression.charAt(i))) {
        i++;
      }
      String name = expression.substring(start, i);
      if (isProperty(expression, start) || BUILT_IN.contains(name) || isCall(expression, i)) {
        continue;
      }
      names.add(name);
    }
    return names;
  }

  private static int nextOpening(String text, int from) {
    int dollar = text.indexOf("${", from);
    int hash = text.indexOf("#{", from);
    if (dollar < 0) {
      return hash;
    }
    return hash < 0 ? dollar : Math.min(dollar, hash);
  }

  /** The index of the brace closing an expression that starts at {@code from}, strings and nesting respected. */
  private static int closing(String text, int from) {
    int depth = 0;
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        i = afterString(text, i);
        continue;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
      i++;
    }
    return text.length();
  }

  private static int afterString(String text, int quoteAt) {
    char quote = text.charAt(quoteAt);
    int i = quoteAt + 1;
    while (i < text.length() && text.charAt(i) != quote) {
      i += text.charAt(i) == '\\' ? 2 : 1;
    }
    return i + 1;
  }

  private static boolean isProperty(String text, int start) {
    int i = start - 1;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    return i >= 0 && (text.charAt(i) == '.' || text.charAt(i) == ':' && i > 0
        && Character.isJavaIdentifierPart(text.charAt(i - 1)));
  }

  /**
   * True when the identifier ending before {@code end} is a function ({@code f(}, {@code ns:f(}) or the
   * root of a chain that ends in a method call ({@code bean.a.b(}).
   */
  private static boolean isCall(String text, int end) {
    int i = skipSpace(text, end);
    if (i < text.length() && text.charAt(i) == '(') {
      return true;
    }
    if (i < text.length() && text.charAt(i) == ':' && i + 1 < text.length()
        && Character.isJavaIdentifierStart(text.charAt(i + 1))) {
      int j = i + 1;
      while (j < text.length() && Character.isJavaIdentifierPart(text.charAt(j))) {
        j++;
      }
      j = skipSpace(text, j);
      return j < text.length() && text.charAt(j) == '(';
    }
    while (i < text.length() && text.charAt(i) == '.') {
      int j = skipSpace(text, i + 1);
      if (j >= text.length() || !Character.isJavaIdentifierStart(text.charAt(j))) {
        return false;
      }
      while (j < text.length() && Character.isJavaIdentifierPart(text.charAt(j))) {
        j++;
      }
      i = skipSpace(text, j);
      if (i < text.length() && text.charAt(i) == '(') {
        return true;
      }
    }
    return false;
  }

  private static int skipSpace(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
