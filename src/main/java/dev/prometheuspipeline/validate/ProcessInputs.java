package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.ElementVariables.addIfPresent;
import static dev.prometheuspipeline.validate.ElementVariables.extensions;
import static dev.prometheuspipeline.validate.ElementVariables.formFields;
import static dev.prometheuspipeline.validate.ElementVariables.hasFormReference;

import dev.prometheuspipeline.validate.FlowStep.Written;
import dev.prometheuspipeline.validate.ReleaseModels.BpmnFile;
import dev.prometheuspipeline.validate.ReleaseModels.FormVariables;
import dev.prometheuspipeline.validate.ReleaseModels.Shipped;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * What a process of the release is known to start with: the variables its start form, its
 * {@value DataFlow#INPUTS_PROPERTY} property and the call activities of the release that call it bring in.
 */
final class ProcessInputs {
  private final ElementVariables variables;
  private final Map<String, CallerInputs> callerInputs = new HashMap<>();

  /** What call activities of the release pass into a called process: named variables, or "all". */
  private static final class CallerInputs {
    final Set<String> names = new LinkedHashSet<>();
    boolean all;
  }

  ProcessInputs(ReleaseModels models, ElementVariables variables) {
    this.variables = variables;
    for (BpmnFile file : models.bpmn()) {
      for (CallActivity call : file.model().getModelElementsByType(CallActivity.class)) {
        String called = call.getCalledElement();
        if (called == null || Expressions.isExpression(called)) {
          continue;
        }
        CallerInputs inputs = callerInputs.computeIfAbsent(called, k -> new CallerInputs());
        for (CamundaIn in : extensions(call, CamundaIn.class)) {
          if ("all".equals(in.getCamundaVariables())) {
            inputs.all = true;
          } else if (in.getCamundaTarget() != null) {
            inputs.names.add(in.getCamundaTarget());
          }
        }
      }
    }
  }

  /**
   * What a process is known to start with. Anything, unless the process says what comes in: its none
   * start event's form, the {@link DataFlow#INPUTS_PROPERTY} property, or call activities of the release that map
   * named variables into it (one passing all its variables makes it anything again).
   */
  Written declaredStart(Shipped file, Process process) {
    if (!extensions(process, CamundaExecutionListener.class).isEmpty()) {
      return Written.ANYTHING; // A listener on the process's start may set any variable.
    }
    Set<String> names = new LinkedHashSet<>();
    boolean declared = false;
    List<CamundaProperty> properties = extensions(process, CamundaProperties.class).stream()
        .flatMap(p -> p.getCamundaProperties().stream()).toList();
    for (CamundaProperty property : properties) {
      if (DataFlow.INPUTS_PROPERTY.equals(property.getCamundaName()) && property.getCamundaValue() != null) {
        declared = true;
        for (String name : property.getCamundaValue().split(",")) {
          addIfPresent(names, name.strip());
        }
      }
    }
    for (StartEvent start : process.getChildElementsByType(StartEvent.class)) {
      if (!start.getEventDefinitions().isEmpty()) {
        continue;
      }
      Set<String> fields = formFields(start);
      if (!fields.isEmpty()) {
        declared = true;
        names.addAll(fields);
      }
      if (hasFormReference(start)) {
        Optional<FormVariables> form = variables.form(file, start);
        if (form.isEmpty()) {
          return Written.ANYTHING; // A form we cannot see may submit anything.
        }
        declared = true;
        names.addAll(form.get().writes());
        // Fields that only show a value must come from the caller: they are inputs too.
        names.addAll(form.get().reads());
      }
    }
    CallerInputs callers = callerInputs.get(process.getId());
    if (callers != null) {
      if (callers.all) {
        return Written.ANYTHING;
      }
      declared = true;
      names.addAll(callers.names);
    }
    if (!declared) {
      return Written.ANYTHING;
    }
    return new Written(false, names);
  }
}
