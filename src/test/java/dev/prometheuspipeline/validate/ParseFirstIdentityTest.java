package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.sandbox.ParseOnlyEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The parse-first engine check (BPMN parse, DMN transform) gives exactly the findings of deploying every
 * model to a sandbox engine
 * (same rules, messages, lines, columns, element ids), on the validate suite's own models and on Camunda
 * 7.24's public test models, as published and with {@code historyTimeToLive} added (so models refused only
 * for that are parsed to the end). {@code -Dcorpus=full} compares every public model; by default every
 * tenth.
 */
class ParseFirstIdentityTest {
  private static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
  private static final Path SUITE = Path.of("src/test/resources");
  private static final Path PUBLIC_MODELS = Path.of("target/engine-test-models");
  private static final Pattern PROCESS_TAG = Pattern.compile("<((?:[\\w.-]+:)?process)\\b([^>]*?)(/?)>");
  private static final Pattern DECISION_TAG = Pattern.compile("<((?:[\\w.-]+:)?decision)\\b([^>]*?)(/?)>");

  private final Validator deploying = new Validator(MAX_FILE_BYTES, EngineCheck.DEPLOY);
  private final Validator parsingFirst = new Validator(MAX_FILE_BYTES, EngineCheck.PARSE_FIRST);

  @Test
  void everyModelOfTheValidateSuiteGetsTheFindingsItsDeploymentGives() {
    List<Path> models = models(SUITE);
    assertThat(models).hasSizeGreaterThan(50);

    assertSameFindings(models, false);
  }

  @Test
  void everyPublicModelGetsTheFindingsItsDeploymentGives() {
    assumeTrue(Files.isDirectory(PUBLIC_MODELS.resolve("org/camunda/bpm/engine")),
        "the build did not unpack the engine's test models into " + PUBLIC_MODELS);
    List<Path> all = models(PUBLIC_MODELS);
    boolean full = "full".equals(System.getProperty("corpus", "sample").toLowerCase(Locale.ROOT));
    List<Path> chosen = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (full || i % 10 == 0) {
        chosen.add(all.get(i));
      }
    }
    assertThat(chosen).hasSizeGreaterThan(full ? 1500 : 150);

    assertSameFindings(chosen, false);
    assertSameFindings(chosen, true);
  }

  @Test
  void mostModelsThatParseCleanlyNeedNoSandboxDeployment() {
    byte[] plain = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <process id="p" isExecutable="true" camunda:historyTimeToLive="30">
            <startEvent id="start"/><sequenceFlow id="f" sourceRef="start" targetRef="end"/><endEvent id="end"/>
          </process>
        </definitions>""".getBytes(StandardCharsets.UTF_8);

    assertThat(ParseOnlyEngine.shared().parseBpmn("Genesis/p.bpmn", "p.bpmn", plain))
        .get().satisfies(attempt -> assertThat(attempt.succeeded()).isTrue());
  }

  @Test
  void aTimerStartEventIsLeftToADeploymentWhichComputesItsFirstDate() {
    byte[] timer = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <process id="p" isExecutable="true" camunda:historyTimeToLive="30">
            <startEvent id="start"><timerEventDefinition><timeCycle>not a cycle</timeCycle></timerEventDefinition></startEvent>
            <sequenceFlow id="f" sourceRef="start" targetRef="end"/><endEvent id="end"/>
          </process>
        </definitions>""".getBytes(StandardCharsets.UTF_8);

    assertThat(ParseOnlyEngine.shared().parseBpmn("Genesis/p.bpmn", "p.bpmn", timer)).isEmpty();
    assertThat(parsingFirst.validate(List.of(artifact("Genesis/p.bpmn", timer))).findings())
        .isEqualTo(deploying.validate(List.of(artifact("Genesis/p.bpmn", timer))).findings())
        .anySatisfy(finding -> assertThat(finding.rule()).isEqualTo(BpmnChecker.RULE));
  }

  private void assertSameFindings(List<Path> models, boolean withTimeToLive) {
    List<String> differing = new ArrayList<>();
    for (Path model : models) {
      byte[] bytes = read(model);
      if (withTimeToLive) {
        bytes = withTimeToLive(bytes, type(model));
      }
      FetchedArtifact artifact = artifact("Genesis/" + model.getFileName(), bytes);
      List<Finding> expected = deploying.validate(List.of(artifact)).findings();
      List<Finding> actual = parsingFirst.validate(List.of(artifact)).findings();
      if (!actual.equals(expected)) {
        differing.add(model + (withTimeToLive ? " (historyTimeToLive added)" : "") + "\n  deploy: " + expected
            + "\n  parse:  " + actual);
      }
    }
    assertThat(differing).as("models whose parse-first findings differ from their deployment's").isEmpty();
  }

  private static FetchedArtifact artifact(String path, byte[] bytes) {
    return Corpus.fetched(type(Path.of(path)), path, bytes);
  }

  private static ArtifactType type(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
      return ArtifactType.BPMN;
    }
    if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
      return ArtifactType.DMN;
    }
    return ArtifactType.FORM;
  }

  private static List<Path> models(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .filter(path -> {
            String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml") || name.endsWith(".dmn")
                || name.endsWith(".dmn11.xml");
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code camunda:historyTimeToLive="180"} on every process or decision start tag without one. */
  private static byte[] withTimeToLive(byte[] bytes, ArtifactType type) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    Matcher tag = (type == ArtifactType.BPMN ? PROCESS_TAG : DECISION_TAG).matcher(text);
    String namespace = type == ArtifactType.BPMN ? "http://camunda.org/schema/1.0/bpmn" : "http://camunda.org/schema/1.0/dmn";
    StringBuilder out = new StringBuilder();
    while (tag.find()) {
      String attributes = tag.group(2);
      String added = attributes.contains("historyTimeToLive")
          ? ""
          : " xmlns:camunda_ttl=\"" + namespace + "\" camunda_ttl:historyTimeToLive=\"180\"";
      tag.appendReplacement(out, Matcher.quoteReplacement("<" + tag.group(1) + attributes + added + tag.group(3) + ">"));
    }
    tag.appendTail(out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
