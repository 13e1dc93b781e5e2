package dev.prometheuspipeline.validate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The hardened pre-parse every XML model goes through before any engine sees it: a streaming SAX pass
 * (no DOM, so memory stays flat) with DOCTYPE declarations refused outright, external entities, DTDs and
 * schemas unreachable, and secure processing on. A DOCTYPE has no place in BPMN or DMN and is how XXE
 * and entity-expansion ("billion laughs") attacks arrive, so it is a finding of its own.
 *
 * <p>While scanning it records where each element with an {@code id} is, so findings the engines report
 * by element id get a line and column.
 */
final class XmlScanner {
  static final String WELL_FORMED = "xml-well-formed";
  static final String DOCTYPE_FORBIDDEN = "xml-doctype-forbidden";
  static final String TOO_DEEP = "xml-too-deep";
  static final List<RuleInfo> RULES = List.of(
      RuleInfo.engine(WELL_FORMED, "file", "XML models are well-formed",
          "No parser reads a file that is not well-formed XML; the engine refuses it.",
          "fix the XML at the position given, or re-save the file from Camunda Modeler"),
      RuleInfo.engine(DOCTYPE_FORBIDDEN, "file", "XML models have no DOCTYPE",
          "DOCTYPEs and the entities they declare are how XML external entity and entity-expansion attacks"
              + " arrive; the engine refuses them too.",
          "remove the <!DOCTYPE ...> declaration; BPMN and DMN files need none"),
      RuleInfo.engine(TOO_DEEP, "file", "XML models nest at most " + XmlScanner.MAX_DEPTH + " levels",
          "The engines walk some structures recursively; a hostile nesting is stopped before it reaches them.",
          "flatten the model; no BPMN or DMN model needs this depth"));

  /**
   * Deeper than any real model (a BPMN process with nested subprocesses and camunda extensions stays
   * under 40); the engines walk some structures recursively, so a hostile nesting is stopped here.
   */
  static final int MAX_DEPTH = 256;

  private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
  private static final String LOCALE_PROPERTY = "http://apache.org/xml/properties/locale";
  private static final Pattern REFERENCE_VALUE = Pattern.compile("[A-Za-z_][\\w.-]{0,199}");

  private final SAXParserFactory factory;

  XmlScanner() {
    // The JDK's own parser, not whichever one the classpath offers: its hardening options are known.
    factory = SAXParserFactory.newDefaultInstance();
    factory.setNamespaceAware(true);
    factory.setValidating(false);
    factory.setXIncludeAware(false);
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature(DISALLOW_DOCTYPE, true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException | SAXNotRecognizedException | SAXNotSupportedException e) {
      throw new IllegalStateException("the JDK XML parser refused a hardening feature", e);
    }
  }

  /** What the pre-parse found: problems (empty when the file may go on to the engine) and locations. */
  record Scan(List<Finding> findings, ElementLocations locations) {
    boolean passed() {
      return findings.isEmpty();
    }
  }

  /**
   * A reader with every hardening applied, for other passes over a file that already passed
   * {@link #scan} (schema validation).
   */
  XMLReader hardenedReader() throws SAXException {
    try {
      SAXParser parser = factory.newSAXParser();
      parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      XMLReader reader = parser.getXMLReader();
      setEnglishMessages(reader);
      // Unreachable with DOCTYPEs refused; kept so that nothing external is ever fetched.
      reader.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
      return reader;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser cannot be configured", e);
    }
  }

  Scan scan(String file, byte[] bytes) {
    LocatingHandler handler = new LocatingHandler();
    try {
      XMLReader reader = hardenedReader();
      reader.setContentHandler(handler);
      reader.setErrorHandler(handler);
      reader.parse(new InputSource(new ByteArrayInputStream(bytes)));
      return new Scan(List.of(), handler.locations);
    } catch (TooDeep e) {
      return new Scan(
          List.of(
              new Finding(
                  file,
                  e.location.line(),
                  e.location.column(),
                  "",
                  TOO_DEEP,
                  Severity.ERROR,
                  "elements are nested more than " + MAX_DEPTH + " levels deep",
                  "flatten the model; no BPMN or DMN model needs this depth")),
          handler.locations);
    } catch (SAXParseException e) {
      return new Scan(List.of(fromParseError(file, e)), handler.locations);
    } catch (SAXException | IOException e) {
      return new Scan(
          List.of(
              new Finding(
                  file,
                  0,
                  0,
                  "",
                  WELL_FORMED,
                  Severity.ERROR,
                  "cannot be read as XML: " + e.getMessage(),
                  "open and re-save the file in Camunda Modeler")),
          handler.locations);
    }
  }

  private static Finding fromParseError(String file, SAXParseException e) {
    String message = Optional.ofNullable(e.getMessage()).orElse("not well-formed");
    boolean doctype = message.contains(DISALLOW_DOCTYPE) || message.toUpperCase(Locale.ROOT).contains("DOCTYPE");
    if (doctype) {
      return new Finding(
          file,
          Math.max(e.getLineNumber(), 0),
          Math.max(e.getColumnNumber(), 0),
          "",
          DOCTYPE_FORBIDDEN,
          Severity.ERROR,
          "has a DOCTYPE declaration; DOCTYPEs (and the entities they declare) are refused because they"
              + " are how XML external entity and entity-expansion attacks arrive. The engine refuses it too:"
              + " DOCTYPE is disallowed when the feature \"http://apache.org/xml/features/disallow-doctype-decl\""
              + " set to true.",
          "remove the <!DOCTYPE …> declaration; BPMN and DMN files need none");
    }
    return new Finding(
        file,
        Math.max(e.getLineNumber(), 0),
        Math.max(e.getColumnNumber(), 0),
        "",
        WELL_FORMED,
        Severity.ERROR,
        "is not well-formed XML: " + message,
        "fix the XML at this position (an unclosed tag, a stray '<' or '&', a bad quote), or re-save it"
            + " from Camunda Modeler");
  }

  private static void setEnglishMessages(XMLReader reader) {
    try {
      // Findings are in English whatever the server's locale; the DOCTYPE check reads the message too.
      reader.setProperty(LOCALE_PROPERTY, Locale.ENGLISH);
    } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
      // Another parser: messages in the default locale, still correct.
    }
  }

  private static final class TooDeep extends SAXException {
    private final transient Location location;

    TooDeep(Location location) {
      super("too deep");
      this.location = location;
    }
  }

  private static final class LocatingHandler extends DefaultHandler {
    private final ElementLocations locations = new ElementLocations();
    private Locator locator;
    private int depth;

    @Override
    public void setDocumentLocator(Locator locator) {
      this.locator = locator;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
        throws SAXException {
      Location here = here();
      if (++depth > MAX_DEPTH) {
        throw new TooDeep(here);
      }
      String id = attributes.getValue("id");
      String elementId = id == null ? "" : id;
      if (id != null && !id.isEmpty()) {
        locations.addElement(id, here);
      }
      for (int i = 0; i < attributes.getLength(); i++) {
        String value = attributes.getValue(i);
        if (!"id".equals(attributes.getLocalName(i)) && REFERENCE_VALUE.matcher(value).matches()) {
          locations.addReference(value, new ElementLocations.Place(elementId, here));
        }
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      depth--;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
      // Non-validating: only namespace problems arrive here, and they make the model unusable.
      throw e;
    }

    private Location here() {
      return locator == null
          ? Location.UNKNOWN
          : new Location(locator.getLineNumber(), locator.getColumnNumber());
    }
  }
}
