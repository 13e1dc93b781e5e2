package targetengine;

/**
 * Small, valid Camunda 7.24 models for the deploy and verify tests (each process and decision carries
 * {@code camunda:historyTimeToLive}, which 7.24 requires by default). The label goes into a name, so two
 * labels give two versions of the same model.
 */
public final class Models {
  private Models() {}

  public static String bpmn(String processId, String label) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="Definitions_%1$s" targetNamespace="http://prometheuspipeline.dev/test">
          <bpmn:process id="%1$s" name="%2$s" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="StartEvent_Requested" name="Requested" />
            <bpmn:sequenceFlow id="Flow_ToReview" sourceRef="StartEvent_Requested" targetRef="Task_Review" />
            <bpmn:userTask id="Task_Review" name="Review" />
            <bpmn:sequenceFlow id="Flow_ToDone" sourceRef="Task_Review" targetRef="EndEvent_Done" />
            <bpmn:endEvent id="EndEvent_Done" name="Done" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(processId, label);
  }

  /** A process the engine refuses: its service task {@code Task_Review}, on line 8, names no implementation. */
  public static String bpmnWithServiceTaskWithoutImplementation(String processId) {
    return bpmn(processId, "Broken")
        .replace("<bpmn:userTask id=\"Task_Review\"", "<bpmn:serviceTask id=\"Task_Review\"");
  }

  /** Parses, but the engine makes no process definition from a non-executable process. */
  public static String nonExecutableBpmn(String processId) {
    return bpmn(processId, "Documentation only").replace("isExecutable=\"true\"", "isExecutable=\"false\"");
  }

  public static String dmn(String decisionId, String label) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
                     xmlns:camunda="http://camunda.org/schema/1.0/dmn"
                     id="Definitions_%1$s" name="%2$s" namespace="http://camunda.org/schema/1.0/dmn">
          <decision id="%1$s" name="%2$s" camunda:historyTimeToLive="P30D">
            <decisionTable id="DecisionTable_%1$s" hitPolicy="FIRST">
              <input id="Input_Amount" label="Amount">
                <inputExpression id="InputExpression_Amount" typeRef="integer">
                  <text>amount</text>
                </inputExpression>
              </input>
              <output id="Output_Approved" label="Approved" name="approved" typeRef="boolean" />
              <rule id="Rule_Small">
                <inputEntry id="InputEntry_Small"><text>&lt; 1000</text></inputEntry>
                <outputEntry id="OutputEntry_Small"><text>true</text></outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """.formatted(decisionId, label);
  }

  public static String form(String formId, String label) {
    return """
        {
          "id": "%1$s",
          "type": "default",
          "schemaVersion": 16,
          "components": [
            { "id": "Field_Approved", "key": "approved", "label": "%2$s", "type": "checkbox" }
          ]
        }
        """.formatted(formId, label);
  }

  public static String html(String label) {
    return """
        <form role="form">
          <label for="approved">%s</label>
          <input id="approved" type="checkbox" cam-variable-name="approved" cam-variable-type="Boolean" />
        </form>
        """.formatted(label);
  }
}
