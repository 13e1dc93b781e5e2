package dev.prometheuspipeline.testing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.testing.Coverage.DecisionCoverage;
import dev.prometheuspipeline.testing.Coverage.Element;
import dev.prometheuspipeline.testing.Coverage.ProcessCoverage;
import dev.prometheuspipeline.testing.TestResult.Failure;
import dev.prometheuspipeline.testing.TestResult.Kind;
import dev.prometheuspipeline.testing.TestResult.Status;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;

/**
 * The test stage's report in three forms: JSON with everything, JUnit XML for other CI tools, and an HTML page
 * for people with the coverage picture embedded.
 */
public final class TestReports {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TestReports() {}

  /** Every result with its failure, the counts per kind, the coverage breakdown and each worker's run. */
  public static String json(TestRun run) {
    requireNonNull(run, "run");
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("summary", counts(run.results()));
    Map<String, Object> byKind = new LinkedHashMap<>();
    for (Kind kind : Kind.values()) {
      byKind.put(kind.name().toLowerCase(Locale.ROOT), counts(run.results().stream().filter(r -> r.kind() == kind).toList()));
    }
    report.put("byKind", byKind);
    report.put("coverage", coverage(run.coverage()));
    run.workerCoverage().ifPresent(c -> report.put("workerCoverage", workerCoverage(c)));
    List<Map<String, Object>> workers = new ArrayList<>();
    for (WorkerRun worker : run.workers()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("worker", worker.worker());
      entry.put("runner", worker.runner().name().toLowerCase(Locale.ROOT));
      entry.put("countsKnown", worker.countsKnown());
      entry.put("passed", worker.passed());
      entry.put("failed", worker.failed());
      worker.coverage().ifPresent(c -> entry.put("coverage", workerCoverage(c)));
      entry.put("output", worker.output());
      workers.add(entry);
    }
    report.put("workers", workers);
    List<Map<String, Object>> results = new ArrayList<>();
    for (TestResult result : run.results()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("file", result.file());
      entry.put("name", result.name());
      entry.put("kind", result.kind().name().toLowerCase(Locale.ROOT));
      entry.put("status", status(result.status()));
      entry.put("durationMs", result.duration().toMillis());
      result.failure().ifPresent(f -> entry.put("failure", Map.of("step", f.step(), "instruction", f.instruction(),
          "expected", f.expected(), "actual", f.actual(), "message", f.message())));
      results.add(entry);
    }
    report.put("results", results);
    try {
      return JSON.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plain maps and lists always serialise", e);
    }
  }

  /**
   * JUnit XML in the surefire/Ant shape Jenkins and GitLab read: one {@code testsuite} per test file, a
   * {@code failure} for a failed expectation, an {@code error} for a test that could not run or timed out,
   * {@code skipped} for a skipped one.
   */
  public static String junitXml(List<TestResult> results) {
    requireNonNull(results, "results");
    Map<String, List<TestResult>> byFile = new LinkedHashMap<>();
    results.forEach(r -> byFile.computeIfAbsent(r.file(), f -> new ArrayList<>()).add(r));
    Document document = newDocument();
    org.w3c.dom.Element suites = document.createElement("testsuites");
    document.appendChild(suites);
    suites.setAttribute("name", "prometheus-pipeline test stage");
    tally(suites, results);
    byFile.forEach((file, fileResults) -> {
      org.w3c.dom.Element suite = document.createElement("testsuite");
      suites.appendChild(suite);
      suite.setAttribute("name", xml(file));
      tally(suite, fileResults);
      for (TestResult result : fileResults) {
        org.w3c.dom.Element testCase = document.createElement("testcase");
        suite.appendChild(testCase);
        testCase.setAttribute("classname", xml(className(file)));
        testCase.setAttribute("name", xml(result.name()));
        testCase.setAttribute("time", seconds(result.duration()));
        String outcome = switch (result.status()) {
          case PASSED -> null;
          case FAILED -> "failure";
          case ERROR, TIMED_OUT -> "error";
          case SKIPPED -> "skipped";
        };
        if (outcome != null) {
          org.w3c.dom.Element element = document.createElement(outcome);
          testCase.appendChild(element);
          result.failure().ifPresent(f -> {
            element.setAttribute("message", xml(f.message()));
            if (!outcome.equals("skipped")) {
              element.setAttribute("type", status(result.status()));
              element.setTextContent(xml(details(f)));
            }
          });
        }
      }
    });
    return serialise(document);
  }

  /** A page for people: summary, failures in the model's words, results per file, workers and coverage. */
  public static String html(String title, TestRun run, List<FetchedArtifact> models) {
    return TestPage.html(title, run, models);
  }

  private static Map<String, Object> counts(List<TestResult> results) {
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("tests", results.size());
    for (Status status : Status.values()) {
      counts.put(statusKey(status), results.stream().filter(r -> r.status() == status).count());
    }
    counts.put("durationMs", results.stream().mapToLong(r -> r.duration().toMillis()).sum());
    return counts;
  }

  private static Map<String, Object> coverage(Coverage coverage) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("combined", coverage.ratio());
    json.put("covered", coverage.covered());
    json.put("total", coverage.total());
    json.put("formula", "(covered flow nodes + taken sequence flows + fired rules) / "
        + "(flow nodes + sequence flows + rules), over every executable process and decision table");
    json.put("processRatio", coverage.processRatio());
    json.put("decisionRatio", coverage.decisionRatio());
    List<Map<String, Object>> processes = new ArrayList<>();
    for (ProcessCoverage process : coverage.processes()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("file", process.file());
      entry.put("key", process.key());
      entry.put("name", process.name());
      entry.put("flowNodes", process.flowNodes());
      entry.put("sequenceFlows", process.sequenceFlows());
      entry.put("covered", process.covered());
      entry.put("total", process.total());
      entry.put("ratio", process.ratio());
      entry.put("coveredIds", process.coveredIds().stream().sorted().toList());
      entry.put("uncovered", elements(process.uncovered()));
      processes.add(entry);
    }
    json.put("processes", processes);
    List<Map<String, Object>> decisions = new ArrayList<>();
    for (DecisionCoverage decision : coverage.decisions()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("file", decision.file());
      entry.put("key", decision.key());
      entry.put("name", decision.name());
      entry.put("rules", decision.rules());
      entry.put("fired", decision.fired());
      entry.put("ratio", decision.ratio());
      entry.put("firedIds", decision.firedIds().stream().sorted().toList());
      entry.put("unfired", elements(decision.unfired()));
      decisions.add(entry);
    }
    json.put("decisions", decisions);
    return json;
  }

  private static List<Map<String, String>> elements(List<Element> elements) {
    return elements.stream().map(e -> Map.of("id", e.id(), "name", e.name(), "type", e.type())).toList();
  }

  private static Map<String, Object> workerCoverage(WorkerCoverage coverage) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("coveredLines", coverage.coveredLines());
    json.put("totalLines", coverage.totalLines());
    json.put("ratio", coverage.ratio());
    json.put("source", coverage.source());
    return json;
  }

  private static void tally(org.w3c.dom.Element element, List<TestResult> results) {
    element.setAttribute("tests", String.valueOf(results.size()));
    element.setAttribute("failures", String.valueOf(results.stream().filter(r -> r.status() == Status.FAILED).count()));
    element.setAttribute("errors", String.valueOf(results.stream()
        .filter(r -> r.status() == Status.ERROR || r.status() == Status.TIMED_OUT).count()));
    element.setAttribute("skipped", String.valueOf(results.stream().filter(r -> r.status() == Status.SKIPPED).count()));
    element.setAttribute("time", seconds(results.stream().map(TestResult::duration).reduce(Duration.ZERO, Duration::plus)));
  }

  private static String details(Failure failure) {
    StringBuilder text = new StringBuilder(failure.message());
    if (failure.step() > 0 || !failure.instruction().isBlank()) {
      text.append("\nstep: ").append(failure.step() > 0 ? failure.step() + " " : "").append(failure.instruction());
    }
    if (!failure.expected().isBlank()) {
      text.append("\nexpected: ").append(failure.expected());
    }
    if (!failure.actual().isBlank()) {
      text.append("\nactual: ").append(failure.actual());
    }
    return text.toString();
  }

  /** {@code tests/Genesis/pedido.json} → {@code tests.Genesis.pedido}: CI tools split classnames on dots. */
  static String className(String file) {
    String withoutExtension = file.replaceFirst("\\.[A-Za-z0-9]+$", "");
    return withoutExtension.replace('.', '_').replace('/', '.');
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
  }

  static String status(Status status) {
    return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String statusKey(Status status) {
    return switch (status) {
      case PASSED -> "passed";
      case FAILED -> "failed";
      case ERROR -> "errors";
      case TIMED_OUT -> "timedOut";
      case SKIPPED -> "skipped";
    };
  }

  /** XML 1.0 cannot carry most control characters, even escaped; a test's output may hold any. */
  static String xml(String text) {
    StringBuilder clean = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
          || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
      clean.appendCodePoint(allowed ? c : 0xFFFD);
    });
    return clean.toString();
  }

  private static Document newDocument() {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK always builds an empty document", e);
    }
  }

  private static String serialise(Document document) {
    try {
      TransformerFactory factory = TransformerFactory.newInstance();
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer transformer = factory.newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      document.setXmlStandalone(true);
      StringWriter out = new StringWriter();
      transformer.transform(new DOMSource(document), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new IllegalStateException("a DOM built here always serialises", e);
    }
  }
}
