package dev.prometheuspipeline.testing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads test files into tests: Camunda Process Test JSON ({@code testCases}, checked against
 * {@value #SCHEMA}), decision test JSON ({@code decision} + {@code cases}) and DMN TCK XML. A file that
 * cannot be read becomes ERROR tests naming the file, the line and how to fix it; the other tests of the
 * file still run when the fault is confined to one test case.
 */
final class TestFiles {
  static final String SCHEMA = "testing/cpt-test-cases-8.9.schema.json";
  private static final int MAX_PROBLEMS = 5;
  private static final Pattern TEST_CASE_PATH = Pattern.compile("^\\$\\.testCases\\[(\\d+)](?:\\.instructions\\[(\\d+)])?");

  static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final JsonSchema CPT_SCHEMA = loadSchema();

  private TestFiles() {}

  private static JsonSchema loadSchema() {
    try (InputStream in = TestFiles.class.getClassLoader().getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + SCHEMA);
      }
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<PlannedTest> read(TestFile file) {
    String path = file.path();
    if (path.toLowerCase(java.util.Locale.ROOT).endsWith(".xml")) {
      return TckCases.read(file);
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.bytes());
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      String at = where == null ? "" : " line " + where.getLineNr() + ", column " + where.getColumnNr();
      return List.of(fileError(file, TestResult.Kind.SCENARIO,
          path + at + ": not valid JSON (" + e.getOriginalMessage() + "); fix the JSON syntax"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      return List.of(fileError(file, TestResult.Kind.SCENARIO,
          path + " line 1: the file is not a JSON object; a test file is {\"testCases\": [...]} or "
              + "{\"decision\": \"…\", \"cases\": [...]}"));
    }
    if (root.has("decision")) {
      return DecisionCases.read(file, root, JsonLines.of(file.bytes()));
    }
    if (root.has("testCases")) {
      return scenarios(file, root, JsonLines.of(file.bytes()));
    }
    return List.of(fileError(file, TestResult.Kind.SCENARIO,
        path + " line 1: neither \"testCases\" (a Camunda Process Test file) nor \"decision\" (a decision "
            + "test file); see docs/test-cases.md"));
  }

  static PlannedTest fileError(TestFile file, TestResult.Kind kind, String message) {
    String name = file.path().substring(file.path().lastIndexOf('/') + 1);
    return PlannedTest.invalid(file.path(), name, kind, new TestResult.Failure(0, "", "", "", message));
  }

  private static List<PlannedTest> scenarios(TestFile file, JsonNode root, JsonLines lines) {
    Map<Integer, Set<String>> problemsByCase = new TreeMap<>();
    Map<Integer, Integer> firstStepByCase = new TreeMap<>();
    Set<String> fileProblems = new LinkedHashSet<>();
    Set<String> unknownAt = unknownInstructions(file.path(), root, lines, problemsByCase, firstStepByCase);
    for (ValidationMessage message : CPT_SCHEMA.validate(root)) {
      String at = message.getInstanceLocation().toString();
      if (unknownAt.stream().anyMatch(u -> at.equals(u) || at.startsWith(u + ".") || at.startsWith(u + "["))) {
        continue;
      }
      String text = file.path() + " line " + lines.lineOf(at) + " (" + at + "): " + withoutPath(message.getMessage(), at);
      Matcher inCase = TEST_CASE_PATH.matcher(at);
      if (inCase.find()) {
        int index = Integer.parseInt(inCase.group(1));
        problemsByCase.computeIfAbsent(index, i -> new LinkedHashSet<>()).add(text);
        if (inCase.group(2) != null) {
          firstStepByCase.merge(index, Integer.parseInt(inCase.group(2)) + 1, Math::min);
        }
      } else {
        fileProblems.add(text);
      }
    }
    if (!fileProblems.isEmpty()) {
      return List.of(fileError(file, TestResult.Kind.SCENARIO, summary(fileProblems)));
    }
    List<PlannedTest> tests = new ArrayList<>();
    JsonNode cases = root.get("testCases");
    for (int index = 0; index < cases.size(); index++) {
      JsonNode testCase = cases.get(index);
      String name = testCase.path("name").isTextual() ? testCase.get("name").asText() : "test case " + (index + 1);
      Set<String> problems = problemsByCase.get(index);
      if (problems != null) {
        int step = firstStepByCase.getOrDefault(index, 0);
        String instruction =
            step == 0 ? "" : testCase.path("instructions").path(step - 1).path("type").asText("");
        tests.add(PlannedTest.invalid(file.path(), name, TestResult.Kind.SCENARIO,
            new TestResult.Failure(step, instruction, "", "", summary(problems))));
        continue;
      }
      String casePath = "$.testCases[" + index + "]";
      tests.add(Scenario.of(file.path(), name, testCase, casePath, lines));
    }
    return tests;
  }

  /** An unknown type would otherwise be reported as a 32-value enumeration; say it plainly. */
  private static Set<String> unknownInstructions(
      String path,
      JsonNode root,
      JsonLines lines,
      Map<Integer, Set<String>> problemsByCase,
      Map<Integer, Integer> firstStepByCase) {
    Set<String> unknownAt = new LinkedHashSet<>();
    JsonNode cases = root.path("testCases");
    for (int c = 0; c < cases.size(); c++) {
      JsonNode instructions = cases.get(c).path("instructions");
      for (int i = 0; i < instructions.size(); i++) {
        JsonNode type = instructions.get(i).path("type");
        if (type.isTextual() && !Instructions.KNOWN.contains(type.asText())) {
          String at = "$.testCases[" + c + "].instructions[" + i + "]";
          unknownAt.add(at);
          problemsByCase.computeIfAbsent(c, index -> new LinkedHashSet<>()).add(
              path + " line " + lines.lineOf(at + ".type") + " (" + at + "): unknown instruction \""
                  + type.asText() + "\"; use one of the types in docs/test-cases.md (CPT 8.9 or C7_…)");
          firstStepByCase.merge(c, i + 1, Math::min);
        }
      }
    }
    return unknownAt;
  }

  private static String withoutPath(String message, String path) {
    return message.startsWith(path + ": ") ? message.substring(path.length() + 2) : message;
  }

  private static String summary(Set<String> problems) {
    List<String> all = List.copyOf(problems);
    String shown = String.join("; ", all.subList(0, Math.min(all.size(), MAX_PROBLEMS)));
    return all.size() > MAX_PROBLEMS ? shown + "; and " + (all.size() - MAX_PROBLEMS) + " more" : shown;
  }
}
