package dev.prometheuspipeline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.testing.TestResult.Failure;
import dev.prometheuspipeline.testing.TestResult.Kind;
import dev.prometheuspipeline.testing.TestResult.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads what test runners write: JUnit XML, Jest's JSON, lcov, Istanbul's summary and JaCoCo XML. */
final class RunnerReports {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*[A-Za-z]");
  private static final int DETAIL_LIMIT = 4_000;

  private RunnerReports() {}

  /** True when {@code file} is a JUnit XML report (root {@code testsuites} or {@code testsuite}). */
  static boolean isJUnit(Path file) {
    try {
      String root = parse(file, false).getDocumentElement().getTagName();
      return root.equals("testsuites") || root.equals("testsuite");
    } catch (IOException | SAXException e) {
      return false;
    }
  }

  /**
   * Every {@code testcase} of a JUnit XML report (the surefire/Ant shape, and Node's junit reporter, which
   * may put test cases straight under {@code testsuites}).
   *
   * @param fileOf the test's repository path from its {@code classname} and {@code file} attributes
   */
  static List<TestResult> junit(Path report, Function<Element, String> fileOf) throws IOException {
    Document document;
    try {
      document = parse(report, false);
    } catch (SAXException e) {
      throw new IOException(report.getFileName() + " is not well-formed XML: " + e.getMessage(), e);
    }
    List<TestResult> results = new ArrayList<>();
    NodeList cases = document.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element testCase = (Element) cases.item(i);
      Status status = Status.PASSED;
      Optional<Failure> failure = Optional.empty();
      for (Node child = testCase.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child instanceof Element outcome) {
          switch (outcome.getTagName()) {
            case "failure" -> status = Status.FAILED;
            case "error" -> status = Status.ERROR;
            case "skipped" -> status = Status.SKIPPED;
            default -> {
              continue;
            }
          }
          failure = Optional.of(failure(outcome));
          break;
        }
      }
      results.add(new TestResult(fileOf.apply(testCase), testCase.getAttribute("name"), Kind.WORKER, status,
          seconds(testCase.getAttribute("time")), failure, ExecutionTrace.EMPTY));
    }
    return results;
  }

  private static Failure failure(Element outcome) {
    String detail = clip(strip(outcome.getTextContent()));
    String message = strip(outcome.getAttribute("message"));
    if (message.isBlank()) {
      message = firstLine(detail);
    }
    String type = outcome.getAttribute("type");
    return new Failure(0, "", "", detail, type.isBlank() ? message : type + ": " + message);
  }

  /**
   * Jest's {@code --json} output: one result per assertion; a test file that failed to run (a syntax error,
   * a missing module) has no assertions and becomes one ERROR result with Jest's message.
   *
   * @param fileOf the repository path of a test file from Jest's absolute {@code name}
   */
  static List<TestResult> jest(Path report, Function<String, String> fileOf) throws IOException {
    JsonNode root = JSON.readTree(report.toFile());
    List<TestResult> results = new ArrayList<>();
    for (JsonNode suite : root.path("testResults")) {
      String file = fileOf.apply(suite.path("name").asText());
      JsonNode assertions = suite.path("assertionResults");
      if (assertions.isEmpty() && "failed".equals(suite.path("status").asText())) {
        String message = clip(strip(suite.path("message").asText()));
        results.add(new TestResult(file, "(test file)", Kind.WORKER, Status.ERROR, Duration.ZERO,
            Optional.of(new Failure(0, "", "", message, "the test file did not run: " + firstLine(message))),
            ExecutionTrace.EMPTY));
        continue;
      }
      for (JsonNode assertion : assertions) {
        String name = assertion.path("fullName").asText(assertion.path("title").asText());
        Status status = switch (assertion.path("status").asText()) {
          case "passed" -> Status.PASSED;
          case "failed" -> Status.FAILED;
          default -> Status.SKIPPED;
        };
        Optional<Failure> failure = Optional.empty();
        if (status == Status.FAILED) {
          List<String> messages = new ArrayList<>();
          assertion.path("failureMessages").forEach(m -> messages.add(strip(m.asText())));
          String detail = clip(String.join("\n", messages));
          failure = Optional.of(new Failure(0, "", "", detail, firstLine(detail)));
        }
        Duration duration = Duration.ofMillis(Math.max(0, assertion.path("duration").asLong(0)));
        results.add(new TestResult(file, name, Kind.WORKER, status, duration, failure, ExecutionTrace.EMPTY));
      }
    }
    return results;
  }

  /** Lines found and hit over all files of an lcov tracefile ({@code LF}/{@code LH} records). */
  static WorkerCoverage lcov(Path tracefile, String source) throws IOException {
    long found = 0;
    long hit = 0;
    for (String line : Files.readAllLines(tracefile)) {
      if (line.startsWith("LF:")) {
        found += Long.parseLong(line.substring(3).strip());
      } else if (line.startsWith("LH:")) {
        hit += Long.parseLong(line.substring(3).strip());
      }
    }
    return new WorkerCoverage(hit, found, source);
  }

  /** Istanbul's {@code coverage-summary.json}: {@code total.lines}. */
  static WorkerCoverage istanbulSummary(Path summary, String source) throws IOException {
    JsonNode lines = JSON.readTree(summary.toFile()).path("total").path("lines");
    return new WorkerCoverage(lines.path("covered").asLong(), lines.path("total").asLong(), source);
  }

  /** JaCoCo's XML report: the report-level {@code LINE} counter. */
  static Optional<WorkerCoverage> jacoco(Path report, String source) throws IOException {
    Document document;
    try {
      document = parse(report, true);
    } catch (SAXException e) {
      throw new IOException(report.getFileName() + " is not well-formed XML: " + e.getMessage(), e);
    }
    for (Node child = document.getDocumentElement().getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element counter && counter.getTagName().equals("counter")
          && counter.getAttribute("type").equals("LINE")) {
        long missed = Long.parseLong(counter.getAttribute("missed"));
        long covered = Long.parseLong(counter.getAttribute("covered"));
        return Optional.of(new WorkerCoverage(covered, covered + missed, source));
      }
    }
    return Optional.empty();
  }

  // Reports come from code we do not trust: no external entities ever; JaCoCo's report names a DTD, which
  // is allowed but never fetched.
  private static Document parse(Path file, boolean allowDoctype) throws IOException, SAXException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", !allowDoctype);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setExpandEntityReferences(false);
      factory.setXIncludeAware(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
        @Override
        public void error(org.xml.sax.SAXParseException e) throws SAXException {
          throw e;
        }
      });
      try (InputStream in = Files.newInputStream(file)) {
        return builder.parse(in);
      }
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
    }
  }

  private static Duration seconds(String time) {
    try {
      double seconds = Double.parseDouble(time.replace(",", "").strip());
      return Duration.ofNanos(Math.max(0, Math.round(seconds * 1e9)));
    } catch (NumberFormatException e) {
      return Duration.ZERO;
    }
  }

  static String strip(String text) {
    return ANSI.matcher(text == null ? "" : text).replaceAll("").strip();
  }

  private static String firstLine(String text) {
    for (String line : text.split("\\R")) {
      if (!line.isBlank()) {
        return line.strip();
      }
    }
    return "no message";
  }

  private static String clip(String text) {
    return text.length() <= DETAIL_LIMIT ? text : text.substring(0, DETAIL_LIMIT) + " …";
  }
}
