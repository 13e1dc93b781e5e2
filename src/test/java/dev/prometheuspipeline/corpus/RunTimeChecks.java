package dev.prometheuspipeline.corpus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What the engine deploys but only evaluates when a process runs: JUEL expressions and timer values.
 * Each is handed to the engine's own code (its expression manager, its business calendars), so the
 * verdict is the engine's: a message here is what the running process would fail with.
 */
final class RunTimeChecks {
  private static final Set<String> CAMUNDA_NAMESPACES =
      Set.of("http://camunda.org/schema/1.0/bpmn", "http://activiti.org/bpmn");
  /** Elements whose text the engine evaluates as JUEL (when no script language is given). */
  private static final Set<String> EXPRESSION_ELEMENTS =
      Set.of("conditionExpression", "completionCondition", "loopCardinality", "inputParameter",
          "outputParameter", "expression");
  private static final Set<String> TIMER_ELEMENTS = Set.of("timeDate", "timeDuration", "timeCycle");

  private final ExpressionManager expressions;

  RunTimeChecks(ExpressionManager expressions) {
    this.expressions = expressions;
  }

  /** The engine's messages for what would break at run time; empty when nothing does. */
  List<String> problems(byte[] bpmn) {
    Element root;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bpmn)).getDocumentElement();
    } catch (ParserConfigurationException | SAXException | IOException e) {
      // The engine deployed it, so it is XML we merely cannot read this way; nothing to judge.
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    walk(root, problems);
    return problems;
  }

  private void walk(Element element, List<String> problems) {
    String name = element.getLocalName();
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      String namespace = String.valueOf(attribute.getNamespaceURI());
      if (CAMUNDA_NAMESPACES.contains(namespace) && isExpression(attribute.getValue())) {
        compile(attribute.getValue(), where(element, attribute.getLocalName()), problems);
      }
    }
    if (!hasChildElements(element) && !element.hasAttribute("language")) {
      String text = element.getTextContent().strip();
      if (TIMER_ELEMENTS.contains(name)) {
        if (isExpression(text)) {
          compile(text, where(element, name), problems);
        } else if (!text.isEmpty()) {
          resolveTimer(name, text, where(element, name), problems);
        }
      } else if (EXPRESSION_ELEMENTS.contains(name) && isExpression(text)) {
        compile(text, where(element, name), problems);
      }
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element childElement) {
        walk(childElement, problems);
      }
    }
  }

  private void compile(String expression, String where, List<String> problems) {
    try {
      expressions.createExpression(expression);
    } catch (RuntimeException e) {
      problems.add(rootMessage(e));
      problems.add(where + ": " + expression);
    }
  }

  private static void resolveTimer(String kind, String value, String where, List<String> problems) {
    BusinessCalendar calendar =
        switch (kind) {
          case "timeDate" -> new DueDateBusinessCalendar();
          case "timeDuration" -> new DurationBusinessCalendar();
          default -> new CycleBusinessCalendar();
        };
    try {
      calendar.resolveDuedate(value);
    } catch (RuntimeException e) {
      problems.add(String.valueOf(e.getMessage()));
      problems.add(where + ": " + value);
    }
  }

  private static boolean isExpression(String text) {
    return text.contains("${") || text.contains("#{");
  }

  private static boolean hasChildElements(Element element) {
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child.getNodeType() == Node.ELEMENT_NODE) {
        return true;
      }
    }
    return false;
  }

  /** {@code timeDuration of Timer_Wait}: the nearest enclosing element with an id names the place. */
  private static String where(Element element, String what) {
    for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
      if (e.hasAttribute("id")) {
        return what + " of " + e.getAttribute("id");
      }
    }
    return what;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }
}
