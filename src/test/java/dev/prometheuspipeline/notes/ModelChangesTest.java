package dev.prometheuspipeline.notes;

import static dev.prometheuspipeline.notes.Artifacts.fetched;
import static dev.prometheuspipeline.notes.Artifacts.resource;
import static dev.prometheuspipeline.notes.Artifacts.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelChangesTest {
  private static final String ORDER = "Genesis/bpmn/order.bpmn";
  private static final String APPROVAL = "Genesis/dmn/approval.dmn";
  private static final String REQUEST = "Genesis/forms/request.form";

  @Test
  void listsTheUserTaskAddedToAProcess() {
    ArtifactChange change = orderV1ToV2();
    assertThat(change.kind()).isEqualTo(Kind.CHANGED);
    assertThat(element(change, "Task_ApproveOrder")).hasValueSatisfying(e -> {
      assertThat(e.kind()).isEqualTo(Kind.ADDED);
      assertThat(e.type()).isEqualTo("userTask");
      assertThat(e.name()).isEqualTo("Approve order");
      assertThat(e.scope()).isEqualTo("order");
    });
  }

  @Test
  void reportsARenamedTaskAsChangedWithItsOldAndNewName() {
    assertThat(element(orderV1ToV2(), "Task_ShipOrder")).hasValueSatisfying(e -> {
      assertThat(e.kind()).isEqualTo(Kind.CHANGED);
      assertThat(e.type()).isEqualTo("serviceTask");
      assertThat(e.name()).isEqualTo("Ship the order");
      assertThat(e.detail()).isEqualTo("name: \"Ship order\" → \"Ship the order\"");
    });
  }

  @Test
  void listsTheRemovedGatewayAndTheFlowsThatLeftWithIt() {
    ArtifactChange change = orderV1ToV2();
    assertThat(element(change, "Gateway_InStock")).hasValueSatisfying(e -> {
      assertThat(e.kind()).isEqualTo(Kind.REMOVED);
      assertThat(e.type()).isEqualTo("exclusiveGateway");
      assertThat(e.name()).isEqualTo("In stock?");
    });
    assertThat(element(change, "Flow_OutOfStock")).hasValueSatisfying(e -> {
      assertThat(e.kind()).isEqualTo(Kind.REMOVED);
      assertThat(e.detail()).isEqualTo("Gateway_InStock → EndEvent_OutOfStock");
    });
    assertThat(element(change, "Flow_ToApprove")).map(ElementChange::kind).contains(Kind.ADDED);
  }

  @Test
  void doesNotReportATaskWhoseOnlyDifferenceIsWhichFlowsReachIt() {
    assertThat(element(orderV1ToV2(), "Task_CheckStock")).isEmpty();
  }

  @Test
  void doesNotReportAnElementWhoseShapeOnlyMoved() {
    ArtifactChange change = orderV1ToV2();
    assertThat(element(change, "EndEvent_OrderShipped")).isEmpty();
    assertThat(element(change, "Flow_ToShipped")).isEmpty();
    assertThat(change.layoutOnly()).isFalse();
  }

  @Test
  void reportsAProcessFileOnlyReLaidOutAsLayoutOnly() {
    ArtifactChange change = single(
        fetched(ArtifactType.BPMN, ORDER, "a1", resource("order-v1.bpmn")),
        fetched(ArtifactType.BPMN, ORDER, "b2", resource("order-v1-relaid.bpmn")));
    assertThat(change.kind()).isEqualTo(Kind.CHANGED);
    assertThat(change.elements()).isEmpty();
    assertThat(change.notes()).containsExactly(ArtifactChange.LAYOUT_ONLY);
    assertThat(change.layoutOnly()).isTrue();
  }

  @Test
  void reportsAFileOnlyReformattedAsFormattingOnly() {
    String reformatted = new String(resource("order-v1.bpmn"), java.nio.charset.StandardCharsets.UTF_8)
        .replace("    <bpmn:", "\t<bpmn:").replace(" />", "/>");
    ArtifactChange change = single(
        fetched(ArtifactType.BPMN, ORDER, "a1", resource("order-v1.bpmn")),
        fetched(ArtifactType.BPMN, ORDER, "b2", reformatted));
    assertThat(change.notes()).containsExactly(ArtifactChange.FORMATTING_ONLY);
  }

  @Test
  void reportsProcessesAddedAndRemovedWithWhetherTheyAreExecutable() {
    ArtifactChange change = single(
        fetched(ArtifactType.BPMN, ORDER, "a1", process("billing", "Billing", true)),
        fetched(ArtifactType.BPMN, ORDER, "b2", process("invoicing", "Invoicing", false)));
    assertThat(change.elements()).containsExactly(
        new ElementChange(Kind.ADDED, "invoicing", "invoicing", "process", "Invoicing",
            "not executable, 1 flow elements"),
        new ElementChange(Kind.REMOVED, "billing", "billing", "process", "Billing", "executable, 1 flow elements"));
  }

  @Test
  void reportsAChangedCamundaExtensionOfATask() {
    String v1 = new String(resource("order-v1.bpmn"), java.nio.charset.StandardCharsets.UTF_8);
    String v2 = v1.replace("camunda:assignee=\"warehouse\"", "camunda:assignee=\"logistics\"");
    assertThat(element(single(fetched(ArtifactType.BPMN, ORDER, "a1", v1),
        fetched(ArtifactType.BPMN, ORDER, "b2", v2)), "Task_CheckStock"))
        .map(ElementChange::detail).contains("camunda:assignee: \"warehouse\" → \"logistics\"");
  }

  @Test
  void comparesTheContentsOfASubprocessAndReportsAMoveIntoIt() {
    String v1 = subprocess("<bpmn:userTask id=\"Task_Pack\" name=\"Pack\" />",
        "<bpmn:userTask id=\"Task_Label\" name=\"Label\" />");
    String v2 = subprocess("", "<bpmn:userTask id=\"Task_Label\" name=\"Print label\" />"
        + "<bpmn:userTask id=\"Task_Pack\" name=\"Pack\" /><bpmn:manualTask id=\"Task_Weigh\" name=\"Weigh\" />");
    ArtifactChange change = single(fetched(ArtifactType.BPMN, ORDER, "a1", v1), fetched(ArtifactType.BPMN, ORDER, "b2", v2));
    assertThat(change.elements()).containsExactly(
        new ElementChange(Kind.ADDED, "shipping", "Task_Weigh", "manualTask", "Weigh", ""),
        new ElementChange(Kind.CHANGED, "shipping", "Task_Label", "userTask", "Print label",
            "name: \"Label\" → \"Print label\""),
        new ElementChange(Kind.CHANGED, "shipping", "Task_Pack", "userTask", "Pack",
            "moved from the top level to SubProcess_Ship"));
  }

  @Test
  void reportsAnOutputAddedToADecisionTable() {
    String v1 = new String(resource("approval-v1.dmn"), java.nio.charset.StandardCharsets.UTF_8);
    String v2 = v1.replace("typeRef=\"boolean\" />", "typeRef=\"boolean\" />\n"
        + "      <output id=\"Output_Reason\" label=\"Reason\" name=\"reason\" typeRef=\"string\" />");
    assertThat(element(single(fetched(ArtifactType.DMN, APPROVAL, "a1", v1),
        fetched(ArtifactType.DMN, APPROVAL, "b2", v2)), "Output_Reason"))
        .contains(new ElementChange(Kind.ADDED, "orderApproval", "Output_Reason", "output", "Reason",
            "name \"reason\""));
  }

  @Test
  void reportsTheRuleAddedToADecisionTableWithItsCells() {
    assertThat(element(approvalV1ToV2(), "Rule_Vip")).hasValueSatisfying(e -> {
      assertThat(e.kind()).isEqualTo(Kind.ADDED);
      assertThat(e.scope()).isEqualTo("orderApproval");
      assertThat(e.name()).isEqualTo("VIP customers always pass");
      assertThat(e.detail()).isEqualTo("when Amount \">= 1000000\" then Approved \"true\"");
    });
  }

  @Test
  void reportsTheInputWhoseExpressionChanged() {
    assertThat(element(approvalV1ToV2(), "Input_Amount")).hasValueSatisfying(e -> {
      assertThat(e.kind()).isEqualTo(Kind.CHANGED);
      assertThat(e.type()).isEqualTo("input");
      assertThat(e.detail()).isEqualTo("inputExpression.text: \"amount\" → \"order.amount\"");
    });
  }

  @Test
  void reportsTheHitPolicyChangeAndLeavesUntouchedRulesOut() {
    ArtifactChange change = approvalV1ToV2();
    assertThat(element(change, "DecisionTable_OrderApproval")).map(ElementChange::detail)
        .contains("hitPolicy: \"UNIQUE\" → \"FIRST\"");
    assertThat(element(change, "Rule_Small")).isEmpty();
    assertThat(element(change, "Rule_Large")).isEmpty();
  }

  @Test
  void reportsAChangedRuleCellUnderItsColumnsLabel() {
    String v1 = new String(resource("approval-v1.dmn"), java.nio.charset.StandardCharsets.UTF_8);
    String v2 = v1.replace("&lt; 1000<", "&lt; 2000<");
    assertThat(element(single(fetched(ArtifactType.DMN, APPROVAL, "a1", v1),
        fetched(ArtifactType.DMN, APPROVAL, "b2", v2)), "Rule_Small"))
        .map(ElementChange::detail).contains("Amount: \"< 1000\" → \"< 2000\"");
  }

  @Test
  void reportsTheFormFieldAddedByItsKey() {
    assertThat(element(requestV1ToV2(), "deliveryDate")).hasValueSatisfying(e -> {
      assertThat(e.kind()).isEqualTo(Kind.ADDED);
      assertThat(e.type()).isEqualTo("datetime");
      assertThat(e.name()).isEqualTo("Delivery date");
      assertThat(e.scope()).isEqualTo("orderRequest");
    });
  }

  @Test
  void reportsARelabelledFormFieldAndIgnoresLayoutOrderAndExporter() {
    ArtifactChange change = requestV1ToV2();
    assertThat(element(change, "amount")).map(ElementChange::detail)
        .contains("label: \"Amount\" → \"Total amount\"");
    assertThat(element(change, "customer")).isEmpty();
    assertThat(element(change, "Field_Title")).isEmpty();
    assertThat(change.elements()).hasSize(2);
  }

  @Test
  void reportsAChangedFormId() {
    String v1 = new String(resource("request-v1.form"), java.nio.charset.StandardCharsets.UTF_8);
    String v2 = v1.replace("\"orderRequest\"", "\"orderIntake\"");
    assertThat(single(fetched(ArtifactType.FORM, REQUEST, "a1", v1), fetched(ArtifactType.FORM, REQUEST, "b2", v2))
        .elements()).containsExactly(new ElementChange(Kind.CHANGED, "orderIntake", "orderIntake", "form", "",
            "id: \"orderRequest\" → \"orderIntake\""));
  }

  @Test
  void reportsArtifactsAddedAndRemovedWithTheirCommitsAndDigests() {
    FetchedArtifact order = fetched(ArtifactType.BPMN, ORDER, "a1", resource("order-v1.bpmn"));
    FetchedArtifact approval = fetched(ArtifactType.DMN, APPROVAL, "b2", resource("approval-v1.dmn"));
    List<ArtifactChange> changes = ModelChanges.between(List.of(order), List.of(approval));
    assertThat(changes).extracting(ArtifactChange::path, ArtifactChange::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(APPROVAL, Kind.ADDED),
            org.assertj.core.groups.Tuple.tuple(ORDER, Kind.REMOVED));
    ArtifactChange added = changes.get(0);
    assertThat(added.previousSha()).isEmpty();
    assertThat(added.currentSha()).isEqualTo("b2");
    assertThat(added.currentDigest()).isEqualTo(approval.digest());
    assertThat(added.elements()).extracting(ElementChange::id, ElementChange::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("orderApproval", Kind.ADDED));
    ArtifactChange removed = changes.get(1);
    assertThat(removed.previousDigest()).isEqualTo(order.digest());
    assertThat(removed.currentDigest()).isEmpty();
    assertThat(removed.elements()).extracting(ElementChange::id).containsExactly("order");
  }

  @Test
  void reportsTheSameDigestAsUnchangedEvenAtANewCommit() {
    ArtifactChange change = single(fetched(ArtifactType.BPMN, ORDER, "a1", resource("order-v1.bpmn")),
        fetched(ArtifactType.BPMN, ORDER, "b2", resource("order-v1.bpmn")));
    assertThat(change.kind()).isEqualTo(Kind.UNCHANGED);
    assertThat(change.elements()).isEmpty();
    assertThat(change.notes()).containsExactly("same content at a new commit: a1 → b2");
  }

  @Test
  void reportsAWorkersNewCommitAndDigests() {
    ArtifactChange change = single(worker("workers/billing", "1111111", "aa".repeat(32)),
        worker("workers/billing", "2222222", "bb".repeat(32)));
    assertThat(change.kind()).isEqualTo(Kind.CHANGED);
    assertThat(change.previousSha()).isEqualTo("1111111");
    assertThat(change.currentSha()).isEqualTo("2222222");
    assertThat(change.notes()).containsExactly("commit 1111111 → 2222222",
        "content changed: SHA-256 " + "aa".repeat(32) + " → " + "bb".repeat(32));
  }

  @Test
  void reportsAChangedHtmlPageByItsDigests() {
    FetchedArtifact v1 = fetched(ArtifactType.HTML, "Genesis/html/help.html", "a1", "<p>Help</p>");
    FetchedArtifact v2 = fetched(ArtifactType.HTML, "Genesis/html/help.html", "b2", "<p>More help</p>");
    ArtifactChange change = single(v1, v2);
    assertThat(change.kind()).isEqualTo(Kind.CHANGED);
    assertThat(change.notes()).containsExactly("content changed: SHA-256 " + v1.digest() + " → " + v2.digest());
  }

  @Test
  void reportsAnUnparseableProcessAsNotComparedInsteadOfThrowing() {
    FetchedArtifact broken = fetched(ArtifactType.BPMN, ORDER, "b2", "<bpmn:definitions xmlns:bpmn=\"oops\"><unclosed>");
    ArtifactChange change = single(fetched(ArtifactType.BPMN, ORDER, "a1", resource("order-v1.bpmn")), broken);
    assertThat(change.kind()).isEqualTo(Kind.CHANGED);
    assertThat(change.elements()).isEmpty();
    assertThat(change.notCompared()).isTrue();
    assertThat(change.notes()).singleElement().asString()
        .startsWith("could not be compared: the current version (b2, SHA-256 " + broken.digest() + ") does not parse: ")
        .hasSizeGreaterThan(90);
  }

  @Test
  void reportsAFormThatIsNotJsonAsNotCompared() {
    ArtifactChange change = single(fetched(ArtifactType.FORM, REQUEST, "a1", "{ not json"),
        fetched(ArtifactType.FORM, REQUEST, "b2", resource("request-v1.form")));
    assertThat(change.notes()).singleElement().asString().startsWith("could not be compared: the previous version");
  }

  @Test
  void refusesAReleaseThatListsAPathTwice() {
    FetchedArtifact order = fetched(ArtifactType.BPMN, ORDER, "a1", resource("order-v1.bpmn"));
    assertThatThrownBy(() -> ModelChanges.between(List.of(), List.of(order, order)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ORDER);
  }

  private static ArtifactChange orderV1ToV2() {
    return single(fetched(ArtifactType.BPMN, ORDER, "a1", resource("order-v1.bpmn")),
        fetched(ArtifactType.BPMN, ORDER, "b2", resource("order-v2.bpmn")));
  }

  private static ArtifactChange approvalV1ToV2() {
    return single(fetched(ArtifactType.DMN, APPROVAL, "a1", resource("approval-v1.dmn")),
        fetched(ArtifactType.DMN, APPROVAL, "b2", resource("approval-v2.dmn")));
  }

  private static ArtifactChange requestV1ToV2() {
    return single(fetched(ArtifactType.FORM, REQUEST, "a1", resource("request-v1.form")),
        fetched(ArtifactType.FORM, REQUEST, "b2", resource("request-v2.form")));
  }

  private static ArtifactChange single(FetchedArtifact before, FetchedArtifact after) {
    List<ArtifactChange> changes = ModelChanges.between(List.of(before), List.of(after));
    assertThat(changes).hasSize(1);
    return changes.get(0);
  }

  private static Optional<ElementChange> element(ArtifactChange change, String id) {
    List<ElementChange> matches = change.elements().stream().filter(e -> e.id().equals(id)).toList();
    assertThat(matches).as("changes of " + id).hasSizeLessThanOrEqualTo(1);
    return matches.stream().findFirst();
  }

  /** A process with tasks at its top level and inside a subprocess, no diagram. */
  static String subprocess(String topLevel, String inside) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_1"
            targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="shipping" isExecutable="true">
            %s
            <bpmn:subProcess id="SubProcess_Ship" name="Ship">
              %s
            </bpmn:subProcess>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(topLevel, inside);
  }

  /** A process with one start event, no diagram. */
  static String process(String id, String name, boolean executable) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_1"
            targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="%s" name="%s" isExecutable="%s">
            <bpmn:startEvent id="StartEvent_1" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(id, name, executable);
  }

  /** Notes are written for refused releases too; what validation refused as hostile is never parsed here. */
  @Test
  void aModelThatDeclaresADoctypeIsNeverParsed() {
    String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>"
        + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\"><process id=\"p\" name=\"&lol2;\"/>"
        + "</definitions>";
    FetchedArtifact hostile = Artifacts.fetched(ArtifactType.BPMN, "Genesis/bpmn/laughs.bpmn", "b".repeat(40), laughs);

    ArtifactChange change = ModelChanges.between(List.of(), List.of(hostile)).get(0);

    assertThat(change.notes()).singleElement().asString().startsWith(ArtifactChange.NOT_COMPARED)
        .contains("declares a DOCTYPE");
    assertThat(change.elements()).isEmpty();
  }
}
