package dev.prometheuspipeline.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompiledSchemasTest {
  private static boolean serves(String xml) {
    return CompiledSchemas.serve(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aDocumentWithoutHintsIsServed() {
    assertThat(serves("<definitions xmlns='http://www.omg.org/spec/BPMN/20100524/MODEL'/>")).isTrue();
  }

  @Test
  void hintsForTheSchemasOwnNamespacesAreServed() {
    assertThat(serves("<definitions xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'"
        + " xsi:schemaLocation=\"http://www.omg.org/spec/BPMN/20100524/MODEL BPMN20.xsd"
        + "  http://www.omg.org/spec/BPMN/20100524/DI http://example.com/BPMNDI.xsd\"/>")).isTrue();
  }

  @Test
  void aHintForAnotherNamespaceGoesTheParsersOwnWay() {
    assertThat(serves("<definitions xsi:schemaLocation='http://camunda.org/schema/1.0/bpmn camunda.xsd'/>")).isFalse();
    assertThat(serves("<definitions xsi:noNamespaceSchemaLocation='a.xsd'/>")).isFalse();
    assertThat(serves("<definitions xsi:schemaLocation='http://www.omg.org/spec/BPMN/20100524/MODEL'/>")).isFalse();
    assertThat(serves("<documentation>schemaLocation</documentation>")).isFalse();
  }

  /** {@link CompiledSchemas#bpmn} serves the model API with the engine's files: they must stay the same. */
  @ParameterizedTest
  @ValueSource(strings = {"BPMN20.xsd", "Semantic.xsd", "BPMNDI.xsd", "DC.xsd", "DI.xsd"})
  void theModelApiShipsTheEnginesBpmnSchema(String file) throws IOException {
    String engines = CompiledSchemas.BPMN_20_SCHEMA.replace("BPMN20.xsd", file);
    String models = BpmnModelConstants.BPMN_20_SCHEMA_LOCATION.replace("BPMN20.xsd", file);
    assertThat(withoutTrailingSpace(models)).as(models).isEqualTo(withoutTrailingSpace(engines));
    assertThat(withoutTrailingSpace(engines)).anyMatch(line -> line.contains("<xsd:schema"));
  }

  private static List<String> withoutTrailingSpace(String resource) throws IOException {
    try (InputStream in = CompiledSchemasTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::stripTrailing).toList();
    }
  }

  @Test
  void aDocumentWhoseHintsCannotBeSeenInItsBytesGoesTheParsersOwnWay() {
    assertThat(CompiledSchemas.serve("<definitions/>".getBytes(StandardCharsets.UTF_16))).isFalse();
  }
}
