package dev.prometheuspipeline.sandbox;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.xml.sax.SAXException;

/**
 * The XML schemas Camunda's parsers validate against, compiled once per JVM instead of once per parse. The
 * engine's BPMN parse and the model API both hand the parser the schema's location, so the parser compiles
 * the whole BPMN schema (five files) again for every model: most of the time a cold validation spent.
 *
 * <p>A compiled schema answers for the namespaces it was compiled from only, where a parser given the
 * schema's location also follows a document's own {@code xsi:schemaLocation} hints for other namespaces
 * (and may warn when it cannot read them); hints for a namespace the schema already has are ignored by both.
 * A document with any other hint, or not in an ASCII-compatible encoding (so its hints cannot be seen in its
 * bytes), goes the parser's own way.
 */
public final class CompiledSchemas {
  /** The namespaces of the BPMN schema and the schemas it imports. */
  private static final Set<String> COMPILED_NAMESPACES = Set.of(
      "http://www.omg.org/spec/BPMN/20100524/MODEL", "http://www.omg.org/spec/BPMN/20100524/DI",
      "http://www.omg.org/spec/DD/20100524/DC", "http://www.omg.org/spec/DD/20100524/DI");

  /**
   * Where the engine keeps the BPMN 2.0 schema. The model API ships the same five files, equal but for trailing
   * white space (CompiledSchemasTest compares them), so one compilation serves both parsers.
   */
  static final String BPMN_20_SCHEMA = BpmnParser.BPMN_20_SCHEMA_LOCATION;

  /**
   * Parses one reused parser serves before it is replaced, for the engine's SAX parse and the model API's DOM parse
   * alike: Xerces keeps every name it meets in the parser's symbol table, so a parser that lived for a server's
   * lifetime would grow with every model it ever read.
   */
  public static final int PARSES_PER_PARSER = 256;

  private CompiledSchemas() {}

  /** The BPMN 2.0 schema, compiled on first use, for the engine's parse and the model API's alike. */
  public static Schema bpmn() {
    return Bpmn20.SCHEMA;
  }

  /** Holds the compilation, so it happens once, on the first thread that asks, while others wait for it. */
  private static final class Bpmn20 {
    private static final Schema SCHEMA = compile(BPMN_20_SCHEMA, CompiledSchemas.class.getClassLoader());
  }

  /** Whether a compiled schema validates {@code bytes} exactly as the parser's own compilation would. */
  public static boolean serve(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return false;
      }
    }
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    for (int at = text.indexOf("chemaLocation"); at >= 0; at = text.indexOf("chemaLocation", at + 1)) {
      if (!hintsCompiledNamespacesOnly(text, at)) {
        return false;
      }
    }
    return true;
  }

  /** {@code schemaLocation="ns location ns location"}, every namespace one the schema has. */
  private static boolean hintsCompiledNamespacesOnly(String text, int at) {
    if (at == 0 || text.charAt(at - 1) != 's') {
      return false;
    }
    int value = at + "chemaLocation".length();
    while (value < text.length() && Character.isWhitespace(text.charAt(value))) {
      value++;
    }
    if (value >= text.length() || text.charAt(value) != '=') {
      return false;
    }
    value++;
    while (value < text.length() && Character.isWhitespace(text.charAt(value))) {
      value++;
    }
    if (value >= text.length() || (text.charAt(value) != '"' && text.charAt(value) != '\'')) {
      return false;
    }
    int end = text.indexOf(text.charAt(value), value + 1);
    if (end < 0 || (at >= 11 && text.startsWith("noNamespace", at - 12))) {
      return false;
    }
    String[] pairs = text.substring(value + 1, end).trim().split("\\s+");
    if (pairs.length % 2 != 0) {
      return false;
    }
    for (int i = 0; i < pairs.length; i += 2) {
      if (!COMPILED_NAMESPACES.contains(pairs[i])) {
        return false;
      }
    }
    return true;
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
      // The JDK's own factory, which newInstance finds too, but only after opening every jar on the class path to
      // look for another provider: tens of milliseconds of a cold validate.
      return SchemaFactory.newDefaultInstance().newSchema(url);
    } catch (SAXException e) {
      throw new SandboxException("could not compile the schema " + location + ": " + e.getMessage(), e);
    }
  }
}
