package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.sandbox.CompiledSchemas;
import java.io.ByteArrayInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.validation.Schema;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.impl.BpmnParser;
import org.camunda.bpm.model.xml.instance.DomDocument;
import org.camunda.bpm.model.xml.instance.DomElement;

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
    /** One compilation for every thread's parser, for its DOM parse and its own {@code validateModel}. */
    private static final Schema SCHEMA =
        CompiledSchemas.compile(BpmnModelConstants.BPMN_20_SCHEMA_LOCATION, BpmnParser.class.getClassLoader());

    /** Set while the super constructor runs, so no initialiser: one would reset it afterwards. */
    private DocumentBuilderFactory factory;

    CompiledSchemaParser() {
      factory.setSchema(SCHEMA);
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
}
