package dev.prometheuspipeline.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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

  @Test
  void aDocumentWhoseHintsCannotBeSeenInItsBytesGoesTheParsersOwnWay() {
    assertThat(CompiledSchemas.serve("<definitions/>".getBytes(StandardCharsets.UTF_16))).isFalse();
  }
}
