package dev.prometheuspipeline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * DMN TCK test case files ({@value #NAMESPACE}), one test per {@code testCase}: each {@code inputNode}'s
 * value becomes a variable of that name, each {@code resultNode} names a decision (by name or id) whose
 * result must equal its {@code expected} value. Values are {@code value} (typed by {@code xsi:type}:
 * string, decimal, double, integer, long, int, boolean; anything else is read as text), {@code component}s
 * (a context) or a {@code list} of {@code item}s.
 *
 * <p>Read with a streaming parser that refuses DOCTYPEs and never resolves external entities or schemas
 * (the project's XML rules, as in {@code validate/XmlScanner}).
 */
final class TckCases {
  static final String NAMESPACE = "http://www.omg.org/spec/DMN/20160719/testcase";
  private static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;

  private TckCases() {}

  /** One TCK test case as read. */
  private record TckCase(
      String id, String name, int line, Map<String, JsonNode> inputs, Map<String, JsonNode> results) {}

  /**
   * Whether the bytes are a TCK test case file: its root element is {@code testCases} in {@value #NAMESPACE}.
   * Read as {@link #read} reads, up to the root element only; a file that is not well-formed XML is not one.
   */
  static boolean isTestCases(byte[] bytes) {
    XMLStreamReader reader = null;
    try {
      reader = factory().createXMLStreamReader(new ByteArrayInputStream(bytes));
      while (reader.hasNext()) {
        if (reader.next() == XMLStreamConstants.START_ELEMENT) {
          return "testCases".equals(reader.getLocalName()) && NAMESPACE.equals(reader.getNamespaceURI());
        }
      }
      return false;
    } catch (XMLStreamException e) {
      return false;
    } finally {
      close(reader);
    }
  }

  static List<PlannedTest> read(TestFile file) {
    List<TckCase> cases = new ArrayList<>();
    XMLStreamReader reader = null;
    try {
      reader = factory().createXMLStreamReader(new ByteArrayInputStream(file.bytes()));
      boolean rootSeen = false;
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.DTD) {
          return List.of(TestFiles.fileError(file, TestResult.Kind.DECISION, file.path() + " line "
              + reader.getLocation().getLineNumber() + ": has a DOCTYPE declaration; DOCTYPEs are refused (they are "
              + "how XML external entity attacks work); remove the <!DOCTYPE …> declaration"));
        }
        if (event != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        if (!rootSeen) {
          rootSeen = true;
          if (!"testCases".equals(reader.getLocalName()) || !NAMESPACE.equals(reader.getNamespaceURI())) {
            return List.of(TestFiles.fileError(file, TestResult.Kind.DECISION, file.path() + " line "
                + reader.getLocation().getLineNumber() + ": the root element is not <testCases xmlns=\"" + NAMESPACE
                + "\">; only DMN TCK test case files are read as XML tests"));
          }
          continue;
        }
        if ("testCase".equals(reader.getLocalName())) {
          cases.add(testCase(reader, cases.size() + 1));
        }
      }
    } catch (XMLStreamException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
      return List.of(TestFiles.fileError(file, TestResult.Kind.DECISION,
          file.path() + " line " + line + ": not well-formed XML (" + e.getMessage().lines().reduce((a, b) -> b)
              .orElse("") + "); fix the XML"));
    } finally {
      close(reader);
    }
    if (cases.isEmpty()) {
      return List.of(TestFiles.fileError(file, TestResult.Kind.DECISION,
          file.path() + " line 1: no <testCase> found; a TCK file lists <testCase> elements in <testCases>"));
    }
    List<PlannedTest> tests = new ArrayList<>();
    int step = 0;
    for (TckCase testCase : cases) {
      int index = ++step;
      tests.add(PlannedTest.runnable(file.path(), testCase.name(), TestResult.Kind.DECISION,
          engine -> check(engine, file.path(), index, testCase)));
    }
    return tests;
  }

  private static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return factory;
  }

  /** Reads a {@code testCase} element, the reader on its start tag; leaves the reader on its end tag. */
  private static TckCase testCase(XMLStreamReader reader, int position) throws XMLStreamException {
    int line = reader.getLocation().getLineNumber();
    String id = Optional.ofNullable(reader.getAttributeValue(null, "id")).orElse(String.valueOf(position));
    String name = reader.getAttributeValue(null, "name");
    String description = "";
    Map<String, JsonNode> inputs = new LinkedHashMap<>();
    Map<String, JsonNode> results = new LinkedHashMap<>();
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.END_ELEMENT && "testCase".equals(reader.getLocalName())) {
        break;
      }
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      switch (reader.getLocalName()) {
        case "description" -> description = reader.getElementText().strip();
        case "inputNode" -> {
          String input = reader.getAttributeValue(null, "name");
          inputs.put(input, holder(reader, "inputNode"));
        }
        case "resultNode" -> {
          String decision = reader.getAttributeValue(null, "name");
          JsonNode expected = JsonNodeFactory.instance.nullNode();
          while (reader.hasNext()) {
            int inner = reader.next();
            if (inner == XMLStreamConstants.END_ELEMENT && "resultNode".equals(reader.getLocalName())) {
              break;
            }
            if (inner == XMLStreamConstants.START_ELEMENT && "expected".equals(reader.getLocalName())) {
              expected = holder(reader, "expected");
            }
          }
          results.put(decision, expected);
        }
        default -> { }
      }
    }
    // The id leads, so that a failing case is found by it in the file, as the TCK's own runners name it.
    String title = name != null ? id + ": " + name : description.isEmpty() ? "test case " + id : id + ": " + description;
    return new TckCase(id, title, line, inputs, results);
  }

  /**
   * The value held by an element ({@code inputNode}, {@code expected}, {@code component}, {@code item}):
   * its {@code value}, its {@code component}s as an object, or its {@code list}.
   */
  private static JsonNode holder(XMLStreamReader reader, String element) throws XMLStreamException {
    JsonNode value = JsonNodeFactory.instance.nullNode();
    ObjectNode components = null;
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.END_ELEMENT && element.equals(reader.getLocalName())) {
        break;
      }
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      switch (reader.getLocalName()) {
        case "value" -> value = typed(reader);
        case "component" -> {
          if (components == null) {
            components = JsonNodeFactory.instance.objectNode();
          }
          String name = reader.getAttributeValue(null, "name");
          components.set(name, holder(reader, "component"));
        }
        case "list" -> {
          ArrayNode items = JsonNodeFactory.instance.arrayNode();
          while (reader.hasNext()) {
            int inner = reader.next();
            if (inner == XMLStreamConstants.END_ELEMENT && "list".equals(reader.getLocalName())) {
              break;
            }
            if (inner == XMLStreamConstants.START_ELEMENT && "item".equals(reader.getLocalName())) {
              items.add(holder(reader, "item"));
            }
          }
          value = items;
        }
        default -> { }
      }
    }
    return components != null ? components : value;
  }

  private static JsonNode typed(XMLStreamReader reader) throws XMLStreamException {
    boolean nil = "true".equals(reader.getAttributeValue(XSI, "nil"));
    String type = Optional.ofNullable(reader.getAttributeValue(XSI, "type")).orElse("");
    String text = reader.getElementText().strip();
    if (nil) {
      return JsonNodeFactory.instance.nullNode();
    }
    String local = type.contains(":") ? type.substring(type.indexOf(':') + 1) : type;
    try {
      return switch (local) {
        case "decimal", "double", "float" -> JsonNodeFactory.instance.numberNode(new BigDecimal(text));
        case "integer", "long", "int", "short" -> JsonNodeFactory.instance.numberNode(Long.parseLong(text));
        case "boolean" -> JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(text));
        default -> JsonNodeFactory.instance.textNode(text);
      };
    } catch (NumberFormatException e) {
      return JsonNodeFactory.instance.textNode(text);
    }
  }

  private static void check(ScenarioEngine engine, String path, int step, TckCase testCase) {
    String where = path + " line " + testCase.line() + ": testCase \"" + testCase.id() + "\": ";
    Map<String, Object> variables = new LinkedHashMap<>();
    testCase.inputs().forEach((name, value) -> variables.put(name, JsonValues.toJava(value)));
    List<String> wrong = new ArrayList<>();
    List<String> expectedAll = new ArrayList<>();
    List<String> actualAll = new ArrayList<>();
    for (Map.Entry<String, JsonNode> result : testCase.results().entrySet()) {
      String named = result.getKey();
      String key = engine.model().hasDecision(named) ? named : engine.model().decisionNamed(named).orElseThrow(() ->
          TestCaseFailure.error(step, "", where + "no decision named or with id \"" + named + "\" in the release; "
              + "decisions: " + String.join(", ", engine.model().decisionKeys())));
      ArrayNode results = DecisionCases.results(
          engine.engine().getDecisionService().evaluateDecisionByKey(key).variables(variables).evaluate());
      JsonNode actual = tckResult(results);
      expectedAll.add(named + " = " + JsonValues.show(result.getValue()));
      actualAll.add(named + " = " + JsonValues.show(actual));
      if (!JsonValues.same(result.getValue(), actual)) {
        wrong.add("decision " + engine.model().describeDecision(key) + " gave " + JsonValues.show(actual)
            + ", expected " + JsonValues.show(result.getValue()));
      }
    }
    if (!wrong.isEmpty()) {
      throw TestCaseFailure.failed(step, "", String.join("; ", expectedAll), String.join("; ", actualAll),
          where + String.join("; ", wrong));
    }
  }

  /** A decision's result as the TCK states it: a single output's value, a context of outputs, or a list. */
  private static JsonNode tckResult(ArrayNode results) {
    Map<Integer, ObjectNode> byRule = new LinkedHashMap<>();
    for (int i = 0; i < results.size(); i++) {
      byRule.put(i, (ObjectNode) results.get(i));
    }
    return ScenarioAssertions.decisionOutput(new java.util.TreeMap<>(byRule));
  }

  private static void close(XMLStreamReader reader) {
    if (reader != null) {
      try {
        reader.close();
      } catch (XMLStreamException e) {
        // Nothing is held open: the reader reads from a byte array.
      }
    }
  }
}
