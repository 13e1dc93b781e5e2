package dev.prometheuspipeline.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.xml.sax.HandlerBase;
import org.xml.sax.InputSource;
import org.xml.sax.Parser;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The engine's BPMN parser (its expression manager and parse listeners) validating against the BPMN schema
 * compiled once ({@link CompiledSchemas}) instead of the schema location {@code Parse.execute} sets on every
 * SAX parser. Everything else is the engine's: its SAX factory's namespace settings, its XXE settings, the
 * same Xerces schema validator reporting to the same handler. Used only for documents
 * {@link CompiledSchemas#serve} accepts.
 */
final class CompiledSchemaBpmnParser extends BpmnParser {
  private static final String SCHEMA_LANGUAGE = "http://java.sun.com/xml/jaxp/properties/schemaLanguage";
  private static final String SCHEMA_SOURCE = "http://java.sun.com/xml/jaxp/properties/schemaSource";
  private static final Schema SCHEMA = CompiledSchemas.bpmn();

  /** This thread's parser and how many parses it has served. */
  private final ThreadLocal<Reused> parsers = new ThreadLocal<>();

  CompiledSchemaBpmnParser(ProcessEngineConfigurationImpl configuration, BpmnParser engines) {
    super(engines.getExpressionManager(), configuration.getBpmnParseFactory());
    setParseListeners(engines.getParseListeners());
  }

  /**
   * One parser per thread, reset between parses, instead of a new factory configuration and parser every time:
   * each {@code SAXParserFactory.setFeature} builds and throws away a whole parser to try the feature, which
   * cost as much as the parse of a small model.
   */
  @Override
  protected SAXParser getSaxParser() throws Exception {
    Reused reused = parsers.get();
    if (reused == null || reused.parses >= CompiledSchemas.PARSES_PER_PARSER) {
      reused = new Reused(new SchemaSet(newParser()));
      parsers.set(reused);
    } else {
      // As newSAXParser left it: no handler or property of the last parse carries over.
      reused.parser.reset();
    }
    reused.parses++;
    return reused.parser;
  }

  private SAXParser newParser() throws Exception {
    SAXParserFactory engines = getSaxParserFactoryLazily();
    SAXParserFactory factory = SAXParserFactory.newInstance();
    factory.setNamespaceAware(engines.isNamespaceAware());
    factory.setFeature(NAMESPACE_PREFIXES, engines.getFeature(NAMESPACE_PREFIXES));
    // Validation by the compiled schema; a validating factory would also look for a DTD.
    factory.setValidating(false);
    factory.setSchema(SCHEMA);
    setXxeProcessing(factory);
    return factory.newSAXParser();
  }

  private static final class Reused {
    private final SAXParser parser;
    private int parses;

    Reused(SAXParser parser) {
      this.parser = parser;
    }
  }

  /** A SAX parser that already has its schema, so the schema language and source {@code Parse} sets are moot. */
  private static final class SchemaSet extends SAXParser {
    private final SAXParser parser;

    SchemaSet(SAXParser parser) {
      this.parser = parser;
    }

    @Override
    public void setProperty(String name, Object value) throws SAXNotRecognizedException, SAXNotSupportedException {
      if (!SCHEMA_LANGUAGE.equals(name) && !SCHEMA_SOURCE.equals(name)) {
        parser.setProperty(name, value);
      }
    }

    @Override
    public Object getProperty(String name) throws SAXNotRecognizedException, SAXNotSupportedException {
      return parser.getProperty(name);
    }

    @Override
    public void parse(InputStream is, DefaultHandler dh) throws SAXException, IOException {
      parser.parse(is, dh);
    }

    @Override
    public void parse(InputSource is, DefaultHandler dh) throws SAXException, IOException {
      parser.parse(is, dh);
    }

    @Override
    public void parse(File f, DefaultHandler dh) throws SAXException, IOException {
      parser.parse(f, dh);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void parse(InputStream is, HandlerBase hb) throws SAXException, IOException {
      parser.parse(is, hb);
    }

    @Override
    @SuppressWarnings("deprecation")
    public Parser getParser() throws SAXException {
      return parser.getParser();
    }

    @Override
    public XMLReader getXMLReader() throws SAXException {
      return parser.getXMLReader();
    }

    @Override
    public boolean isNamespaceAware() {
      return parser.isNamespaceAware();
    }

    @Override
    public boolean isValidating() {
      return parser.isValidating();
    }

    @Override
    public Schema getSchema() {
      return parser.getSchema();
    }

    @Override
    public boolean isXIncludeAware() {
      return parser.isXIncludeAware();
    }

    @Override
    public void reset() {
      parser.reset();
    }
  }
}
