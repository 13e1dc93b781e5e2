package dev.prometheuspipeline.deploy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static targetengine.Artifacts.fetched;
import static targetengine.Artifacts.uniqueProduct;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.release.DeployedDefinitions.Kind;
import dev.prometheuspipeline.release.DeployedDefinitions.Presence;
import dev.prometheuspipeline.validate.Finding;
import dev.prometheuspipeline.validate.ReleaseContext;
import dev.prometheuspipeline.validate.Report;
import dev.prometheuspipeline.validate.Severity;
import dev.prometheuspipeline.validate.Validator;
import dev.prometheuspipeline.validate.WorkerDeclarations;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import targetengine.Models;
import targetengine.TargetEngine;
import targetengine.TargetEngineTest;

@TargetEngineTest
class TargetDefinitionsTest {
  @LocalServerPort
  int port;

  private TargetEngineClient engine;
  private String product;

  @BeforeEach
  void eachTestDeploysAProductOfItsOwn() {
    engine = TargetEngine.client(TargetEngine.target(port));
    product = uniqueProduct("Genesis");
  }

  @Test
  void answersPresentForAProcessDecisionAndFormDeployedOnTheTarget() {
    deployOneOfEach();
    TargetDefinitions definitions = new TargetDefinitions(engine);

    assertThat(definitions.lookup(Kind.PROCESS, product + "_order")).isEqualTo(Presence.PRESENT);
    assertThat(definitions.lookup(Kind.DECISION, product + "_limits")).isEqualTo(Presence.PRESENT);
    assertThat(definitions.lookup(Kind.FORM, product + "_approve")).isEqualTo(Presence.PRESENT);
  }

  @Test
  void answersAbsentForKeysTheTargetDoesNotHold() {
    deployOneOfEach();
    TargetDefinitions definitions = new TargetDefinitions(engine);

    assertThat(definitions.lookup(Kind.PROCESS, product + "_missing")).isEqualTo(Presence.ABSENT);
    assertThat(definitions.lookup(Kind.DECISION, product + "_order")).isEqualTo(Presence.ABSENT);
    assertThat(definitions.lookup(Kind.FORM, product + "_missing")).isEqualTo(Presence.ABSENT);
  }

  @Test
  void answersUnknownNotAbsentWhenTheTargetCannotBeReached() {
    TargetDefinitions definitions = new TargetDefinitions(TargetEngine.client(TargetEngine.unreachable()));

    assertThat(definitions.lookup(Kind.PROCESS, "order")).isEqualTo(Presence.UNKNOWN);
    assertThat(definitions.lookup(Kind.FORM, "approve")).isEqualTo(Presence.UNKNOWN);
  }

  @Test
  void answersUnknownWhenTheTargetRefusesTheCredentials() {
    TargetDefinitions definitions = new TargetDefinitions(TargetEngine.client(
        TargetEngine.target(port, TargetEngine.LOCKABLE_USER, "not-the-password")));

    assertThat(definitions.lookup(Kind.DECISION, "limits")).isEqualTo(Presence.UNKNOWN);
  }

  @Test
  void theValidatorAcceptsACallToAProcessAnEarlierReleaseDeployedAndRejectsOneToNowhere() {
    deployOneOfEach();
    FetchedArtifact caller = fetched(ArtifactType.BPMN, product + "-caller/caller.bpmn", """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="Definitions_Caller" targetNamespace="http://prometheuspipeline.dev/test">
          <bpmn:process id="caller" name="Caller" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="StartEvent_Requested" name="Requested" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Requested" targetRef="CallActivity_Order" />
            <bpmn:callActivity id="CallActivity_Order" name="Order" calledElement="%1$s_order" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="CallActivity_Order" targetRef="CallActivity_Nowhere" />
            <bpmn:callActivity id="CallActivity_Nowhere" name="Nowhere" calledElement="%1$s_nowhere" />
            <bpmn:sequenceFlow id="Flow_3" sourceRef="CallActivity_Nowhere" targetRef="EndEvent_Done" />
            <bpmn:endEvent id="EndEvent_Done" name="Done" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(product));

    Report report = new Validator(5_000_000).validate(List.of(caller),
        new ReleaseContext(new TargetDefinitions(engine), WorkerDeclarations.none()));

    assertThat(report.errors()).singleElement().satisfies(finding -> {
      assertThat(finding.elementId()).isEqualTo("CallActivity_Nowhere");
      assertThat(finding.rule()).isEqualTo("release-called-element-resolves");
      assertThat(finding.severity()).isEqualTo(Severity.ERROR);
      assertThat(finding.line()).isEqualTo(10);
      assertThat(finding.message()).contains(TargetEngine.restUrl(port).toString());
    });
    assertThat(report.findings()).extracting(Finding::elementId).doesNotContain("CallActivity_Order");
  }

  private void deployOneOfEach() {
    engine.createDeployment(product, Deployer.SOURCE, List.of(
        new DeploymentResource("order.bpmn", Models.bpmn(product + "_order", "Order").getBytes(UTF_8)),
        new DeploymentResource("limits.dmn", Models.dmn(product + "_limits", "Limits").getBytes(UTF_8)),
        new DeploymentResource("approve.form", Models.form(product + "_approve", "Approve").getBytes(UTF_8))));
  }
}
