package dev.prometheuspipeline.validate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The external-task topics the worker repository says it serves, and the variables each topic's worker
 * completes its task with. Declared in the worker repository's {@code package.json}:
 *
 * <pre>{@code
 * "camunda": {
 *   "topics": {
 *     "pipeline.fetch": { "outputs": ["manifestId", "artifactCount"] },
 *     "pipeline.notify": {}
 *   }
 * }
 * }</pre>
 *
 * A topic without {@code outputs} is served, but what its worker writes is unknown.
 *
 * @param file the path of the declaring file, for findings; empty when nothing is declared
 * @param declared true when the repository declares its topics; only then are topics checked
 * @param topics topic → what its worker writes
 * @param findings problems of the declaration itself (bad JSON, wrong shapes), on {@code file}
 */
public record WorkerDeclarations(String file, boolean declared, Map<String, Topic> topics, List<Finding> findings) {
  static final RuleInfo DECLARATION = RuleInfo.lint("release-worker-declaration", "worker", Severity.ERROR,
      "The worker repository's topic declaration is readable",
      "The topic and data-flow checks trust package.json's \"camunda.topics\"; a declaration they cannot read"
          + " leaves the release's external tasks unchecked.",
      "Make package.json valid JSON with \"camunda\": {\"topics\": {\"<topic>\": {\"outputs\": [\"var\"]}}}");

  /**
   * What one topic's worker writes.
   *
   * @param outputs the variables it completes the task with
   * @param outputsKnown false when the declaration lists no {@code outputs}: then it may write anything
   */
  public record Topic(List<String> outputs, boolean outputsKnown) {
    public Topic {
      outputs = List.copyOf(outputs);
    }
  }

  public WorkerDeclarations {
    requireNonNull(file, "file");
    topics = Map.copyOf(topics);
    findings = List.copyOf(findings);
  }

  /** The worker repository declares nothing: topics are not checked, external tasks may write anything. */
  public static WorkerDeclarations none() {
    return new WorkerDeclarations("", false, Map.of(), List.of());
  }

  /**
   * Reads the declaration from a {@code package.json}. Never throws for bad content: a file that is not
   * JSON, or a declaration of the wrong shape, is a finding on {@code path}, and what cannot be read counts
   * as not declared.
   *
   * @param path the file's path, for findings ({@code workers/package.json})
   */
  public static WorkerDeclarations fromPackageJson(String path, byte[] packageJson) {
    requireNonNull(path, "path");
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(packageJson);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : Math.max(e.getLocation().getLineNr(), 0);
      int column = e.getLocation() == null ? 0 : Math.max(e.getLocation().getColumnNr(), 0);
      String reason = Optional.ofNullable(e.getOriginalMessage()).orElse("cannot be parsed").strip();
      return undeclared(path, new Finding(path, line, column, "", DECLARATION.id(), Severity.ERROR,
          "is not valid JSON, so its topic declaration cannot be read: " + reason,
          "fix the JSON at this position; npm cannot read it either"));
    } catch (IOException e) {
      return undeclared(path, problem(path, "cannot be read: " + e.getMessage()));
    }
    JsonNode topicsNode = root == null ? null : root.path("camunda").get("topics");
    if (topicsNode == null || topicsNode.isMissingNode()) {
      return new WorkerDeclarations(path, false, Map.of(), List.of());
    }
    if (!topicsNode.isObject()) {
      return undeclared(path, problem(path, "\"camunda.topics\" is not an object of topic → {outputs}"));
    }
    Map<String, Topic> topics = new LinkedHashMap<>();
    List<Finding> findings = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = topicsNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode outputs = entry.getValue().get("outputs");
      if (!entry.getValue().isObject() || outputs != null && !outputs.isArray()) {
        findings.add(problem(path, "topic '" + entry.getKey() + "' is not declared as {\"outputs\": [\"var\", …]};"
            + " what its worker writes is taken as unknown"));
        topics.put(entry.getKey(), new Topic(List.of(), false));
        continue;
      }
      if (outputs == null) {
        topics.put(entry.getKey(), new Topic(List.of(), false));
        continue;
      }
      List<String> names = new ArrayList<>();
      boolean allText = true;
      for (JsonNode output : outputs) {
        if (output.isTextual() && !output.asText().isBlank()) {
          names.add(output.asText());
        } else {
          allText = false;
        }
      }
      if (!allText) {
        findings.add(problem(path, "topic '" + entry.getKey() + "' has outputs that are not variable names;"
            + " what its worker writes is taken as unknown"));
      }
      topics.put(entry.getKey(), new Topic(names, allText));
    }
    return new WorkerDeclarations(path, true, topics, findings);
  }

  /** The declaration of a topic, when the repository declares it. */
  Optional<Topic> topic(String name) {
    return Optional.ofNullable(topics.get(name));
  }

  private static WorkerDeclarations undeclared(String path, Finding finding) {
    return new WorkerDeclarations(path, false, Map.of(), List.of(finding));
  }

  private static Finding problem(String path, String message) {
    return new Finding(path, 0, 0, "", DECLARATION.id(), Severity.ERROR, message, DECLARATION.fix());
  }
}
