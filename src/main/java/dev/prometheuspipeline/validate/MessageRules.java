package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.BpmnModel.describe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.Signal;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Messages and signals are correlated by name: whatever waits for one must name it, and a name must
 * mean one thing.
 */
final class MessageRules implements BpmnRule {
  static final RuleInfo MESSAGE_REF = RuleInfo.lint("bpmn-message-ref", "bpmn", Severity.WARNING,
      "What waits for a message refers to a named message",
      "Messages are correlated by name. The engine refuses a message catch event without messageRef, or"
          + " one whose message has no name (and stops parsing before other problems when an earlier one"
          + " aborts it); a receive task whose message has no name can never be correlated.",
      "select (or create) a global message with a name on the event or receive task; in Modeler: Message ->"
          + " Global message reference");
  static final RuleInfo MESSAGE_NAME_UNIQUE = RuleInfo.lint("bpmn-message-name-unique", "bpmn", Severity.WARNING,
      "Two messages do not share a name",
      "Correlation uses the name, not the id: two message definitions with one name are one message to the"
          + " engine, which is rarely what the two ids were meant to say.",
      "give each message its own name, or refer to one message from both places");
  static final RuleInfo SIGNAL_REF = RuleInfo.engine("bpmn-signal-ref", "bpmn",
      "A signal event refers to a named signal",
      "The engine refuses a signal event definition without signalRef and a signal without a name: signals"
          + " are broadcast by name.",
      "select (or create) a global signal with a name on the event; in Modeler: Signal -> Global signal"
          + " reference");
  static final RuleInfo SIGNAL_NAME_UNIQUE = RuleInfo.engine("bpmn-signal-name-unique", "bpmn",
      "Two signals do not share a name",
      "The engine refuses a file with two signal definitions of the same name.",
      "give each signal its own name, or refer to one signal from every event that means it");

  static final List<RuleInfo> RULES = List.of(MESSAGE_REF, MESSAGE_NAME_UNIQUE, SIGNAL_REF, SIGNAL_NAME_UNIQUE);

  @Override
  public List<Finding> check(BpmnModel model) {
    List<Finding> findings = new ArrayList<>();
    for (MessageEventDefinition definition : model.all(MessageEventDefinition.class)) {
      // A throwing message event sends through its implementation (camunda:type, class…); messageRef is optional.
      if (definition.getParentElement() instanceof CatchEvent waiting) {
        reference(model, waiting, definition, "messageRef", "message", MESSAGE_REF, findings);
      }
    }
    for (ReceiveTask task : model.all(ReceiveTask.class)) {
      // Without messageRef a receive task waits for an API signal, a pattern the engine supports on purpose.
      if (task.getAttributeValue("messageRef") != null) {
        reference(model, task, task, "messageRef", "message", MESSAGE_REF, findings);
      }
    }
    for (SignalEventDefinition definition : model.all(SignalEventDefinition.class)) {
      reference(model, definition.getParentElement(), definition, "signalRef", "signal", SIGNAL_REF, findings);
    }
    unique(model, List.copyOf(model.all(Message.class)), "message", MESSAGE_NAME_UNIQUE, findings);
    unique(model, List.copyOf(model.all(Signal.class)), "signal", SIGNAL_NAME_UNIQUE, findings);
    return findings;
  }

  private static void reference(BpmnModel model, ModelElementInstance owner, ModelElementInstance holder,
      String attribute, String kind, RuleInfo rule, List<Finding> findings) {
    String ref = holder.getAttributeValue(attribute);
    if (ref == null || ref.isBlank()) {
      findings.add(model.finding(rule, owner, describe(owner) + " has no " + attribute + ": it names no " + kind));
      return;
    }
    Optional<ModelElementInstance> target = Optional.ofNullable(model.instance().getModelElementById(ref));
    // A ref to a missing id is the engine's own error (it names the id); only the nameless target is ours.
    if (target.isPresent() && blank(target.get().getAttributeValue("name"))) {
      findings.add(model.finding(rule, owner,
          describe(owner) + " refers to " + kind + " '" + ref + "', which has no name to correlate by",
          "name " + kind + " '" + ref + "' (the name is what senders use)"));
    }
  }

  private static void unique(BpmnModel model, List<? extends BaseElement> elements, String kind, RuleInfo rule,
      List<Finding> findings) {
    Map<String, BaseElement> byName = new HashMap<>();
    for (BaseElement element : elements) {
      String name = element.getAttributeValue("name");
      if (blank(name)) {
        continue;
      }
      BaseElement first = byName.putIfAbsent(name, element);
      if (first != null) {
        findings.add(model.finding(rule, element,
            kind + " '" + element.getId() + "' has the name '" + name + "', as " + kind + " '" + first.getId()
                + "' does"));
      }
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
