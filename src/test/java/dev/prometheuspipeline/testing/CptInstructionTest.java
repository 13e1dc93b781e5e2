package dev.prometheuspipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The instruction records are the runner's list: they match the schema type for type, field for field. */
class CptInstructionTest {
  @Test
  void readsEveryTypeTheSealedHierarchyPermitsAndNoOther() {
    Set<Class<?>> permitted = new HashSet<>();
    collectRecords(CptInstruction.class, permitted);

    assertThat(new HashSet<>(Instructions.TYPES.values())).isEqualTo(permitted);
  }

  @Test
  void namesEachRecordsFieldsAsTheSchemaNamesThoseOfItsType() throws IOException {
    JsonNode definitions = TestFiles.JSON.readTree(Models.read(TestFiles.SCHEMA)).get("definitions");
    Map<String, Set<String>> schemaFields = new java.util.TreeMap<>();
    definitions.fields().forEachRemaining(definition -> {
      JsonNode type = definition.getValue().at("/properties/type/const");
      if (type.isTextual()) {
        Set<String> fields = new TreeSet<>();
        definition.getValue().get("properties").fieldNames().forEachRemaining(fields::add);
        fields.remove("type");
        schemaFields.put(type.asText(), fields);
      }
    });
    Map<String, Set<String>> recordFields = new java.util.TreeMap<>();
    Instructions.TYPES.forEach((name, type) -> recordFields.put(name, new TreeSet<>(
        Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList())));

    assertThat(recordFields).isEqualTo(schemaFields);
  }

  @Test
  void givesAReasonExactlyForTheInstructionsWithNoCamunda7Meaning() {
    Instructions.TYPES.forEach((name, type) -> assertThat(Instructions.NOT_APPLICABLE.containsKey(name))
        .as(name).isEqualTo(CptInstruction.NotApplicable.class.isAssignableFrom(type)));
  }

  @Test
  void readsFieldsNotGivenAsEmpty() throws JsonProcessingException {
    CptInstruction.CreateProcessInstance start = (CptInstruction.CreateProcessInstance) read(
        "{\"type\":\"CREATE_PROCESS_INSTANCE\",\"processDefinitionSelector\":{\"processDefinitionId\":\"pedido\"}}");

    assertThat(start.businessKey()).isEmpty();
    assertThat(start.variables().isObject()).isTrue();
    assertThat(start.variables().size()).isZero();
    assertThat(start.startInstructions()).isEmpty();
    CptInstruction.AssertUserTask task = (CptInstruction.AssertUserTask) read(
        "{\"type\":\"ASSERT_USER_TASK\",\"userTaskSelector\":{\"elementId\":\"Task_A\"}}");
    assertThat(task.candidateGroups()).isEmpty();
    assertThat(task.priority()).isEmpty();
    assertThat(task.state()).isEmpty();
    CptInstruction.AssertProcessInstance instance = (CptInstruction.AssertProcessInstance) read(
        "{\"type\":\"ASSERT_PROCESS_INSTANCE\",\"processInstanceSelector\":{\"processDefinitionId\":\"p\"}}");
    assertThat(instance.hasActiveIncidents()).isEmpty();
    assertThat(instance.state()).isEmpty();
  }

  @Test
  void tellsAnExpectedNullOutputFromNoExpectedOutput() throws JsonProcessingException {
    CptInstruction.AssertDecision expectsNull = (CptInstruction.AssertDecision) read(
        "{\"type\":\"ASSERT_DECISION\",\"decisionSelector\":{\"decisionDefinitionId\":\"d\"},\"output\":null}");
    CptInstruction.AssertDecision expectsNothing = (CptInstruction.AssertDecision) read(
        "{\"type\":\"ASSERT_DECISION\",\"decisionSelector\":{\"decisionDefinitionId\":\"d\"}}");

    assertThat(expectsNull.output().isNull()).isTrue();
    assertThat(expectsNothing.output().isMissingNode()).isTrue();
  }

  @Test
  void readsExpectedVariablesNotGivenAsMissingSoThatMessagesSayNothing() throws JsonProcessingException {
    CptInstruction.AssertVariables names = (CptInstruction.AssertVariables) read(
        "{\"type\":\"ASSERT_VARIABLES\",\"processInstanceSelector\":{\"processDefinitionId\":\"p\"},"
            + "\"variableNames\":[\"a\"]}");

    assertThat(JsonValues.show(names.variables())).isEqualTo("nothing");
    assertThat(names.elementSelector()).isEmpty();
  }

  @Test
  void tellsAnEmptyCandidateGroupListFromNone() throws JsonProcessingException {
    CptInstruction.AssertUserTask none = (CptInstruction.AssertUserTask) read(
        "{\"type\":\"ASSERT_USER_TASK\",\"userTaskSelector\":{\"elementId\":\"Task_A\"},\"candidateGroups\":[]}");

    assertThat(none.candidateGroups()).isEqualTo(Optional.of(List.of()));
    assertThat(none.userTaskSelector().taskName()).isEmpty();
  }

  @Test
  void refusesAnUnknownType() {
    assertThatThrownBy(() -> read("{\"type\":\"TRIGGER_TIMER\"}")).isInstanceOf(JsonProcessingException.class);
  }

  private static CptInstruction read(String json) throws JsonProcessingException {
    return Instructions.read(TestFiles.JSON.readTree(json));
  }

  private static void collectRecords(Class<?> type, Set<Class<?>> records) {
    if (type.isRecord()) {
      records.add(type);
      return;
    }
    List<Class<?>> permitted = new ArrayList<>(Arrays.asList(type.getPermittedSubclasses()));
    permitted.forEach(subtype -> collectRecords(subtype, records));
  }
}
