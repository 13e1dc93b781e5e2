package dev.prometheuspipeline.validate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.prometheuspipeline.release.Artifact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * The index of a release's models, across files: which processes, decisions and forms it ships, in which
 * product folder (one product folder is one deployment), and where each is declared. Built from the
 * files that passed the checks every file gets; a model the model API cannot read is left out (its own
 * checks already reported why).
 */
final class ReleaseModels {
  /** A file of the release that passed the pre-parse. */
  record Shipped(Artifact artifact, CheckedFile file) {
    Shipped {
      requireNonNull(artifact, "artifact");
      requireNonNull(file, "file");
    }

    String product() {
      return artifact.product();
    }

    /** The same file as if it lay outside any product folder, so it shares the one root deployment. */
    Shipped inRootDeployment() {
      return new Shipped(new Artifact(artifact.type(), artifact.file(), artifact.resourceName(), artifact.sha()), file);
    }

    Location locate(String elementId) {
      return file.locations().find(elementId).orElse(Location.UNKNOWN);
    }
  }

  /** What the engine keys definitions by; each kind's keys must be unique within one deployment. */
  enum DefinitionKind {
    PROCESS("process id"),
    DECISION("decision id"),
    DECISION_REQUIREMENTS("decision requirements (DRG) id"),
    FORM("form id");

    final String noun;

    DefinitionKind(String noun) {
      this.noun = noun;
    }
  }

  /** A definition the release ships: its key, and the file and element that declare it. */
  record Declaration(DefinitionKind kind, String key, Shipped in, String elementId, Location at) {}

  /** A BPMN file the model API could read. */
  record BpmnFile(Shipped shipped, BpmnModelInstance model) {
    Collection<Process> processes() {
      return model.getModelElementsByType(Process.class);
    }

    /** User tasks and start events: the elements that carry camunda:formRef and camunda:formKey. */
    List<BaseElement> formHolders() {
      List<BaseElement> holders = new ArrayList<>(model.getModelElementsByType(UserTask.class));
      holders.addAll(model.getModelElementsByType(StartEvent.class));
      return holders;
    }
  }

  /**
   * The variables a form touches: every field it submits (written on completion) and the fields that only
   * show a value (read-only or disabled: they read a variable that must already exist).
   */
  record FormVariables(Set<String> writes, Set<String> reads) {
    FormVariables {
      writes = Set.copyOf(writes);
      reads = Set.copyOf(reads);
    }
  }

  /** A Camunda Form or embedded HTML form of the release. */
  record FormFile(Shipped shipped, Optional<String> id, FormVariables variables) {}

  private final List<Declaration> declarations = new ArrayList<>();
  private final List<BpmnFile> bpmn = new ArrayList<>();
  private final List<FormFile> forms = new ArrayList<>();
  private final Set<String> decisionReads = new LinkedHashSet<>();

  private ReleaseModels() {}

  static ReleaseModels of(List<Shipped> files) {
    ReleaseModels models = new ReleaseModels();
    for (Shipped file : files) {
      switch (file.artifact().type()) {
        case BPMN -> models.readBpmn(file);
        case DMN -> models.readDmn(file);
        case FORM -> models.readForm(file);
        case HTML -> models.forms.add(new FormFile(file, Optional.empty(), htmlVariables(file.file().text())));
        default -> { }
      }
    }
    return models;
  }

  List<Declaration> declarations() {
    return List.copyOf(declarations);
  }

  List<FormFile> forms() {
    return List.copyOf(forms);
  }

  List<BpmnFile> bpmn() {
    return List.copyOf(bpmn);
  }

  /** Identifiers the release's decisions read in their input expressions: variables of the calling process. */
  Set<String> decisionReads() {
    return Set.copyOf(decisionReads);
  }

  /** Whether the release ships a definition of this kind and key, in any product, or in {@code product} only. */
  boolean ships(DefinitionKind kind, String key, Optional<String> product) {
    return declarations.stream().anyMatch(d -> d.kind() == kind && d.key().equals(key)
        && product.map(p -> p.equals(d.in().product())).orElse(true));
  }

  /** The form file named {@code resourceName} in {@code product}'s deployment. */
  Optional<FormFile> formResource(String product, String resourceName) {
    return forms.stream()
        .filter(f -> f.shipped().product().equals(product))
        .filter(f -> f.shipped().artifact().resourceName().equals(resourceName))
        .findFirst();
  }

  /** The Camunda Form with this id, preferring one in {@code product}. */
  Optional<FormFile> formById(String id, String product) {
    return forms.stream()
        .filter(f -> f.id().equals(Optional.of(id)))
        .min((a, b) -> Boolean.compare(!a.shipped().product().equals(product), !b.shipped().product().equals(product)));
  }

  private void readBpmn(Shipped file) {
    Optional<BpmnModelInstance> read = file.file().bpmn();
    if (read.isEmpty()) {
      return;
    }
    BpmnModelInstance model = read.get();
    bpmn.add(new BpmnFile(file, model));
    for (Process process : model.getModelElementsByType(Process.class)) {
      if (process.isExecutable() && process.getId() != null) {
        declare(DefinitionKind.PROCESS, process.getId(), file);
      }
    }
  }

  private void readDmn(Shipped file) {
    DmnModelInstance model;
    try {
      model = Dmn.readModelFromStream(new ByteArrayInputStream(file.file().bytes()));
    } catch (RuntimeException unreadable) {
      return;
    }
    Collection<Decision> decisions = model.getModelElementsByType(Decision.class);
    for (Decision decision : decisions) {
      if (decision.getId() != null) {
        declare(DefinitionKind.DECISION, decision.getId(), file);
      }
    }
    Definitions definitions = model.getDefinitions();
    // The engine makes a decision requirements definition only from a file with more than one decision.
    if (definitions != null && definitions.getId() != null && decisions.size() > 1) {
      declare(DefinitionKind.DECISION_REQUIREMENTS, definitions.getId(), file);
    }
    for (InputExpression input : model.getModelElementsByType(InputExpression.class)) {
      if (input.getText() != null && input.getText().getTextContent() != null) {
        decisionReads.addAll(Expressions.namesIn(input.getText().getTextContent()));
      }
    }
  }

  private void declare(DefinitionKind kind, String key, Shipped file) {
    declarations.add(new Declaration(kind, key, file, key, file.locate(key)));
  }

  private void readForm(Shipped file) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(file.file().text());
    } catch (IOException unreadable) {
      return;
    }
    if (root == null || !root.isObject()) {
      return;
    }
    Set<String> writes = new LinkedHashSet<>();
    Set<String> reads = new LinkedHashSet<>();
    collectFields(root, writes, reads);
    JsonNode id = root.get("id");
    Optional<String> formId = id != null && id.isTextual() && !id.asText().isBlank()
        ? Optional.of(id.asText()) : Optional.empty();
    forms.add(new FormFile(file, formId, new FormVariables(writes, reads)));
    // The id's own place: a form has no element ids, and "id" may come after the components.
    formId.ifPresent(key -> declarations.add(new Declaration(DefinitionKind.FORM, key, file, "", idLocation(file))));
  }

  private static void collectFields(JsonNode container, Set<String> writes, Set<String> reads) {
    JsonNode components = container.get("components");
    if (components == null || !components.isArray()) {
      return;
    }
    for (JsonNode component : components) {
      if (!component.isObject()) {
        continue;
      }
      JsonNode key = component.get("key");
      String type = component.path("type").asText("");
      if (key != null && key.isTextual() && !key.asText().isBlank() && !type.equals("button")) {
        String variable = rootName(key.asText());
        if (component.path("readonly").asBoolean(false) || component.path("disabled").asBoolean(false)) {
          reads.add(variable);
        } else {
          writes.add(variable);
        }
      }
      collectFields(component, writes, reads);
    }
  }

  /** A field key {@code order.amount} writes (and reads) the variable {@code order}. */
  private static String rootName(String key) {
    int dot = key.indexOf('.');
    return dot > 0 ? key.substring(0, dot) : key;
  }

  private static Location idLocation(Shipped file) {
    try (JsonParser parser = Json.MAPPER.createParser(file.file().text())) {
      int depth = 0;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          depth++;
        } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          depth--;
        } else if (token == JsonToken.FIELD_NAME && depth == 1 && "id".equals(parser.currentName())) {
          return new Location(parser.currentTokenLocation().getLineNr(), parser.currentTokenLocation().getColumnNr());
        }
      }
    } catch (IOException unreadable) {
      // Already a form-json finding of its own.
    }
    return Location.UNKNOWN;
  }

  /**
   * An embedded form's {@code cam-variable-name}s: each is written on submit; one on a read-only or
   * disabled input only shows a value, so it reads.
   */
  private static FormVariables htmlVariables(String html) {
    Set<String> writes = new LinkedHashSet<>();
    Set<String> reads = new LinkedHashSet<>();
    for (Element field : Jsoup.parseBodyFragment(html).select("[cam-variable-name]")) {
      String name = field.attr("cam-variable-name").strip();
      if (name.isEmpty()) {
        continue;
      }
      if (field.hasAttr("readonly") || field.hasAttr("disabled")) {
        reads.add(name);
      } else {
        writes.add(name);
      }
    }
    return new FormVariables(writes, reads);
  }
}
