package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.validate.ReleaseModels.BpmnFile;
import dev.prometheuspipeline.validate.ReleaseModels.Shipped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;

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
  private final ElementVariables variables;
  private final ProcessInputs inputs;
  private final Set<String> reads = new LinkedHashSet<>();
  private final Map<String, Place> firstWrite = new LinkedHashMap<>();

  /** Where a variable is first written, for the never-read finding. */
  private record Place(Shipped file, BaseElement element) {}

  DataFlow(ReleaseModels models, WorkerDeclarations workers) {
    this.models = models;
    this.variables = new ElementVariables(models, workers);
    this.inputs = new ProcessInputs(models, variables);
  }

  List<Finding> check() {
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
    Map<BaseElement, FlowStep> steps = variables.steps(file, process);
    FlowGraph.connect(process, steps, inputs.declaredStart(file, process));
    List<Finding> findings = new ArrayList<>();
    for (FlowStep step : steps.values()) {
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
                  + String.join(" → ", FlowGraph.path(steps, step)),
              READ_BEFORE_WRITE.fix()));
        }
      }
    }
    return findings;
  }
}
