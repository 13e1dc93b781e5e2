package dev.prometheuspipeline.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A start that requires a variable the target's version did not: callers that start it as before fail. */
class RequiredStartVariablesTest {
  private static final String V1 = "1".repeat(40);
  private static final String V2 = "2".repeat(40);
  private static final String PATH = "Genesis/bpmn/pedido.bpmn";

  /** A process whose start event declares {@code fields} (id → required) as camunda:formData, or a form reference. */
  private static String bpmn(String processId, String startExtensions, String startAttributes) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="http://example.com/bpmn">
          <bpmn:process id="%s" name="Pedido" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="Start" name="Pedido recebido" %s>
              <bpmn:extensionElements>%s</bpmn:extensionElements>
            </bpmn:startEvent>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(processId, startAttributes, startExtensions);
  }

  private static String field(String id, boolean required) {
    return "<camunda:formField id=\"" + id + "\" label=\"" + id + "\" type=\"string\">"
        + (required ? "<camunda:validation><camunda:constraint name=\"required\" /></camunda:validation>" : "")
        + "</camunda:formField>";
  }

  private static String formData(String... fields) {
    return "<camunda:formData>" + String.join("", fields) + "</camunda:formData>";
  }

  private static FetchedArtifact model(String sha, String text) {
    return Artifacts.fetched(ArtifactType.BPMN, PATH, sha, text);
  }

  private static String form(String requiredKey) {
    return """
        {"id": "pedidoInicio", "type": "default", "components": [
          {"type": "textfield", "key": "cliente", "validate": {"required": true}},
          {"type": "group", "components": [{"type": "number", "key": "%s", "validate": {"required": true}}]},
          {"type": "textfield", "key": "observacao"}]}
        """.formatted(requiredKey);
  }

  @Test
  void aNewRequiredFormDataFieldBreaksTheStart() {
    List<String> found = RequiredStartVariables.added(
        List.of(model(V1, bpmn("pedido", formData(field("cliente", true)), ""))),
        List.of(model(V2, bpmn("pedido", formData(field("cliente", true), field("cpf", true), field("nota", false)), ""))));

    assertThat(found).containsExactly(PATH + ": process pedido now requires the start variable(s) cpf; callers that"
        + " start it as before fail");
  }

  @Test
  void aFieldThatBecomesRequiredBreaksTheStartToo() {
    List<String> found = RequiredStartVariables.added(
        List.of(model(V1, bpmn("pedido", formData(field("cpf", false)), ""))),
        List.of(model(V2, bpmn("pedido", formData(field("cpf", true)), ""))));

    assertThat(found).singleElement().asString().contains("requires the start variable(s) cpf");
  }

  @Test
  void aRequiredFieldRemovedOrKeptBreaksNothing() {
    assertThat(RequiredStartVariables.added(
        List.of(model(V1, bpmn("pedido", formData(field("cliente", true), field("cpf", true)), ""))),
        List.of(model(V2, bpmn("pedido", formData(field("cliente", true)), ""))))).isEmpty();
  }

  @Test
  void aNewRequiredFieldOfTheStartFormBreaksTheStart() {
    String formRef = "camunda:formRef=\"pedidoInicio\" camunda:formRefBinding=\"deployment\"";
    FetchedArtifact oldForm = Artifacts.fetched(ArtifactType.FORM, "Genesis/forms/inicio.form", V1, form("cliente"));
    FetchedArtifact newForm = Artifacts.fetched(ArtifactType.FORM, "Genesis/forms/inicio.form", V2, form("valor"));

    List<String> found = RequiredStartVariables.added(List.of(model(V1, bpmn("pedido", "", formRef)), oldForm),
        List.of(model(V2, bpmn("pedido", "", formRef)), newForm));

    assertThat(found).singleElement().asString().contains("process pedido now requires the start variable(s) valor;");
  }

  @Test
  void aNewProcessOrAFileOnlyOneReleaseHasBreaksNothing() {
    assertThat(RequiredStartVariables.added(List.of(model(V1, bpmn("pedido", "", ""))),
        List.of(model(V2, bpmn("pedido_novo", formData(field("cpf", true)), ""))))).isEmpty();
    assertThat(RequiredStartVariables.added(List.of(),
        List.of(model(V2, bpmn("pedido", formData(field("cpf", true)), ""))))).isEmpty();
  }

  @Test
  void breakingChangesBetweenTwoReleasesIncludeTheNewRequiredStartVariables() {
    List<String> found = BreakingChanges.between(List.of(model(V1, bpmn("pedido", "", ""))),
        List.of(model(V2, bpmn("pedido", formData(field("cpf", true)), ""))));

    assertThat(found).singleElement().asString().contains("requires the start variable(s) cpf");
  }
}
