package dev.prometheuspipeline.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What breaks callers of the models the target runs, read from real model versions. */
class BreakingChangesTest {
  private static final String V1 = "1".repeat(40);
  private static final String V2 = "2".repeat(40);

  private static String bpmn(String processes, String roots) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_1"
            targetNamespace="http://example.com/bpmn">
          %s
          %s
        </bpmn:definitions>
        """.formatted(roots, processes);
  }

  private static String process(String id) {
    return "<bpmn:process id=\"" + id + "\" name=\"" + id + "\" isExecutable=\"true\">"
        + "<bpmn:startEvent id=\"Start_" + id + "\" name=\"Start\" /></bpmn:process>";
  }

  private static List<String> breaking(ArtifactType type, String path, String before, String after) {
    FetchedArtifact old = Artifacts.fetched(type, path, V1, before);
    FetchedArtifact now = Artifacts.fetched(type, path, V2, after);
    return BreakingChanges.of(ModelChanges.between(List.of(old), List.of(now)));
  }

  @Test
  void aProcessKeyRemovedFromAFileBreaksWhateverStartsItByKey() {
    List<String> found = breaking(ArtifactType.BPMN, "Genesis/bpmn/pedido.bpmn",
        bpmn(process("pedido") + process("estorno"), ""), bpmn(process("pedido"), ""));

    assertThat(found).singleElement().asString()
        .startsWith("Genesis/bpmn/pedido.bpmn: process estorno").contains("removed", "by key fails");
  }

  @Test
  void aMessageRemovedOrRenamedBreaksItsSenders() {
    String before = bpmn(process("pedido"), "<bpmn:message id=\"Msg_Pago\" name=\"pagamento-recebido\" />"
        + "<bpmn:signal id=\"Sig_Cancel\" name=\"cancelar\" />");
    String renamed = bpmn(process("pedido"), "<bpmn:message id=\"Msg_Pago\" name=\"pagamento-confirmado\" />"
        + "<bpmn:signal id=\"Sig_Cancel\" name=\"cancelar\" />");
    String removed = bpmn(process("pedido"), "<bpmn:message id=\"Msg_Pago\" name=\"pagamento-recebido\" />");

    assertThat(breaking(ArtifactType.BPMN, "G/p.bpmn", before, renamed)).singleElement().asString()
        .contains("message Msg_Pago renamed", "pagamento-recebido", "pagamento-confirmado");
    assertThat(breaking(ArtifactType.BPMN, "G/p.bpmn", before, removed)).singleElement().asString()
        .contains("signal cancelar (Sig_Cancel) removed");
  }

  @Test
  void aFormWhoseIdChangedBreaksTheFormRefsToIt() {
    String form = "{\"type\": \"default\", \"id\": \"%s\", \"schemaVersion\": 16, \"components\": [{\"type\":"
        + " \"textfield\", \"id\": \"Field_1\", \"key\": \"customer\", \"label\": \"Customer\"}]}";
    List<String> found = breaking(ArtifactType.FORM, "Genesis/forms/pedido.form", form.formatted("orderRequest"),
        form.formatted("orderIntake"));

    assertThat(found).anySatisfy(line -> assertThat(line).contains("form id changed", "camunda:formRef"));
  }

  @Test
  void addingThingsOrLeavingAFileOutOfTheReleaseBreaksNothing() {
    FetchedArtifact old = Artifacts.fetched(ArtifactType.BPMN, "G/a.bpmn", V1, bpmn(process("a"), ""));
    FetchedArtifact grown = Artifacts.fetched(ArtifactType.BPMN, "G/a.bpmn", V2,
        bpmn(process("a") + process("b"), "<bpmn:message id=\"Msg_New\" name=\"novo\" />"));
    FetchedArtifact leftOut = Artifacts.fetched(ArtifactType.BPMN, "G/other.bpmn", V1, bpmn(process("other"), ""));

    assertThat(BreakingChanges.of(ModelChanges.between(List.of(old, leftOut), List.of(grown)))).isEmpty();
  }
}
