package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.ReleaseChecks.CAMUNDA;

import dev.prometheuspipeline.validate.ReleaseModels.BpmnFile;
import dev.prometheuspipeline.validate.ReleaseModels.FormFile;
import dev.prometheuspipeline.validate.ReleaseModels.FormVariables;
import dev.prometheuspipeline.validate.ReleaseModels.Shipped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
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
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
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
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Process-variable data flow, per process, following the sequence flows (the idea of vPAV): a variable
 * read where no path from the start has written it, and a variable written that no model of the release
 * ever reads.
 *
 * <p>The analysis is a may-analysis: at each element, the variables some path to it may have written.
 * Anything that can set variables the models do not show ("anything") makes every later read pass: an
 * external task whose worker does not declare its outputs, a message or signal catch or a receive task
 * (correlation carries variables), a script, a Java delegate or an expression given {@code execution}, a
 * connector, a listener, a user task without a form (completed through the API with any variables), a
 * form that is not in the release, a call activity with {@code out variables="all"}, an event
 * subprocess or compensation handler. The start itself is "anything" unless the process declares its
 * inputs (see {@link #INPUTS_PROPERTY}), so the rule only speaks where the model says what comes in.
 */
final class DataFlow {
  /**
   * The process property ({@code camunda:properties} on the process) that lists the variables a process
   * is started with, comma-separated: {@code <camunda:property name="pipeline.inputs" value="order, amount"/>}.
   */
  static final String INPUTS_PROPERTY = "pipeline.inputs";

  static final RuleInfo READ_BEFORE_WRITE = RuleInfo.lint("release-variable-read-before-write", "release",
      Severity.WARNING,
      "Every variable is written on some path before it is read",
      "An expression reading a variable no path has set fails at run time (PropertyNotFoundException, an"
          + " incident) or, in a form, shows nothing. To stay free of false alarms the check only trusts what"
          + " the models say: the start is taken to bring any variable unless the process has a start form or"
          + " declares its inputs (process property pipeline.inputs, or call activities in the release mapping"
          + " explicit in-variables into it); after anything that can set variables the models do not show (an"
          + " undeclared worker, a message or signal, a receive task, a script, a delegate, a listener, a user"
          + " task without a form) it stops warning.",
      "Write the variable earlier on every path (a form field, an output mapping, a result variable, a"
          + " declared worker output), declare it as a process input (camunda:property pipeline.inputs on the"
          + " process), or correct the name");
  static final RuleInfo NEVER_READ = RuleInfo.lint("release-variable-never-read", "release", Severity.INFO,
      "Every variable a model writes is read by some model of the release",
      "A variable nothing reads is often a misspelt name (the reader expects another) or dead data. Only"
          + " INFO: workers, Java delegates, history and API clients read variables the models cannot show.",
      "Check the name against its readers, or stop writing it");

  static final List<RuleInfo> RULES = List.of(READ_BEFORE_WRITE, NEVER_READ);

  private final ReleaseModels models;
  private final WorkerDeclarations workers;
  private final Set<String> reads = new LinkedHashSet<>();
  private final Map<String, Place> firstWrite = new LinkedHashMap<>();
  private final Map<String, CallerInputs> callerInputs = new HashMap<>();

  /** Where a variable is first written, for the never-read finding. */
  private record Place(Shipped file, BaseElement element) {}

  /** What call activities of the release pass into a called process: named variables, or "all". */
  private static final class CallerInputs {
    final Set<String> names = new LinkedHashSet<>();
    boolean all;
  }

  /** What some path may have written: a set of names, or anything. */
  private record Written(boolean anything, Set<String> names) {
    static final Written ANYTHING = new Written(true, Set.of());

    boolean has(String name) {
      return anything || names.contains(name);
    }

    Written with(Collection<String> more, boolean orAnything) {
      if (anything || orAnything) {
        return ANYTHING;
      }
      Set<String> all = new LinkedHashSet<>(names);
      all.addAll(more);
      return new Written(false, all);
    }

    Written union(Written other) {
      return other == null ? this : with(other.names, other.anything);
    }
  }

  /** One element of the graph, with what it reads before it runs and writes when done. */
  private static final class Step {
    final BaseElement element;
    final Set<String> reads = new LinkedHashSet<>();
    final Set<String> local = new LinkedHashSet<>();
    final Set<String> writes = new LinkedHashSet<>();
    final Set<String> laterReads = new LinkedHashSet<>();
    final List<Step> next = new ArrayList<>();
    /** From sourceRef and targetRef: hand-written models often lack the incoming and outgoing children. */
    final List<Step> outgoing = new ArrayList<>();
    boolean hasIncoming;
    boolean writesAnything;
    Written start;
    Written in;

    Step(BaseElement element) {
      this.element = element;
    }

    String label() {
      String name = element.getAttributeValue("name");
      return name == null || name.isBlank() ? element.getId() : name.strip();
    }
  }

  DataFlow(ReleaseModels models, WorkerDeclarations workers) {
    this.models = models;
    this.workers = workers;
  }

  List<Finding> check() {
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
    List<Finding> findings = new ArrayList<>();
    for (BpmnFile file : models.bpmn()) {
      for (Process process : file.processes()) {
        findings.addAll(analyse(file.shipped(), process));
      }
    }
    reads.addAll(models.decisionReads());
    firstWrite.forEach((name, place) -> {
      if (!reads.contains(name)) {
        findings.add(ReleaseChecks.onElement(place.file(), place.element(), NEVER_READ, Severity.INFO,
            "writes variable '" + name + "', which no model of the release reads",
            NEVER_READ.fix()));
      }
    });
    return findings;
  }

  private List<Finding> analyse(Shipped file, Process process) {
    Map<BaseElement, Step> steps = new LinkedHashMap<>();
    build(file, process, steps);
    link(process, steps);
    roots(file, process, steps);
    propagate(steps);
    List<Finding> findings = new ArrayList<>();
    for (Step step : steps.values()) {
      reads.addAll(step.reads);
      reads.addAll(step.laterReads);
      step.writes.forEach(name -> firstWrite.putIfAbsent(name, new Place(file, step.element)));
      if (step.in == null) {
        continue; // Unreachable: no path to speak of.
      }
      for (String name : step.reads) {
        if (!step.in.has(name) && !step.local.contains(name)) {
          findings.add(ReleaseChecks.onElement(file, step.element, READ_BEFORE_WRITE, Severity.WARNING,
              "reads variable '" + name + "', which no path from the start writes before it: "
                  + String.join(" → ", path(steps, step)),
              READ_BEFORE_WRITE.fix()));
        }
      }
    }
    return findings;
  }

  // ---- building the graph ----

  private void build(Shipped file, ModelElementInstance container, Map<BaseElement, Step> steps) {
    for (FlowElement element : container.getChildElementsByType(FlowElement.class)) {
      if (element instanceof SequenceFlow flow) {
        Step step = new Step(flow);
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

  private Step describe(Shipped file, FlowNode node) {
    Step step = new Step(node);
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

  private static void inputOutput(BaseElement node, Step step) {
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

  private static void loop(FlowNode node, Step step) {
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

  private static void events(FlowNode node, Step step) {
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
  private void external(FlowNode node, Step step) {
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

  private static void callMappings(CallActivity call, Step step) {
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
  private Optional<FormVariables> form(Shipped file, BaseElement holder) {
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

  private static boolean hasFormReference(BaseElement holder) {
    return holder.getAttributeValueNs(CAMUNDA, "formRef") != null
        || holder.getAttributeValueNs(CAMUNDA, "formKey") != null;
  }

  private static Set<String> formFields(BaseElement holder) {
    Set<String> fields = new LinkedHashSet<>();
    for (CamundaFormData data : extensions(holder, CamundaFormData.class)) {
      for (CamundaFormField field : data.getCamundaFormFields()) {
        addIfPresent(fields, field.getCamundaId());
      }
    }
    return fields;
  }

  private static void link(ModelElementInstance process, Map<BaseElement, Step> steps) {
    for (Step step : steps.values()) {
      if (step.element instanceof SequenceFlow flow) {
        Optional.ofNullable(steps.get(flow.getSource())).ifPresent(source -> source.outgoing.add(step));
        Optional.ofNullable(steps.get(flow.getTarget())).ifPresent(target -> target.hasIncoming = true);
      }
    }
    Map<String, List<Step>> linkTargets = new HashMap<>();
    for (Step step : steps.values()) {
      if (step.element instanceof CatchEvent catchEvent) {
        for (LinkEventDefinition link : catchEvent.getChildElementsByType(LinkEventDefinition.class)) {
          linkTargets.computeIfAbsent(String.valueOf(link.getName()), k -> new ArrayList<>()).add(step);
        }
      }
    }
    for (Step step : steps.values()) {
      BaseElement element = step.element;
      if (element instanceof SequenceFlow flow) {
        Optional.ofNullable(steps.get(flow.getTarget())).ifPresent(step.next::add);
      } else if (element instanceof SubProcess sub && !sub.triggeredByEvent()) {
        List<Step> entries = entries(sub, steps);
        if (entries.isEmpty()) {
          outgoing(sub, steps).forEach(step.next::add);
        } else {
          step.next.addAll(entries);
          for (Step inner : inside(sub, steps)) {
            if (inner.element instanceof FlowNode innerNode && inner.outgoing.isEmpty()
                && !(inner.element instanceof SubProcess innerSub && innerSub.triggeredByEvent())) {
              outgoing(sub, steps).forEach(inner.next::add);
            }
          }
        }
      } else if (element instanceof FlowNode node) {
        outgoing(node, steps).forEach(step.next::add);
        if (node instanceof IntermediateThrowEvent throwEvent) {
          for (LinkEventDefinition link : throwEvent.getChildElementsByType(LinkEventDefinition.class)) {
            step.next.addAll(linkTargets.getOrDefault(String.valueOf(link.getName()), List.of()));
          }
        }
      }
    }
    for (Step step : steps.values()) {
      if (step.element instanceof BoundaryEvent boundary && boundary.getAttachedTo() != null) {
        Step attached = steps.get(boundary.getAttachedTo());
        if (attached != null) {
          attached.next.add(step);
          if (boundary.getAttachedTo() instanceof SubProcess sub) {
            // Interrupted anywhere inside: whatever was written inside may have been written.
            inside(sub, steps).forEach(inner -> inner.next.add(step));
          }
        }
      }
    }
  }

  private static List<Step> outgoing(FlowNode node, Map<BaseElement, Step> steps) {
    Step step = steps.get(node);
    return step == null ? List.of() : step.outgoing;
  }

  /** Where a subprocess starts: its start events, or its elements without incoming flows. */
  private static List<Step> entries(SubProcess sub, Map<BaseElement, Step> steps) {
    List<Step> entries = new ArrayList<>();
    for (FlowNode node : sub.getChildElementsByType(FlowNode.class)) {
      Step step = steps.get(node);
      if (step != null && isEntry(step)) {
        entries.add(step);
      }
    }
    return entries;
  }

  private static boolean isEntry(Step step) {
    if (!(step.element instanceof FlowNode node)) {
      return false;
    }
    return !step.hasIncoming && !(node instanceof BoundaryEvent)
        && !(node instanceof SubProcess sub && sub.triggeredByEvent())
        && !isCompensation(node) && !isLinkCatch(node);
  }

  private static boolean isCompensation(FlowNode node) {
    return "true".equals(node.getAttributeValue("isForCompensation"));
  }

  private static boolean isLinkCatch(FlowNode node) {
    return node instanceof CatchEvent catchEvent && !catchEvent.getChildElementsByType(LinkEventDefinition.class).isEmpty();
  }

  /** Every step nested in {@code sub}, at any depth. */
  private static List<Step> inside(SubProcess sub, Map<BaseElement, Step> steps) {
    List<Step> inner = new ArrayList<>();
    for (FlowElement element : sub.getChildElementsByType(FlowElement.class)) {
      Optional.ofNullable(steps.get(element)).ifPresent(inner::add);
      if (element instanceof SubProcess nested) {
        inner.addAll(inside(nested, steps));
      }
    }
    return inner;
  }

  // ---- where the flow starts, and what it brings ----

  private void roots(Shipped file, Process process, Map<BaseElement, Step> steps) {
    Written declared = declaredStart(file, process);
    for (FlowNode node : process.getChildElementsByType(FlowNode.class)) {
      Step step = steps.get(node);
      if (step == null || !isEntry(step)) {
        continue;
      }
      if (node instanceof StartEvent start && start.getEventDefinitions().isEmpty()) {
        step.start = declared;
      } else if (node instanceof StartEvent start
          && start.getEventDefinitions().stream().allMatch(d -> d instanceof TimerEventDefinition)) {
        step.start = declared.anything() ? Written.ANYTHING : new Written(false, Set.of());
      } else {
        step.start = Written.ANYTHING;
      }
    }
    for (Step step : steps.values()) {
      boolean eventSubprocessStart = step.element instanceof StartEvent
          && step.element.getParentElement() instanceof SubProcess sub && sub.triggeredByEvent();
      boolean compensation = step.element instanceof FlowNode node && isCompensation(node);
      if (eventSubprocessStart || compensation) {
        step.start = Written.ANYTHING;
      }
    }
  }

  /**
   * What a process is known to start with. Anything, unless the process says what comes in: its none
   * start event's form, the {@link #INPUTS_PROPERTY} property, or call activities of the release that map
   * named variables into it (one passing all its variables makes it anything again).
   */
  private Written declaredStart(Shipped file, Process process) {
    if (!extensions(process, CamundaExecutionListener.class).isEmpty()) {
      return Written.ANYTHING; // A listener on the process's start may set any variable.
    }
    Set<String> names = new LinkedHashSet<>();
    boolean declared = false;
    List<CamundaProperty> properties = extensions(process, CamundaProperties.class).stream()
        .flatMap(p -> p.getCamundaProperties().stream()).toList();
    for (CamundaProperty property : properties) {
      if (INPUTS_PROPERTY.equals(property.getCamundaName()) && property.getCamundaValue() != null) {
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
        Optional<FormVariables> form = form(file, start);
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

  private static void propagate(Map<BaseElement, Step> steps) {
    Deque<Step> work = new ArrayDeque<>();
    for (Step step : steps.values()) {
      if (step.start != null) {
        step.in = step.start;
        work.add(step);
      }
    }
    while (!work.isEmpty()) {
      Step step = work.poll();
      Written out = step.in.with(step.writes, step.writesAnything);
      for (Step next : step.next) {
        Written merged = out.union(next.in);
        if (!merged.equals(next.in)) {
          next.in = merged;
          work.add(next);
        }
      }
    }
  }

  /** The shortest path of element names from a start to {@code target}, sequence flows left out unless named. */
  private static List<String> path(Map<BaseElement, Step> steps, Step target) {
    Map<Step, Step> previous = new HashMap<>();
    Deque<Step> queue = new ArrayDeque<>();
    for (Step step : steps.values()) {
      if (step.start != null) {
        previous.put(step, step);
        queue.add(step);
      }
    }
    while (!queue.isEmpty() && !previous.containsKey(target)) {
      Step step = queue.poll();
      for (Step next : step.next) {
        if (!previous.containsKey(next)) {
          previous.put(next, step);
          queue.add(next);
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (Step step = target; step != null; ) {
      boolean unnamedFlow = step.element instanceof SequenceFlow && step.element.getAttributeValue("name") == null;
      if (!unnamedFlow || step == target) {
        names.add(0, step.label());
      }
      Step before = previous.get(step);
      step = before == step ? null : before;
    }
    return names;
  }

  private static <T extends ModelElementInstance> List<T> extensions(BaseElement element, Class<T> type) {
    ExtensionElements extensions = element.getExtensionElements();
    return extensions == null ? List.of() : extensions.getElementsQuery().filterByType(type).list();
  }

  private static void addIfPresent(Set<String> names, String name) {
    if (name != null && !name.isBlank()) {
      names.add(name.strip());
    }
  }
}
