package dev.prometheuspipeline.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

class ParseOnlyEngineTest {
  private final ParseOnlyEngine engine = ParseOnlyEngine.shared();

  @Test
  void aModelThatParsesNeedsNoDeployment() {
    assertThat(engine.parseBpmn("Genesis/p.bpmn", "p.bpmn", process("camunda:historyTimeToLive=\"30\"", plainFlow())))
        .get().satisfies(attempt -> {
          assertThat(attempt.succeeded()).isTrue();
          assertThat(attempt.warnings()).isEmpty();
        });
  }

  @Test
  void aModelTheEngineRefusesComesBackWithTheEnginesParseException() {
    assertThat(engine.parseBpmn("Genesis/p.bpmn", "p.bpmn", process("", plainFlow())))
        .get().satisfies(attempt -> {
          assertThat(attempt.failure()).get().isInstanceOf(ParseException.class);
          assertThat(attempt.failure().get().getMessage()).contains("History Time To Live");
        });
  }

  @Test
  void warningsOfAModelThatParsesAreKeptWithTheirElement() {
    String gateway = """
        <startEvent id="start"/><sequenceFlow id="f0" sourceRef="start" targetRef="Gateway_1"/>
        <exclusiveGateway id="Gateway_1"/>
        <sequenceFlow id="f1" sourceRef="Gateway_1" targetRef="end1"><conditionExpression>${ok}</conditionExpression></sequenceFlow>
        <sequenceFlow id="f2" sourceRef="Gateway_1" targetRef="end2"/>
        <endEvent id="end1"/><endEvent id="end2"/>""";

    assertThat(engine.parseBpmn("Genesis/p.bpmn", "p.bpmn", process("camunda:historyTimeToLive=\"30\"", gateway)))
        .get().satisfies(attempt -> assertThat(attempt.warnings()).singleElement().satisfies(warnings -> {
          assertThat(warnings.resourceName()).isEqualTo("p.bpmn");
          assertThat(warnings.warnings()).singleElement()
              .satisfies(problem -> assertThat(problem.getMainElementId()).isEqualTo("Gateway_1"));
        }));
  }

  @Test
  void aParserReusedOnOneThreadCarriesNothingFromOneModelToTheNext() {
    byte[] good = process("camunda:historyTimeToLive=\"30\"", plainFlow());
    byte[] schemaInvalid = process("camunda:historyTimeToLive=\"30\"", "<startEvent id=\"start\"><bogus/></startEvent>");
    byte[] truncated = Arrays.copyOf(good, good.length / 2);

    // Past the point where the thread's parser is replaced, too.
    for (int i = 0; i < CompiledSchemas.PARSES_PER_PARSER + 2; i++) {
      byte[] bad = i % 2 == 0 ? schemaInvalid : truncated;
      assertThat(engine.parseBpmn("Genesis/p.bpmn", "p.bpmn", bad)).get()
          .satisfies(attempt -> assertThat(attempt.failure()).get().isInstanceOf(ProcessEngineException.class));
      assertThat(engine.parseBpmn("Genesis/p.bpmn", "p.bpmn", good)).get().satisfies(attempt -> {
        assertThat(attempt.succeeded()).isTrue();
        assertThat(attempt.warnings()).isEmpty();
      });
    }
  }

  @Test
  void aTimerStartEventIsLeftToADeploymentBecauseOnlyItComputesTheFirstDate() {
    String timer = """
        <startEvent id="start"><timerEventDefinition><timeCycle>R/PT1H</timeCycle></timerEventDefinition></startEvent>
        <sequenceFlow id="f" sourceRef="start" targetRef="end"/><endEvent id="end"/>""";

    assertThat(engine.parseBpmn("Genesis/p.bpmn", "p.bpmn", process("camunda:historyTimeToLive=\"30\"", timer))).isEmpty();
  }

  @Test
  void twoProcessesInOneFileAreLeftToADeploymentWhichComparesTheirKeys() {
    String two = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <process id="a" isExecutable="true" camunda:historyTimeToLive="30"><startEvent id="s1"/></process>
          <process id="b" isExecutable="true" camunda:historyTimeToLive="30"><startEvent id="s2"/></process>
        </definitions>""";

    assertThat(engine.parseBpmn("Genesis/p.bpmn", "p.bpmn", two.getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void aValueLongerThanItsTableColumnIsLeftToADeployment() {
    String longName = "camunda:historyTimeToLive=\"30\" name=\"" + "n".repeat(ParseOnlyEngine.NAME_COLUMN + 1) + "\"";
    String longTag = "camunda:historyTimeToLive=\"30\" camunda:versionTag=\"" + "1".repeat(ParseOnlyEngine.TAG_COLUMN + 1) + "\"";
    String longPath = "Genesis/" + "deep/".repeat(ParseOnlyEngine.NAME_COLUMN / 5) + "p.bpmn";

    assertThat(engine.parseBpmn("Genesis/p.bpmn", "p.bpmn", process(longName, plainFlow()))).isEmpty();
    assertThat(engine.parseBpmn("Genesis/p.bpmn", "p.bpmn", process(longTag, plainFlow()))).isEmpty();
    assertThat(engine.parseBpmn(longPath, "p.bpmn", process("camunda:historyTimeToLive=\"30\"", plainFlow()))).isEmpty();
  }

  @Test
  void aLongFileNameThatFitsItsColumnNeedsNoDeployment() {
    String name = "n".repeat(ParseOnlyEngine.NAME_COLUMN - "Genesis/.bpmn".length()) + ".bpmn";

    assertThat(engine.parseBpmn("Genesis/" + name, name, process("camunda:historyTimeToLive=\"30\"", plainFlow())))
        .isPresent();
  }

  @Test
  void aDecisionTheTransformAcceptsNeedsNoDeployment() throws IOException {
    assertThat(engine.transformDmn("Genesis/valid.dmn", "valid.dmn", resource("/validate/dmn/valid.dmn")))
        .get().satisfies(attempt -> assertThat(attempt.succeeded()).isTrue());
  }

  @Test
  void aDecisionWithoutHistoryTimeToLiveIsRefusedAsTheEngineRefusesIt() throws IOException {
    assertThat(engine.transformDmn("Genesis/missing-httl.dmn", "missing-httl.dmn", resource("/validate/dmn/missing-httl.dmn")))
        .get().satisfies(attempt -> assertThat(attempt.failure()).get()
            .satisfies(failure -> assertThat(failure.getMessage()).contains("missing-httl.dmn")));
  }

  private static String plainFlow() {
    return "<startEvent id=\"start\"/><sequenceFlow id=\"f\" sourceRef=\"start\" targetRef=\"end\"/><endEvent id=\"end\"/>";
  }

  private static byte[] process(String attributes, String body) {
    return ("""
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="t">
          <process id="p" isExecutable="true" %s>%s</process>
        </definitions>""".formatted(attributes, body)).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = ParseOnlyEngineTest.class.getResourceAsStream(path)) {
      return in.readAllBytes();
    }
  }
}
