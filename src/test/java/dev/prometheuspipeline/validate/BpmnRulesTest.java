package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.prometheuspipeline.release.ArtifactType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the lint rules and the engine parse share a file: each problem said once, by the one that saw it. */
class BpmnRulesTest {
  private final Validator validator = new Validator(5_000_000);

  @Test
  void theEnginesExclusiveGatewayWarningIsReportedOnceUnderTheLintRule() {
    Report report = validator.validate(List.of(Corpus.file("bpmn/gateway-without-default.bpmn")));

    assertThat(report.findings())
        .extracting(Finding::rule, Finding::elementId, Finding::line)
        .containsExactly(tuple("bpmn-conditional-flows", "Gateway_Approved", 18));
  }

  @Test
  void aModelTheModelApiCannotReadGetsOnlyTheEnginesFindings() {
    Report report = validator.validate(List.of(Corpus.file("bpmn/several-errors.bpmn")));

    assertThat(report.findings()).extracting(Finding::rule).containsOnly("bpmn-engine-parse");
  }

  @Test
  void whatTheEngineRejectsIsReportedOnceInTheEnginesWords() {
    Report report = validator.validate(List.of(bpmn("two-processes.bpmn", """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Two" targetNamespace="http://prometheuspipeline.dev/rules">
          <bpmn:collaboration id="Collaboration_Two">
            <bpmn:participant id="Participant_Order" name="Order" processRef="order" />
            <bpmn:participant id="Participant_Billing" name="Billing" processRef="billing" />
          </bpmn:collaboration>
          <bpmn:process id="order" name="Order" isExecutable="true">
            <bpmn:startEvent id="StartEvent_Ordered" name="Order placed" />
          </bpmn:process>
          <bpmn:process id="billing" name="Billing" isExecutable="true">
            <bpmn:startEvent id="StartEvent_Billed" name="Invoice due" />
          </bpmn:process>
        </bpmn:definitions>
        """)));

    assertThat(report.errors())
        .extracting(Finding::rule, Finding::elementId, Finding::line)
        .containsExactly(
            tuple("bpmn-engine-parse", "order", 7),
            tuple("bpmn-engine-parse", "billing", 10));
  }

  @Test
  void whenTheEngineStopsAtTheFirstProblemTheRulesStillReportTheOthers() {
    // The bad expression aborts the engine's parse before it looks at the external task.
    Report report = validator.validate(List.of(Corpus.file("bpmn/engine-stops-early.bpmn")));

    assertThat(report.errors())
        .extracting(Finding::rule, Finding::elementId)
        .containsExactly(
            tuple("bpmn-engine-parse", ""),
            tuple("bpmn-juel-expression", "Task_Review"),
            tuple("bpmn-external-task-topic", "Task_Register"));
  }

  @Test
  void aJuelErrorNamesTheAttributeAndTheParsersMessage() {
    Report report = validator.validate(List.of(
        Corpus.fetched(ArtifactType.BPMN, "Genesis/bpmn/bad-assignee.bpmn",
            Corpus.read("rules/bpmn-juel-expression/invalid-assignee.bpmn"))));

    assertThat(report.findings()).filteredOn(f -> f.rule().equals("bpmn-juel-expression"))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.elementId()).isEqualTo("Task_Review");
          assertThat(f.message()).contains("camunda:assignee").contains("${owner.}").contains("syntax error");
        });
  }

  @Test
  void aTimerGivenByAnExpressionIsLeftToRunTime() {
    Report report = validator.validate(List.of(
        Corpus.fetched(ArtifactType.BPMN, "Genesis/bpmn/timer-expression.bpmn",
            Corpus.read("rules/bpmn-timer-value/valid-expression.bpmn"))));

    assertThat(report.findings()).isEmpty();
  }

  @Test
  void aFragmentWithoutDefinitionsDeploysNothingSoTheRulesReportNoErrorOnIt() {
    // bpmn-moddle's fixtures: the engine accepts these files and deploys no process from them.
    Report report = validator.validate(List.of(
        bpmn("timer.part.bpmn", """
            <timerEventDefinition xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definition_1">
              <timeCycle id="TimeCycle_1">1w</timeCycle>
            </timerEventDefinition>
            """),
        bpmn("signal.part.bpmn", """
            <signalEventDefinition xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" camunda:async="true"/>
            """)));

    assertThat(report.errors()).isEmpty();
  }

  @Test
  void aRuleErrorInsideAProcessThatIsNotExecutableIsAWarningSayingWhy() {
    // bpmn-js-properties-panel's test diagrams: the engine parses them and deploys no process.
    Report report = validator.validate(List.of(bpmn("sketch.bpmn", """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_1"
            targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="Process_1" isExecutable="false">
            <bpmn:startEvent id="StartEvent_1" />
            <bpmn:complexGateway id="ComplexGateway_1" />
          </bpmn:process>
        </bpmn:definitions>
        """)));

    assertThat(report.errors()).isEmpty();
    assertThat(report.findings()).filteredOn(f -> f.rule().equals("bpmn-no-complex-gateway")).singleElement()
        .satisfies(finding -> {
          assertThat(finding.severity()).isEqualTo(Severity.WARNING);
          assertThat(finding.message()).contains("'Process_1', which is not executable");
        });
  }

  @Test
  void unqualifiedElementsInsideAnExtensionDoNotBreakTheExpressionRule() {
    Report report = validator.validate(List.of(bpmn("no-prefix.bpmn", """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:foo="http://foo"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="Process" camunda:historyTimeToLive="P30D">
            <bpmn:extensionElements>
              <foo:config><Entry key="A" value="B" /><Nested><Entry key="A" value="B" /></Nested></foo:config>
            </bpmn:extensionElements>
          </bpmn:process>
        </bpmn:definitions>
        """)));

    assertThat(report.findings()).extracting(Finding::rule).doesNotContain(Validator.CHECK_FAILED);
  }

  private static dev.prometheuspipeline.release.FetchedArtifact bpmn(String name, String xml) {
    return Corpus.fetched(ArtifactType.BPMN, "Genesis/bpmn/" + name, xml.getBytes(StandardCharsets.UTF_8));
  }
}
