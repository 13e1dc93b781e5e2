package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.ReleaseChecks.CAMUNDA;

import dev.prometheuspipeline.validate.ReleaseModels.FormFile;
import dev.prometheuspipeline.validate.ReleaseModels.FormVariables;
import dev.prometheuspipeline.validate.ReleaseModels.Shipped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.ConditionalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EscalationEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaConnector;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormData;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFormField;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * What each element of a process reads before it runs and writes when done, as the model shows it; and
 * whether it may write variables the model does not show ("anything", see {@link DataFlow}).
 */
final class ElementVariables {
  private final ReleaseModels models;
  private final WorkerDeclarations workers;

  ElementVariables(ReleaseModels models, WorkerDeclarations workers) {
    this.models = models;
    this.workers = workers;
  }

  /** A step per flow node and sequence flow of {@code process}, subprocesses' contents included, in document order. */
  Map<BaseElement, FlowStep> steps(Shipped file, Process process) {
    Map<BaseElement, FlowStep> steps = new LinkedHashMap<>();
    build(file, process, steps);
    return steps;
  }

  private void build(Shipped file, ModelElementInstance container, Map<BaseElement, FlowStep> steps) {
    for (FlowElement element : container.getChildElementsByType(FlowElement.class)) {
      if (element instanceof SequenceFlow flow) {
        FlowStep step = new FlowStep(flow);
        if (flow.getConditionExpression() != null) {
          step.reads.addAll(Expressions.juelNames(flow.getConditionExpression().getTextContent()));
        }
        step.writesAnything = !extensions(flow, CamundaExecutionListener.class).isEmpty();
        steps.put(flow, step);
      } else if (element instanceof FlowNode node) {
        steps.put(node, describe(file, node));
        if (node instanceof SubProcess) {
          build(file, node, steps);
        }
      }
    }
  }

  private FlowStep describe(Shipped file, FlowNode node) {
    FlowStep step = new FlowStep(node);
    for (String attribute : List.of("assignee", "candidateUsers", "candidateGroups", "dueDate", "followUpDate",
        "priority", "expression", "decisionRef")) {
      step.reads.addAll(Expressions.juelNames(node.getAttributeValueNs(CAMUNDA, attribute)));
    }
    step.reads.addAll(Expressions.juelNames(node.getAttributeValue("calledElement")));
    String expression = node.getAttributeValueNs(CAMUNDA, "expression");
    if (expression != null && expression.contains("execution")
        || node.getAttributeValueNs(CAMUNDA, "class") != null
        || node.getAttributeValueNs(CAMUNDA, "delegateExpression") != null
        || node instanceof ScriptTask
        || !extensions(node, CamundaConnector.class).isEmpty()
        || !extensions(node, CamundaExecutionListener.class).isEmpty()
        || !extensions(node, CamundaTaskListener.class).isEmpty()) {
      step.writesAnything = true;
    }
    addIfPresent(step.writes, node.getAttributeValueNs(CAMUNDA, "resultVariable"));
    inputOutput(node, step);
    loop(node, step);
    events(node, step);
    external(node, step);
    if (node instanceof CallActivity call) {
      callMappings(call, step);
    }
    if (node instanceof ReceiveTask) {
      step.writesAnything = true;
    }
    if (node instanceof UserTask) {
      Optional<FormVariables> form = form(file, node);
      if (form.isEmpty() && formFields(node).isEmpty()) {
        step.writesAnything = true;
      }
      form.ifPresent(variables -> {
        step.writes.addAll(variables.writes());
        step.reads.addAll(variables.reads());
      });
      step.writes.addAll(formFields(node));
    }
    return step;
  }

  private static void inputOutput(BaseElement node, FlowStep step) {
    for (CamundaInputOutput io : extensions(node, CamundaInputOutput.class)) {
      for (CamundaInputParameter input : io.getCamundaInputParameters()) {
        addIfPresent(step.local, input.getCamundaName());
        if (!(input.getValue() instanceof CamundaScript)) {
          step.reads.addAll(Expressions.juelNames(input.getTextContent()));
        } else {
          step.writesAnything = true;
        }
      }
      for (CamundaOutputParameter output : io.getCamundaOutputParameters()) {
        addIfPresent(step.writes, output.getCamundaName());
        // Evaluated after the element, against its local variables too: no read-before-write here.
        step.laterReads.addAll(Expressions.juelNames(output.getTextContent()));
      }
    }
  }

  private static void loop(FlowNode node, FlowStep step) {
    ModelElementInstance loop = node.getUniqueChildElementByType(MultiInstanceLoopCharacteristics.class);
    if (loop instanceof MultiInstanceLoopCharacteristics multi) {
      String collection = multi.getCamundaCollection();
      if (collection != null && !collection.isBlank()) {
        step.reads.addAll(Expressions.isExpression(collection) ? Expressions.juelNames(collection)
            : Set.of(collection.strip()));
      }
      addIfPresent(step.local, multi.getCamundaElementVariable());
      if (multi.getLoopCardinality() != null) {
        step.reads.addAll(Expressions.juelNames(multi.getLoopCardinality().getTextContent()));
      }
      if (multi.getCompletionCondition() != null) {
        step.laterReads.addAll(Expressions.juelNames(multi.getCompletionCondition().getTextContent()));
      }
    }
    if (node instanceof SubProcess) {
      // Its input parameters and element variable are visible to everything inside it.
      step.writes.addAll(step.local);
    }
  }

  private static void events(FlowNode node, FlowStep step) {
    Collection<EventDefinition> definitions = List.of();
    if (node instanceof CatchEvent catchEvent) {
      definitions = catchEvent.getEventDefinitions();
      for (EventDefinition definition : definitions) {
        if (definition instanceof MessageEventDefinition || definition instanceof SignalEventDefinition) {
          step.writesAnything = true; // Correlation and signals carry variables.
        }
      }
    }
    for (EventDefinition definition : definitions) {
      if (definition instanceof TimerEventDefinition timer) {
        if (timer.getTimeDate() != null) {
          step.reads.addAll(Expressions.juelNames(timer.getTimeDate().getTextContent()));
        }
        if (timer.getTimeDuration() != null) {
          step.reads.addAll(Expressions.juelNames(timer.getTimeDuration().getTextContent()));
        }
        if (timer.getTimeCycle() != null) {
          step.reads.addAll(Expressions.juelNames(timer.getTimeCycle().getTextContent()));
        }
      } else if (definition instanceof ConditionalEventDefinition conditional && conditional.getCondition() != null) {
        step.reads.addAll(Expressions.juelNames(conditional.getCondition().getTextContent()));
      } else if (definition instanceof ErrorEventDefinition) {
        addIfPresent(step.writes, definition.getAttributeValueNs(CAMUNDA, "errorCodeVariable"));
        addIfPresent(step.writes, definition.getAttributeValueNs(CAMUNDA, "errorMessageVariable"));
      } else if (definition instanceof EscalationEventDefinition) {
        addIfPresent(step.writes, definition.getAttributeValueNs(CAMUNDA, "escalationCodeVariable"));
      }
    }
    if (node instanceof IntermediateThrowEvent throwEvent) {
      for (EventDefinition definition : throwEvent.getEventDefinitions()) {
        if (definition.getAttributeValueNs(CAMUNDA, "class") != null
            || definition.getAttributeValueNs(CAMUNDA, "delegateExpression") != null) {
          step.writesAnything = true;
        }
      }
    }
  }

  /** An external task writes what its worker declares, or, undeclared, anything. */
  private void external(FlowNode node, FlowStep step) {
    List<BaseElement> holders = new ArrayList<>(List.of(node));
    holders.addAll(node.getChildElementsByType(MessageEventDefinition.class));
    for (BaseElement holder : holders) {
      if (!"external".equals(holder.getAttributeValueNs(CAMUNDA, "type"))) {
        continue;
      }
      Optional<WorkerDeclarations.Topic> topic = workers.declared()
          ? workers.topic(String.valueOf(holder.getAttributeValueNs(CAMUNDA, "topic")))
          : Optional.empty();
      if (topic.isPresent() && topic.get().outputsKnown()) {
        step.writes.addAll(topic.get().outputs());
      } else {
        step.writesAnything = true;
      }
    }
  }

  private static void callMappings(CallActivity call, FlowStep step) {
    for (CamundaIn in : extensions(call, CamundaIn.class)) {
      addIfPresent(step.reads, in.getCamundaSource());
      step.reads.addAll(Expressions.juelNames(in.getCamundaSourceExpression()));
      step.reads.addAll(Expressions.juelNames(in.getCamundaBusinessKey()));
    }
    for (CamundaOut out : extensions(call, CamundaOut.class)) {
      if ("all".equals(out.getCamundaVariables())) {
        step.writesAnything = true;
      }
      addIfPresent(step.writes, out.getCamundaTarget());
    }
  }

  /** The variables a task's or start event's Camunda Form or embedded form touches; empty when it has none we can read. */
  Optional<FormVariables> form(Shipped file, BaseElement holder) {
    String formRef = holder.getAttributeValueNs(CAMUNDA, "formRef");
    if (formRef != null && !formRef.isBlank()) {
      boolean sameDeployment = "deployment".equals(holder.getAttributeValueNs(CAMUNDA, "formRefBinding"));
      return models.formById(formRef, file.product())
          .filter(form -> !sameDeployment || form.shipped().product().equals(file.product()))
          .map(FormFile::variables);
    }
    return ReleaseChecks.formKeyResource(holder.getAttributeValueNs(CAMUNDA, "formKey"))
        .flatMap(resource -> models.formResource(file.product(), resource))
        .map(FormFile::variables);
  }

  static boolean hasFormReference(BaseElement holder) {
    return holder.getAttributeValueNs(CAMUNDA, "formRef") != null
        || holder.getAttributeValueNs(CAMUNDA, "formKey") != null;
  }

  static Set<String> formFields(BaseElement holder) {
    Set<String> fields = new LinkedHashSet<>();
    for (CamundaFormData data : extensions(holder, CamundaFormData.class)) {
      for (CamundaFormField field : data.getCamundaFormFields()) {
        addIfPresent(fields, field.getCamundaId());
      }
    }
    return fields;
  }

  static <T extends ModelElementInstance> List<T> extensions(BaseElement element, Class<T> type) {
    ExtensionElements extensions = element.getExtensionElements();
    return extensions == null ? List.of() : extensions.getElementsQuery().filterByType(type).list();
  }

  static void addIfPresent(Set<String> names, String name) {
    if (name != null && !name.isBlank()) {
      names.add(name.strip());
    }
  }
}
