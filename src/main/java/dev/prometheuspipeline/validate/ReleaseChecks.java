package dev.prometheuspipeline.validate;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.release.DeployedDefinitions;
import dev.prometheuspipeline.release.DeployedDefinitions.Kind;
import dev.prometheuspipeline.release.DeployedDefinitions.Presence;
import dev.prometheuspipeline.validate.ReleaseModels.BpmnFile;
import dev.prometheuspipeline.validate.ReleaseModels.Declaration;
import dev.prometheuspipeline.validate.ReleaseModels.DefinitionKind;
import dev.prometheuspipeline.validate.ReleaseModels.Shipped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The checks that need more than one file: references between models (called processes, decisions,
 * forms) resolve in the release or on the target, no deployment defines a key twice (nor holds two forms
 * without id, {@link IdlessForms}), the release's external-task topics are the ones the workers serve,
 * and each process's variables are written before they are read ({@link DataFlow}).
 */
final class ReleaseChecks {
  static final RuleInfo CALLED_ELEMENT = RuleInfo.lint("release-called-element-resolves", "release", Severity.ERROR,
      "Every called process is shipped in the release or deployed on the target",
      "A call activity whose calledElement names no deployed process deploys fine and fails at run time,"
          + " when a token reaches it, with an incident on the caller.",
      "Ship the called process in this release, deploy it first, or correct calledElement to its process id");
  static final RuleInfo DECISION_REF = RuleInfo.lint("release-decision-ref-resolves", "release", Severity.ERROR,
      "Every business rule task's decisionRef is shipped in the release or deployed on the target",
      "A decisionRef naming no deployed decision deploys fine and fails at run time with an incident.",
      "Ship the DMN with this decision id in the release, deploy it first, or correct camunda:decisionRef");
  static final RuleInfo FORM_REF = RuleInfo.lint("release-form-ref-resolves", "release", Severity.ERROR,
      "Every camunda:formRef names a Camunda Form shipped in the release or deployed on the target",
      "The Tasklist cannot show a task or start form whose formRef names no deployed form; the user is stuck.",
      "Ship the .form whose id is the formRef, or correct camunda:formRef to the form's id");
  static final RuleInfo FORM_KEY = RuleInfo.lint("release-form-key-resolves", "release", Severity.ERROR,
      "Every deployment: form key names a file of the same product deployment",
      "The engine resolves camunda-forms:deployment: and embedded:deployment: keys in the process's own"
          + " deployment, which is its product folder; a file elsewhere, or missing, leaves the Tasklist"
          + " with no form to show.",
      "Ship the form file in the same product folder as the process, or correct the file name in the form key");
  static final RuleInfo UNCHECKED = RuleInfo.lint("release-reference-unchecked", "release", Severity.WARNING,
      "References the release does not ship are checked against the target",
      "Without a target to ask, a reference to a definition outside the release may resolve or may fail at"
          + " run time; nobody can tell before deploying.",
      "Configure the target (pipeline.target.url) so the reference can be checked, or ship the definition in"
          + " this release");
  static final RuleInfo DUPLICATE = RuleInfo.engine("release-duplicate-definition-id", "release",
      "No two files of one deployment define the same process, decision, DRG or form id",
      "The engine refuses a deployment that holds two definitions with the same key (\"The deployment contains"
          + " definitions with the same key '…' (id attribute), this is not allowed\"), so the whole deployment"
          + " fails: a product folder, or the files at the root (the folder given to the validate command),"
          + " which deploy together.",
      "Give one of the definitions another id, or move one file to another product folder");
  static final RuleInfo TOPIC_DECLARED = RuleInfo.lint("release-topic-declared", "release", Severity.ERROR,
      "Every external-task topic of the release is served by a declared worker",
      "An external task on a topic no worker subscribes to waits forever: no incident, no error, a stuck"
          + " instance.",
      "Declare the topic in the worker repository's package.json (\"camunda\": {\"topics\": {…}}) and"
          + " implement it, or correct camunda:topic");
  static final RuleInfo TOPIC_UNUSED = RuleInfo.lint("release-topic-unused", "release", Severity.INFO,
      "Every declared worker topic is used by some external task of the release",
      "A declared topic no model uses is dead worker code, or a sign that a model's topic is misspelt.",
      "Remove the topic from the declaration (and its worker), or use it in a model");

  static final List<RuleInfo> RULES = Stream.concat(
          Stream.of(CALLED_ELEMENT, DECISION_REF, FORM_REF, FORM_KEY, UNCHECKED, DUPLICATE, TOPIC_DECLARED,
              TOPIC_UNUSED, WorkerDeclarations.DECLARATION),
          DataFlow.RULES.stream())
      .toList();

  static final String CAMUNDA = BpmnModelConstants.CAMUNDA_NS;

  private final ReleaseContext context;

  ReleaseChecks(ReleaseContext context) {
    this.context = requireNonNull(context, "context");
  }

  /** Every finding across the files; none of them throws for a bad model. */
  List<Finding> check(List<Shipped> files) {
    ReleaseModels models = ReleaseModels.of(files);
    List<Finding> findings = new ArrayList<>(context.workers().findings());
    findings.addAll(duplicates(models));
    findings.addAll(IdlessForms.check(models));
    for (BpmnFile file : models.bpmn()) {
      findings.addAll(references(models, file));
    }
    findings.addAll(topics(models));
    findings.addAll(new DataFlow(models, context.workers()).check());
    return findings;
  }

  private static List<Finding> duplicates(ReleaseModels models) {
    Map<String, List<Declaration>> byProductAndKey = new LinkedHashMap<>();
    for (Declaration declaration : models.declarations()) {
      // Files at the repository root deploy together too, as one deployment (the deployer's root deployment
      // name); so does the folder the validate command is given when it holds no product folders.
      byProductAndKey.computeIfAbsent(
          declaration.in().product() + "\n" + declaration.kind() + "\n" + declaration.key(), k -> new ArrayList<>())
          .add(declaration);
    }
    List<Finding> findings = new ArrayList<>();
    for (List<Declaration> same : byProductAndKey.values()) {
      Set<String> files = new LinkedHashSet<>();
      same.forEach(d -> files.add(d.in().file().path()));
      if (files.size() < 2) {
        continue; // Twice in one file: the engine's parse of that file already says so.
      }
      for (Declaration declaration : same) {
        List<String> others = files.stream().filter(f -> !f.equals(declaration.in().file().path())).toList();
        findings.add(declaration.in().file().finding(declaration.at(), declaration.elementId(), DUPLICATE.id(),
            Severity.ERROR,
            declaration.kind().noun + " '" + declaration.key() + "' is also defined in " + String.join(", ", others)
                + ", in the same " + deployment(declaration.in().product())
                + "; the engine refuses the whole deployment: " + engineRefusal(declaration.key()),
            DUPLICATE.fix()));
      }
    }
    return findings;
  }

  /** What the engine answers a deployment holding two definitions of one key. */
  static String engineRefusal(String key) {
    return "The deployment contains definitions with the same key '" + key + "' (id attribute), this is not allowed";
  }

  /** How findings name a deployment: a product folder's, or the one of the files outside product folders. */
  static String deployment(String product) {
    return product.isEmpty() ? "deployment" : "product deployment '" + product + "'";
  }

  private List<Finding> references(ReleaseModels models, BpmnFile file) {
    List<Finding> findings = new ArrayList<>();
    Shipped shipped = file.shipped();
    for (CallActivity call : file.model().getModelElementsByType(CallActivity.class)) {
      String called = call.getCalledElement();
      if (called != null && !called.isBlank() && !Expressions.isExpression(called)) {
        resolve(models, shipped, call, called, Kind.PROCESS, DefinitionKind.PROCESS,
            call.getCamundaCalledElementBinding(), CALLED_ELEMENT, "calledElement").ifPresent(findings::add);
      }
    }
    for (BusinessRuleTask task : file.model().getModelElementsByType(BusinessRuleTask.class)) {
      String decision = task.getCamundaDecisionRef();
      if (decision != null && !decision.isBlank() && !Expressions.isExpression(decision)) {
        resolve(models, shipped, task, decision, Kind.DECISION, DefinitionKind.DECISION,
            task.getCamundaDecisionRefBinding(), DECISION_REF, "camunda:decisionRef").ifPresent(findings::add);
      }
    }
    for (BaseElement holder : file.formHolders()) {
      String formRef = holder.getAttributeValueNs(CAMUNDA, "formRef");
      if (formRef != null && !formRef.isBlank() && !Expressions.isExpression(formRef)) {
        resolve(models, shipped, holder, formRef, Kind.FORM, DefinitionKind.FORM,
            holder.getAttributeValueNs(CAMUNDA, "formRefBinding"), FORM_REF, "camunda:formRef")
            .ifPresent(findings::add);
      }
      formKeyResource(holder.getAttributeValueNs(CAMUNDA, "formKey"))
          .filter(resource -> models.formResource(shipped.product(), resource).isEmpty())
          .ifPresent(resource -> findings.add(onElement(shipped, holder, FORM_KEY, Severity.ERROR,
              "form key '" + holder.getAttributeValueNs(CAMUNDA, "formKey") + "' names '" + resource
                  + "', which is not shipped in the same " + deployment(shipped.product())
                  + "; the engine looks for it in the process's own deployment",
              FORM_KEY.fix())));
    }
    return findings;
  }

  /** The resource a {@code deployment:} form key names, for keys the engine resolves in the deployment. */
  static Optional<String> formKeyResource(String formKey) {
    if (formKey == null || Expressions.isExpression(formKey)) {
      return Optional.empty();
    }
    for (String prefix : List.of("camunda-forms:deployment:", "embedded:deployment:")) {
      if (formKey.startsWith(prefix)) {
        String resource = formKey.substring(prefix.length()).strip();
        int slash = resource.lastIndexOf('/');
        return resource.isEmpty() ? Optional.empty() : Optional.of(slash >= 0 ? resource.substring(slash + 1) : resource);
      }
    }
    return Optional.empty();
  }

  private Optional<Finding> resolve(ReleaseModels models, Shipped file, BaseElement element, String key, Kind kind,
      DefinitionKind shippedKind, String binding, RuleInfo rule, String attribute) {
    if ("deployment".equals(binding)) {
      if (models.ships(shippedKind, key, Optional.of(file.product()))) {
        return Optional.empty();
      }
      return Optional.of(onElement(file, element, rule, Severity.ERROR,
          attribute + " '" + key + "' has binding 'deployment', but the " + deployment(file.product())
              + " ships no " + kind.noun() + " with that id",
          "ship the " + kind.noun() + " in the same product folder, or drop the 'deployment' binding"));
    }
    if (models.ships(shippedKind, key, Optional.empty())) {
      return Optional.empty();
    }
    DeployedDefinitions deployed = context.deployed();
    Presence presence = deployed.lookup(kind, key);
    if (presence == Presence.PRESENT) {
      return Optional.empty();
    }
    if (presence == Presence.ABSENT) {
      return Optional.of(onElement(file, element, rule, Severity.ERROR,
          attribute + " '" + key + "' names a " + kind.noun() + " that is neither in this release nor on "
              + deployed.describe(),
          rule.fix()));
    }
    return Optional.of(onElement(file, element, UNCHECKED, Severity.WARNING,
        attribute + " '" + key + "': could not check: not in this release and no target to ask ("
            + deployed.describe() + ")",
        UNCHECKED.fix()));
  }

  private List<Finding> topics(ReleaseModels models) {
    WorkerDeclarations workers = context.workers();
    if (!workers.declared()) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    for (BpmnFile file : models.bpmn()) {
      for (BaseElement element : externalTasks(file)) {
        String topic = element.getAttributeValueNs(CAMUNDA, "topic");
        if (topic == null || topic.isBlank()) {
          continue; // The engine's parse refuses an external task without a topic.
        }
        used.add(topic);
        if (workers.topic(topic).isEmpty()) {
          findings.add(onElement(file.shipped(), holderOf(element), TOPIC_DECLARED, Severity.ERROR,
              "external task topic '" + topic + "' is not declared by the worker repository (" + workers.file()
                  + " declares " + String.join(", ", workers.topics().keySet().stream().sorted().toList()) + ")",
              TOPIC_DECLARED.fix()));
        }
      }
    }
    workers.topics().keySet().stream().sorted().filter(topic -> !used.contains(topic)).forEach(topic ->
        findings.add(new Finding(workers.file(), 0, 0, "", TOPIC_UNUSED.id(), Severity.INFO,
            "declares topic '" + topic + "', which no external task of this release uses", TOPIC_UNUSED.fix())));
    return findings;
  }

  /** Elements with {@code camunda:type="external"}: tasks, and message event definitions of throw events. */
  static List<BaseElement> externalTasks(BpmnFile file) {
    List<BaseElement> external = new ArrayList<>();
    for (BaseElement element : file.model().getModelElementsByType(BaseElement.class)) {
      if ("external".equals(element.getAttributeValueNs(CAMUNDA, "type"))) {
        external.add(element);
      }
    }
    return external;
  }

  /** The flow element a finding belongs on: a message event definition's event, or the element itself. */
  private static BaseElement holderOf(BaseElement element) {
    if (element instanceof MessageEventDefinition) {
      ModelElementInstance parent = element.getParentElement();
      if (parent instanceof BaseElement event) {
        return event;
      }
    }
    return element;
  }

  static Finding onElement(Shipped file, BaseElement element, RuleInfo rule, Severity severity, String message,
      String fix) {
    String id = element.getId() == null ? "" : element.getId();
    return file.file().finding(file.locate(id), id, rule.id(), severity, message, fix);
  }
}
