package dev.prometheuspipeline.sandbox;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/**
 * The XML schemas Camunda's parsers validate against, compiled once per JVM instead of once per parse. The
 * engine's BPMN parse and the model API both hand the parser the schema's location, so the parser compiles
 * the whole BPMN schema (five files) again for every model: most of the time a cold validation spent.
 *
 * <p>A compiled schema answers for the namespaces it was compiled from only, where a parser given the
 * schema's location also follows a document's own {@code xsi:schemaLocation} hints for other namespaces
 * (and may warn when it cannot read them). A document that carries hints, or that is not in an
 * ASCII-compatible encoding (so its hints cannot be seen in its bytes), goes the parser's own way.
 */
public final class CompiledSchemas {
  private static final byte[] HINT = "chemaLocation".getBytes(StandardCharsets.US_ASCII);

  private CompiledSchemas() {}

  /** Whether a compiled schema validates {@code bytes} exactly as the parser's own compilation would. */
  public static boolean serve(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return false;
      }
    }
    return indexOf(bytes, HINT) < 0;
  }

  /**
   * Compiles the schema at {@code location} (a class path resource, with the files it imports).
   *
   * @throws SandboxException when the schema is missing or does not compile (a broken classpath)
   */
  public static Schema compile(String location, ClassLoader loader) {
    URL url = loader.getResource(location);
    if (url == null) {
      throw new SandboxException("no schema " + location + " on the class path", null);
    }
    try {
      return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(url);
    } catch (SAXException e) {
      throw new SandboxException("could not compile the schema " + location + ": " + e.getMessage(), e);
    }
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    outer:
    for (int i = 0; i <= bytes.length - part.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
