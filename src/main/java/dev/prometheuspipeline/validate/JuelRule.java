package dev.prometheuspipeline.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.impl.juel.Builder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every JUEL expression ({@code ${…}}, {@code #{…}}) in the places Camunda evaluates one, compiled with
 * the engine's own JUEL parser. The engine parses some of these at deploy and others only when they are
 * first used, so a typo can deploy and fail at run time.
 *
 * <p>Only syntax is checked: names are resolved at run time (variables, Spring beans, functions a
 * plugin such as Spin adds), so an unknown name is no finding.
 */
final class JuelRule implements BpmnRule {
  static final RuleInfo JUEL = RuleInfo.lint("bpmn-juel-expression", "bpmn", Severity.ERROR,
      "JUEL expressions compile",
      "An expression that does not compile fails the transaction that first evaluates it (or the"
          + " deployment, for the ones the engine parses early): the token stops with an incident.",
      "fix the expression's syntax: balanced braces, quotes and parentheses, operators between operands;"
          + " ${approved}, ${amount > 1000}, ${myBean.check(execution)}");

  static final List<RuleInfo> RULES = List.of(JUEL);

  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
  private static final Set<String> CAMUNDA_ATTRIBUTES = Set.of(
      "expression", "delegateExpression", "assignee", "candidateUsers", "candidateGroups", "dueDate",
      "followUpDate", "priority", "collection", "formKey", "formRef", "formRefVersion", "decisionRef",
      "decisionRefVersion", "calledElementVersion", "calledElementTenantId", "decisionRefTenantId", "caseRef",
      "caseVersion", "caseTenantId", "jobPriority", "taskPriority", "sourceExpression",
      "variableMappingDelegateExpression");
  private static final Set<String> CAMUNDA_ELEMENT_ATTRIBUTES = Set.of("expression", "delegateExpression",
      "sourceExpression");
  private static final Set<String> BPMN_ATTRIBUTES = Set.of("calledElement");
  private static final Set<String> BPMN_TEXTS = Set.of(
      "conditionExpression", "completionCondition", "loopCardinality", "timeDate", "timeDuration", "timeCycle",
      "condition");
  private static final Set<String> CAMUNDA_TEXTS = Set.of(
      "inputParameter", "outputParameter", "expression", "value", "entry");

  // The engine's ExpressionFactoryImpl uses the JEE6 profile: method calls and varargs allowed.
  private final Builder parser = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

  static boolean isExpression(String text) {
    return text != null && (text.contains("${") || text.contains("#{"));
  }

  @Override
  public List<Finding> check(BpmnModel model) {
    List<Finding> findings = new ArrayList<>();
    // The W3C element under the model API's: each of its attribute lookups builds an XmlQName (a walk to the
    // document's root), and this rule asks every element for some thirty names. The lookups below are the
    // model API's: an attribute of the element's own namespace is read unqualified, an empty value is none.
    Document document = (Document) model.instance().getDocument().getDomSource().getNode();
    walk(model, document.getDocumentElement(), "", findings);
    return findings;
  }

  private void walk(BpmnModel model, Element element, String enclosingId, List<Finding> findings) {
    String namespace = element.getNamespaceURI();
    if (namespace == null) {
      // An unqualified element inside someone's extension: the engine reads nothing of it, and the model
      // API cannot look up even its plain attributes (XmlQName fails on the missing namespace).
      return;
    }
    String id = attribute(element, null, "id");
    String at = id == null || id.isBlank() ? enclosingId : id;
    for (String attribute : CAMUNDA_ATTRIBUTES) {
      compile(model, at, "camunda:" + attribute, attribute(element, CAMUNDA, attribute), findings);
    }
    if (BPMN.equals(namespace)) {
      for (String attribute : BPMN_ATTRIBUTES) {
        compile(model, at, attribute, attribute(element, null, attribute), findings);
      }
    }
    if (CAMUNDA.equals(namespace)) {
      // Extension elements carry theirs unqualified: <camunda:taskListener expression="…">, <camunda:in sourceExpression="…">.
      for (String attribute : CAMUNDA_ELEMENT_ATTRIBUTES) {
        compile(model, at, "camunda:" + element.getLocalName() + " " + attribute, attribute(element, null, attribute),
            findings);
      }
    }
    List<Element> children = new ArrayList<>();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child.getNodeType() == Node.ELEMENT_NODE) {
        children.add((Element) child);
      }
    }
    boolean textElement = BPMN.equals(namespace) && BPMN_TEXTS.contains(element.getLocalName())
        || CAMUNDA.equals(namespace) && CAMUNDA_TEXTS.contains(element.getLocalName());
    String language = attribute(element, null, "language");
    boolean script = language != null && !language.isBlank() && !"juel".equalsIgnoreCase(language.strip());
    if (textElement && children.isEmpty() && !script) {
      String what = (CAMUNDA.equals(namespace) ? "camunda:" : "") + element.getLocalName();
      String name = attribute(element, null, "name");
      compile(model, at, name == null ? what : what + " '" + name + "'", element.getTextContent(), findings);
    }
    for (Element child : children) {
      walk(model, child, at, findings);
    }
  }

  /** {@code DomElement.getAttribute(namespace, name)}: see {@link #check}. */
  private static String attribute(Element element, String namespace, String name) {
    String value = namespace == null || namespace.equals(element.getNamespaceURI())
        ? element.getAttributeNS(null, name) : element.getAttributeNS(namespace, name);
    return value == null || value.isEmpty() ? null : value;
  }

  private void compile(BpmnModel model, String elementId, String where, String text, List<Finding> findings) {
    if (!isExpression(text)) {
      return;
    }
    try {
      parser.build(text.strip());
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      findings.add(model.file().findingOn(elementId, Location.UNKNOWN, JUEL.id(), JUEL.defaultSeverity(),
          where + " '" + abbreviate(text.strip()) + "' does not compile: " + EngineMessages.clean(message),
          JUEL.fix()));
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }
}
