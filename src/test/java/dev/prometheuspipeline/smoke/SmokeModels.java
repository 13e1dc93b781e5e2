package dev.prometheuspipeline.smoke;

/** Small order processes for the smoke tests, with the smoke file most of them need. */
final class SmokeModels {
  private SmokeModels() {}

  /** Review (user task), ship (external task on {@code topic}), wait for {@code message}. */
  static String order(String processId, String topic, String message) {
    return definitions(processId, message, """
            <bpmn:startEvent id="StartEvent_Ordered" name="Ordered" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Ordered" targetRef="Task_Review" />
            <bpmn:userTask id="Task_Review" name="Review order" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Review" targetRef="Task_Ship" />
            <bpmn:serviceTask id="Task_Ship" name="Ship order" camunda:type="external" camunda:topic="%s" />
            <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_Ship" targetRef="Event_Paid" />
        """.formatted(topic) + PAID_THEN_DONE);
  }

  /** Start, then an external task on {@code topic}, then the end: a worker must serve it. */
  static String shipOnly(String processId, String topic) {
    return definitions(processId, processId + "-unused", """
            <bpmn:startEvent id="StartEvent_Ordered" name="Ordered" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Ordered" targetRef="Task_Ship" />
            <bpmn:serviceTask id="Task_Ship" name="Ship order" camunda:type="external" camunda:topic="%s" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Ship" targetRef="EndEvent_Done" />
            <bpmn:endEvent id="EndEvent_Done" name="Order done" />
        """.formatted(topic));
  }

  /** Start, then wait for {@code message}, then the end. */
  static String waitsForPayment(String processId, String message) {
    return definitions(processId, message, """
            <bpmn:startEvent id="StartEvent_Ordered" name="Ordered" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_Ordered" targetRef="Event_Paid" />
        """ + PAID_THEN_DONE);
  }

  private static final String PAID_THEN_DONE = """
            <bpmn:intermediateCatchEvent id="Event_Paid" name="Order paid">
              <bpmn:messageEventDefinition id="MessageEventDefinition_Paid" messageRef="Message_Paid" />
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="Flow_Done" sourceRef="Event_Paid" targetRef="EndEvent_Done" />
            <bpmn:endEvent id="EndEvent_Done" name="Order done" />
      """;

  private static String definitions(String processId, String message, String flow) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="Definitions_%1$s" targetNamespace="http://prometheuspipeline.dev/test">
          <bpmn:message id="Message_Paid" name="%2$s" />
          <bpmn:process id="%1$s" name="Order" isExecutable="true" camunda:historyTimeToLive="P30D">
        %3$s  </bpmn:process>
        </bpmn:definitions>
        """.formatted(processId, message, flow);
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
