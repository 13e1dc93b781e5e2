package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.sandbox.CompiledSchemas;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.Schema;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.impl.BpmnModelInstanceImpl;
import org.camunda.bpm.model.bpmn.impl.BpmnParser;
import org.camunda.bpm.model.xml.ModelParseException;
import org.camunda.bpm.model.xml.impl.instance.DomDocumentImpl;
import org.camunda.bpm.model.xml.instance.DomDocument;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * {@code Bpmn.readModelFromStream}, with the BPMN schema compiled once per JVM: the model API's parser hands
 * its DOM parser the schema's location, which compiles it again for every model. Same DOM (the same Xerces
 * schema validator adds the same default attributes), same errors; documents {@link CompiledSchemas#serve}
 * declines go the model API's own way.
 */
final class BpmnModelReader {
  private static final ThreadLocal<CompiledSchemaParser> PARSERS = ThreadLocal.withInitial(CompiledSchemaParser::new);

  private BpmnModelReader() {}

  /**
   * Builds this thread's parser (compiling the schema on the first call in this JVM) and the model API's own
   * start-up, so a second thread can do it while the first starts the engine's parser.
   */
  static void prepare() {
    PARSERS.get();
    Bpmn.INSTANCE.getBpmnModel();
  }

  /** @throws RuntimeException as {@code Bpmn.readModelFromStream} does for a file it cannot read */
  static BpmnModelInstance read(byte[] bytes) {
    if (!CompiledSchemas.serve(bytes)) {
      return Bpmn.readModelFromStream(new ByteArrayInputStream(bytes));
    }
    return PARSERS.get().parseModelFromStream(new ByteArrayInputStream(bytes));
  }

  private static final class CompiledSchemaParser extends BpmnParser {
    private static final String SCHEMA_LANGUAGE = "http://java.sun.com/xml/jaxp/properties/schemaLanguage";
    private static final String SCHEMA_SOURCE = "http://java.sun.com/xml/jaxp/properties/schemaSource";
    /**
     * One compilation for every thread's parser, for its DOM parse and its own {@code validateModel}: the engine's,
     * since the model API's schema files are the same.
     */
    private static final Schema SCHEMA = CompiledSchemas.bpmn();

    /** Set while the super constructor runs, so no initialiser: one would reset it afterwards. */
    private DocumentBuilderFactory factory;

    /** This thread's DOM parser, reset for each model: the model API builds a new one per model. */
    private DocumentBuilder builder;
    private int parses;

    CompiledSchemaParser() {
      factory.setSchema(SCHEMA);
    }

    /**
     * {@code AbstractModelParser.parseModelFromStream} with one DOM parser per thread, and the same outcome: the
     * same exceptions with the same messages, the same validation and model. Its error handler is not used, as its
     * class starts {@code java.util.logging}, which looks for a logging back end in every jar on the class path:
     * tens of milliseconds of a cold {@code validate}, on the path every file waits on.
     */
    @Override
    public BpmnModelInstanceImpl parseModelFromStream(InputStream stream) {
      Document document;
      try {
        // Replaced as the engine's SAX parser is: the first lane of a validation is the caller's thread, which in
        // the server lives as long as it.
        if (builder == null || parses >= CompiledSchemas.PARSES_PER_PARSER) {
          builder = factory.newDocumentBuilder();
          parses = 0;
        } else {
          builder.reset();
        }
        parses++;
        builder.setErrorHandler(ThrowOnError.INSTANCE);
        document = builder.parse(stream);
      } catch (ParserConfigurationException e) {
        throw new ModelParseException("ParserConfigurationException while parsing input stream", e);
      } catch (SAXException e) {
        throw new ModelParseException("SAXException while parsing input stream", e);
      } catch (IOException e) {
        throw new ModelParseException("IOException while parsing input stream", e);
      }
      DomDocument dom = new DomDocumentImpl(document);
      validateModel(dom);
      return createModelInstance(dom);
    }

    /**
     * The DOM parse already validated against this schema and throws on the first error, so a second
     * validation of a BPMN document could only agree; any other document still gets it.
     */
    @Override
    public void validateModel(DomDocument document) {
      DomElement root = document.getRootElement();
      if (root == null || !BpmnModelConstants.BPMN20_NS.equals(root.getNamespaceURI())) {
        super.validateModel(document);
      }
    }

    @Override
    protected Schema createSchema(String location, ClassLoader classLoader) {
      return BpmnModelConstants.BPMN_20_SCHEMA_LOCATION.equals(location) ? SCHEMA : super.createSchema(location, classLoader);
    }

    @Override
    protected void configureFactory(DocumentBuilderFactory factory) {
      super.configureFactory(factory);
      // A null value removes the attribute; the factory refuses a schema language beside a schema.
      factory.setAttribute(SCHEMA_LANGUAGE, null);
      factory.setAttribute(SCHEMA_SOURCE, null);
      factory.setValidating(false);
      this.factory = factory;
    }
  }

  /** The model API's {@code DomUtil.DomErrorHandler}, message for message, logging its warnings through SLF4J. */
  private enum ThrowOnError implements ErrorHandler {
    INSTANCE;

    private static final Logger LOG = LoggerFactory.getLogger(BpmnModelReader.class);

    @Override
    public void warning(SAXParseException e) {
      LOG.warn("{}", info(e));
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
      throw new SAXException("Error: " + info(e));
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw new SAXException("Fatal Error: " + info(e));
    }

    private static String info(SAXParseException e) {
      return "URI=" + e.getSystemId() + " Line=" + e.getLineNumber() + ": " + e.getMessage();
    }
  }
}
