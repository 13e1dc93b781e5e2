package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the model says each element reads and writes. */
class ElementVariablesTest {
  @Test
  void anOutputMappingWritesItsNameAndReadsItsExpressionOnlyAfterTheTask() {
    ProcessFixture fixture = ProcessFixture.of("""
        <serviceTask id="Task_Total" name="Total" camunda:expression="${amount + fee}">
          <extensionElements>
            <camunda:inputOutput>
              <camunda:outputParameter name="total">${amount * quantity}</camunda:outputParameter>
            </camunda:inputOutput>
          </extensionElements>
        </serviceTask>
        """);

    FlowStep task = fixture.step("Task_Total");
    assertThat(task.writes).containsExactly("total");
    assertThat(task.reads).containsExactlyInAnyOrder("amount", "fee");
    assertThat(task.laterReads).containsExactlyInAnyOrder("amount", "quantity");
    assertThat(task.writesAnything).isFalse();
  }

  @Test
  void aUserTaskWithoutAFormMayWriteAnything() {
    ProcessFixture fixture = ProcessFixture.of("""
        <userTask id="Task_Approve" name="Approve"/>
        """);

    assertThat(fixture.step("Task_Approve").writesAnything).isTrue();
  }

  @Test
  void aSequenceFlowReadsItsCondition() {
    ProcessFixture fixture = ProcessFixture.of("""
        <startEvent id="Start"/>
        <endEvent id="End"/>
        <sequenceFlow id="Flow_Yes" sourceRef="Start" targetRef="End">
          <conditionExpression>${approved}</conditionExpression>
        </sequenceFlow>
        """);

    assertThat(fixture.step("Flow_Yes").reads).containsExactly("approved");
  }
}
