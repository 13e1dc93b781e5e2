package dev.prometheuspipeline.smoke;

/** A small order process for the smoke tests: review (user task), ship (external task), wait for payment. */
final class SmokeModels {
  private SmokeModels() {}

  static String order(String processId, String topic, String message) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="Definitions_%1$s" targetNamespace="http://prometheuspipeline.dev/test">
          <bpmn:message id="Message_Paid" name="%3$s" />
          <bpmn:process id="%1$s" name="Order" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="StartEvent_Ordered" name="Ordered" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Ordered" targetRef="Task_Review" />
            <bpmn:userTask id="Task_Review" name="Review order" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Review" targetRef="Task_Ship" />
            <bpmn:serviceTask id="Task_Ship" name="Ship order" camunda:type="external" camunda:topic="%2$s" />
            <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Ship" targetRef="Event_Paid" />
            <bpmn:intermediateCatchEvent id="Event_Paid" name="Order paid">
              <bpmn:messageEventDefinition id="MessageEventDefinition_Paid" messageRef="Message_Paid" />
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="Flow_4" sourceRef="Event_Paid" targetRef="EndEvent_Done" />
            <bpmn:endEvent id="EndEvent_Done" name="Order done" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(processId, topic, message);
  }

  /** Start, then an external task on {@code topic}, then the end: a worker must serve it. */
  static String shipOnly(String processId, String topic) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="Definitions_%1$s" targetNamespace="http://prometheuspipeline.dev/test">
          <bpmn:process id="%1$s" name="Shipping" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="StartEvent_Ordered" name="Ordered" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Ordered" targetRef="Task_Ship" />
            <bpmn:serviceTask id="Task_Ship" name="Ship order" camunda:type="external" camunda:topic="%2$s" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Ship" targetRef="EndEvent_Done" />
            <bpmn:endEvent id="EndEvent_Done" name="Order done" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(processId, topic);
  }

  /** Start, then wait for {@code message}, then the end. */
  static String waitsForPayment(String processId, String message) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="Definitions_%1$s" targetNamespace="http://prometheuspipeline.dev/test">
          <bpmn:message id="Message_Paid" name="%2$s" />
          <bpmn:process id="%1$s" name="Payment" isExecutable="true" camunda:historyTimeToLive="P30D">
            <bpmn:startEvent id="StartEvent_Ordered" name="Ordered" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Ordered" targetRef="Event_Paid" />
            <bpmn:intermediateCatchEvent id="Event_Paid" name="Order paid">
              <bpmn:messageEventDefinition id="MessageEventDefinition_Paid" messageRef="Message_Paid" />
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Event_Paid" targetRef="EndEvent_Done" />
            <bpmn:endEvent id="EndEvent_Done" name="Order done" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(processId, message);
  }

  /** A smoke file that starts {@code processId} and expects it to complete, and nothing else. */
  static String startAndComplete(String processId) {
    return """
        { "testCases": [ { "name": "The order ships", "instructions": [
          { "type": "CREATE_PROCESS_INSTANCE", "processDefinitionSelector": { "processDefinitionId": "%1$s" } },
          { "type": "ASSERT_PROCESS_INSTANCE", "processInstanceSelector": { "processDefinitionId": "%1$s" },
            "state": "IS_COMPLETED" } ] } ] }
        """.formatted(processId);
  }
}
