package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.BpmnModel.describe;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/** What Camunda 7 itself needs from a process: executable, retention, topics, form bindings. */
final class CamundaRules implements BpmnRule {
  static final RuleInfo EXECUTABLE = RuleInfo.lint("bpmn-executable", "bpmn", Severity.WARNING,
      "A BPMN file has at least one executable process",
      "The engine deploys only processes marked isExecutable=\"true\"; a file without one deploys nothing"
          + " and the release silently ships no process.",
      "tick 'Executable' on the process in Camunda Modeler (isExecutable=\"true\"), or leave the file out of"
          + " the release");
  static final RuleInfo HISTORY_TIME_TO_LIVE = RuleInfo.engine("bpmn-history-time-to-live", "bpmn",
      "Every executable process sets a valid historyTimeToLive",
      "Camunda 7.24 refuses to deploy a process without camunda:historyTimeToLive (unless the engine has a"
          + " default), and any value but a whole number of days or P<n>D; without it history is never cleaned.",
      "set 'History cleanup / Time to live' on the process in Camunda Modeler: camunda:historyTimeToLive=\"180\""
          + " (days) or \"P180D\"");
  static final RuleInfo EXTERNAL_TOPIC = RuleInfo.engine("bpmn-external-task-topic", "bpmn",
      "An external task names its topic",
      "The engine refuses camunda:type=\"external\" without camunda:topic: no worker could ever fetch it.",
      "set camunda:topic (Modeler: Implementation = External, Topic) to the topic the worker subscribes to");
  static final RuleInfo FORM_REF_BINDING = RuleInfo.engine("bpmn-form-ref-binding", "bpmn",
      "A camunda:formRef has a valid binding",
      "The engine refuses a formRef without camunda:formRefBinding (deployment, latest or version), and"
          + " binding 'version' needs camunda:formRefVersion.",
      "set camunda:formRefBinding=\"deployment\" (the form deployed with the process), \"latest\", or"
          + " \"version\" with camunda:formRefVersion");
  static final RuleInfo FORM_KEY_AND_REF = RuleInfo.engine("bpmn-form-key-and-ref", "bpmn",
      "An element uses camunda:formKey or camunda:formRef, not both",
      "The engine refuses an element with both: it cannot tell which form to show.",
      "keep camunda:formRef (a Camunda Form) or camunda:formKey (an embedded or external form), not both");

  static final List<RuleInfo> RULES =
      List.of(EXECUTABLE, HISTORY_TIME_TO_LIVE, EXTERNAL_TOPIC, FORM_REF_BINDING, FORM_KEY_AND_REF);

  // What the engine's ParseUtil.parseHistoryTimeToLive accepts: days, plain or as an ISO P<n>D.
  private static final Pattern TIME_TO_LIVE = Pattern.compile("(?:P(\\d+)D|(\\d+))");
  private static final Set<String> BINDINGS = Set.of("deployment", "latest", "version");

  @Override
  public List<Finding> check(BpmnModel model) {
    List<Finding> findings = new ArrayList<>();
    List<Process> processes = List.copyOf(model.all(Process.class));
    if (!processes.isEmpty() && processes.stream().noneMatch(Process::isExecutable)) {
      findings.add(model.finding(EXECUTABLE, processes.get(0),
          processes.size() == 1
              ? "process is not executable, so this file deploys nothing"
              : "none of the " + processes.size() + " processes is executable, so this file deploys nothing"));
    }
    for (Process process : processes) {
      if (process.isExecutable()) {
        timeToLive(model, process, findings);
      }
    }
    for (ServiceTask task : model.all(ServiceTask.class)) {
      topic(model, task, task.getCamundaType(), task.getCamundaTopic(), findings);
    }
    for (SendTask task : model.all(SendTask.class)) {
      topic(model, task, task.getCamundaType(), task.getCamundaTopic(), findings);
    }
    for (BusinessRuleTask task : model.all(BusinessRuleTask.class)) {
      topic(model, task, task.getCamundaType(), task.getCamundaTopic(), findings);
    }
    for (MessageEventDefinition definition : model.all(MessageEventDefinition.class)) {
      topic(model, definition, definition.getCamundaType(), definition.getCamundaTopic(), findings);
    }
    for (UserTask task : model.all(UserTask.class)) {
      forms(model, task, task.getCamundaFormKey(), task.getCamundaFormRef(), task.getCamundaFormRefBinding(),
          task.getCamundaFormRefVersion(), findings);
    }
    for (StartEvent start : model.all(StartEvent.class)) {
      forms(model, start, start.getCamundaFormKey(), start.getCamundaFormRef(), start.getCamundaFormRefBinding(),
          start.getCamundaFormRefVersion(), findings);
    }
    return findings;
  }

  private static void timeToLive(BpmnModel model, Process process, List<Finding> findings) {
    String value = process.getCamundaHistoryTimeToLiveString();
    if (value == null || value.isEmpty()) {
      findings.add(model.finding(HISTORY_TIME_TO_LIVE, process,
          "executable process '" + process.getId() + "' has no camunda:historyTimeToLive; Camunda 7.24 refuses"
              + " to deploy it"));
      return;
    }
    var days = TIME_TO_LIVE.matcher(value);
    boolean valid = days.matches()
        && fitsAnInt(days.group(1) != null ? days.group(1) : days.group(2));
    if (!valid) {
      findings.add(model.finding(HISTORY_TIME_TO_LIVE, process,
          "camunda:historyTimeToLive=\"" + value + "\" of process '" + process.getId() + "' is not a number of"
              + " days (\"180\") or an ISO days duration (\"P180D\")"));
    }
  }

  private static boolean fitsAnInt(String digits) {
    // The engine reads the days with Integer.parseInt.
    return digits.length() <= 10 && Long.parseLong(digits) <= Integer.MAX_VALUE;
  }

  private static void topic(BpmnModel model, BaseElement element, String type, String topic, List<Finding> findings) {
    if ("external".equals(type) && (topic == null || topic.isBlank())) {
      findings.add(model.finding(EXTERNAL_TOPIC, element,
          describe(element) + " is an external task (camunda:type=\"external\") without camunda:topic"));
    }
  }

  private static void forms(BpmnModel model, ModelElementInstance element, String formKey, String formRef,
      String binding, String version, List<Finding> findings) {
    if (formKey != null && formRef != null) {
      findings.add(model.finding(FORM_KEY_AND_REF, element,
          describe(element) + " has both camunda:formKey=\"" + formKey + "\" and camunda:formRef=\"" + formRef + "\""));
    }
    if (formRef == null) {
      return;
    }
    if (binding == null || !BINDINGS.contains(binding)) {
      findings.add(model.finding(FORM_REF_BINDING, element,
          describe(element) + " has camunda:formRef=\"" + formRef + "\" with "
              + (binding == null ? "no camunda:formRefBinding" : "camunda:formRefBinding=\"" + binding + "\"")
              + "; the engine accepts deployment, latest or version"));
    } else if ("version".equals(binding) && (version == null || version.isBlank())) {
      findings.add(model.finding(FORM_REF_BINDING, element,
          describe(element) + " binds camunda:formRef=\"" + formRef + "\" by version but sets no"
              + " camunda:formRefVersion"));
    }
  }
}
