package dev.prometheuspipeline.validate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.camunda.bpm.model.dmn.impl.DmnModelConstants;
import java.util.Optional;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.Locator;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The DMN schemas Camunda's own DMN parser validates against, compiled once, used to collect every
 * schema error of a file (the model API stops at the first and drops its column). Only files that
 * passed the hardened pre-parse get here, and they are read through the same hardened parser.
 */
final class DmnSchema {
  private static final int MAX_ERRORS = 50;

  private static final String[] SCHEMAS = {
    DmnModelConstants.DMN_15_SCHEMA_LOCATION,
    DmnModelConstants.DMN_14_SCHEMA_LOCATION,
    DmnModelConstants.DMN_13_SCHEMA_LOCATION,
    DmnModelConstants.DMN_12_SCHEMA_LOCATION,
    DmnModelConstants.DMN_11_SCHEMA_LOCATION,
    DmnModelConstants.DMN_11_ALTERNATIVE_SCHEMA_LOCATION
  };

  private static volatile Schema compiled;

  private final XmlScanner scanner;

  DmnSchema(XmlScanner scanner) {
    this.scanner = scanner;
  }

  /** Every schema error, at most {@value #MAX_ERRORS}; empty when the file is valid DMN. */
  List<SAXParseException> validate(byte[] bytes) {
    List<SAXParseException> errors = new ArrayList<>();
    Validator validator = schema().newValidator();
    try {
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      validator.setErrorHandler(new Collecting(errors));
      validator.validate(
          new SAXSource(scanner.hardenedReader(), new InputSource(new ByteArrayInputStream(bytes))));
    } catch (EnoughErrors e) {
      // Fifty errors say what is wrong; the rest would only bury them.
    } catch (SAXParseException e) {
      if (!errors.contains(e)) {
        errors.add(e);
      }
    } catch (SAXException | IOException e) {
      errors.add(new SAXParseException(e.getMessage(), null, null, 0, 0));
    }
    return errors;
  }

  /** The root element's namespace and where it is; empty when the file has no root element. */
  Optional<Root> root(byte[] bytes) {
    RootCatcher catcher = new RootCatcher();
    try {
      XMLReader reader = scanner.hardenedReader();
      reader.setContentHandler(catcher);
      reader.parse(new InputSource(new ByteArrayInputStream(bytes)));
    } catch (RootSeen e) {
      // Only the root was wanted.
    } catch (SAXException | IOException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(catcher.root);
  }

  record Root(String namespace, String localName, Location location) {}

  private static final class RootSeen extends SAXException {
    RootSeen() {
      super("root seen");
    }
  }

  private static final class RootCatcher extends DefaultHandler {
    private Locator locator;
    private Root root;

    @Override
    public void setDocumentLocator(Locator locator) {
      this.locator = locator;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
        throws SAXException {
      Location at = locator == null ? Location.UNKNOWN
          : new Location(locator.getLineNumber(), locator.getColumnNumber());
      root = new Root(uri == null ? "" : uri, localName, at);
      throw new RootSeen();
    }
  }

  private static Schema schema() {
    Schema schema = compiled;
    if (schema == null) {
      synchronized (DmnSchema.class) {
        if (compiled == null) {
          compiled = compile();
        }
        schema = compiled;
      }
    }
    return schema;
  }

  private static Schema compile() {
    SchemaFactory factory = SchemaFactory.newDefaultInstance();
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      // The schemas import each other (DMNDI, DC, DI) from inside the Camunda jar; nothing else.
      // "nested": how Spring Boot 3.2+ addresses a jar inside the executable jar (java -jar).
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "jar,file,nested");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      List<Source> sources = new ArrayList<>();
      for (String location : SCHEMAS) {
        URL url = DmnModelConstants.class.getClassLoader().getResource(location);
        if (url == null) {
          throw new IllegalStateException("DMN schema missing from the classpath: " + location);
        }
        sources.add(new StreamSource(url.toExternalForm()));
      }
      return factory.newSchema(sources.toArray(Source[]::new));
    } catch (SAXException e) {
      throw new IllegalStateException("the DMN schemas do not compile: " + e.getMessage(), e);
    }
  }

  private static final class EnoughErrors extends SAXException {
    EnoughErrors() {
      super("enough errors");
    }
  }

  private record Collecting(List<SAXParseException> errors) implements ErrorHandler {
    @Override
    public void warning(SAXParseException e) {
      // Schema warnings do not stop Camunda from reading the model.
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
      errors.add(e);
      if (errors.size() >= MAX_ERRORS) {
        throw new EnoughErrors();
      }
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      errors.add(e);
      throw new EnoughErrors();
    }
  }
}
