package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.validate.FlowStep.Written;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The paths through a process, and what each path may have written on arrival. */
class FlowGraphTest {
  private static final String BRANCHES = """
      <startEvent id="Start" name="Requested"/>
      <exclusiveGateway id="Gateway_Split" name="Rush?"/>
      <serviceTask id="Task_Rush" name="Rush" camunda:expression="${true}" camunda:resultVariable="rushed"/>
      <exclusiveGateway id="Gateway_Join"/>
      <endEvent id="End" name="Done"/>
      <boundaryEvent id="Boundary_Late" name="Late" attachedToRef="Task_Rush">
        <timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition>
      </boundaryEvent>
      <sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Gateway_Split"/>
      <sequenceFlow id="Flow_Rush" name="yes" sourceRef="Gateway_Split" targetRef="Task_Rush"/>
      <sequenceFlow id="Flow_Normal" sourceRef="Gateway_Split" targetRef="Gateway_Join"/>
      <sequenceFlow id="Flow_2" sourceRef="Task_Rush" targetRef="Gateway_Join"/>
      <sequenceFlow id="Flow_3" sourceRef="Gateway_Join" targetRef="End"/>
      """;

  @Test
  void whatOneBranchWritesReachesTheJoinButNotTheOtherBranch() {
    ProcessFixture fixture = connected(BRANCHES);

    assertThat(fixture.step("Gateway_Join").in.has("rushed")).isTrue();
    assertThat(fixture.step("Flow_Normal").in.has("rushed")).isFalse();
    assertThat(fixture.step("Task_Rush").in).isEqualTo(new Written(false, Set.of("order")));
  }

  @Test
  void aBoundaryEventFollowsTheTaskItIsAttachedTo() {
    ProcessFixture fixture = connected(BRANCHES);

    assertThat(fixture.step("Task_Rush").next).contains(fixture.step("Boundary_Late"));
    assertThat(fixture.step("Boundary_Late").in).isNotNull();
  }

  @Test
  void thePathNamesTheElementsFromTheStartAndLeavesOutUnnamedFlows() {
    ProcessFixture fixture = connected(BRANCHES);

    assertThat(FlowGraph.path(fixture.steps, fixture.step("End")))
        .containsExactly("Requested", "Rush?", "Gateway_Join", "Done");
    assertThat(FlowGraph.path(fixture.steps, fixture.step("Flow_2")))
        .containsExactly("Requested", "Rush?", "yes", "Rush", "Flow_2");
  }

  @Test
  void anElementWithoutIncomingFlowsStartsTheFlowWithAnything() {
    ProcessFixture fixture = connected(BRANCHES + """
        <serviceTask id="Task_Orphan" name="Orphan" camunda:expression="${true}"/>
        <sequenceFlow id="Flow_Orphan" sourceRef="Task_Orphan" targetRef="End"/>
        """);

    assertThat(fixture.step("Task_Orphan").start).isEqualTo(Written.ANYTHING);
  }

  @Test
  void aLoopNoStartLeadsIntoIsUnreachable() {
    ProcessFixture fixture = connected(BRANCHES + """
        <serviceTask id="Task_A" camunda:expression="${true}"/>
        <serviceTask id="Task_B" camunda:expression="${true}"/>
        <sequenceFlow id="Flow_AB" sourceRef="Task_A" targetRef="Task_B"/>
        <sequenceFlow id="Flow_BA" sourceRef="Task_B" targetRef="Task_A"/>
        """);

    assertThat(fixture.step("Task_A").in).isNull();
    assertThat(fixture.step("Task_B").in).isNull();
  }

  private static ProcessFixture connected(String body) {
    ProcessFixture fixture = ProcessFixture.of(body);
    FlowGraph.connect(fixture.process, fixture.steps, new Written(false, Set.of("order")));
    return fixture;
  }
}
