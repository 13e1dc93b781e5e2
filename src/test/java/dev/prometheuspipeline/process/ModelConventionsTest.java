package dev.prometheuspipeline.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prometheuspipeline.release.BpmnErrors;
import dev.prometheuspipeline.release.Topics;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/** STYLE.md's rules for the models, checked on the files as they are committed. */
class ModelConventionsTest {
  private static final String ELEMENT_ID = "[A-Z][A-Za-z]*_[A-Z][A-Za-z0-9]*";
  private static final String BEAN_EXPRESSION = "\\$\\{[a-z][A-Za-z]*}";

  static Stream<Path> processFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      List<Path> bpmn = files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
      assertThat(bpmn).extracting(file -> file.getFileName().toString())
          .contains("release.bpmn", "validar.bpmn", "implantar.bpmn");
      return bpmn.stream();
    }
  }

  private static BpmnModelInstance read(Path file) {
    return Bpmn.readModelFromFile(file.toFile());
  }

  @ParameterizedTest
  @MethodSource("processFiles")
  void everyProcessIsExecutableWithHistoryTimeToLive(Path file) {
    for (Process process : read(file).getModelElementsByType(Process.class)) {
      assertThat(process.isExecutable()).as("%s (%s) isExecutable", file, process.getId()).isTrue();
      assertThat(process.getCamundaHistoryTimeToLiveString()).as("%s (%s) historyTimeToLive", file, process.getId())
          .isEqualTo("P180D");
      assertThat(process.getId()).as("%s: process id is camelCase", file).matches("[a-z][A-Za-z]*");
    }
  }

  @ParameterizedTest
  @MethodSource("processFiles")
  void everyFlowNodeHasANameAndATypedId(Path file) {
    for (FlowNode node : read(file).getModelElementsByType(FlowNode.class)) {
      assertThat(node.getName()).as("%s (%s): name it in plain words", file, node.getId()).isNotBlank();
      assertThat(node.getId()).as("%s (%s): ids are Type_Meaning", file, node.getId()).matches(ELEMENT_ID);
    }
  }

  @ParameterizedTest
  @MethodSource("processFiles")
  void everyFlowOutOfAGatewayHasAName(Path file) {
    for (SequenceFlow flow : read(file).getModelElementsByType(SequenceFlow.class)) {
      assertThat(flow.getId()).as("%s (%s): flow ids are Flow_Meaning", file, flow.getId()).matches("Flow_[A-Z]\\w*");
      if (flow.getSource() instanceof Gateway) {
        assertThat(flow.getName()).as("%s (%s): flows out of a gateway say which answer they are", file, flow.getId())
            .isNotBlank();
        assertThat(flow.getConditionExpression()).as("%s (%s): condition", file, flow.getId()).isNotNull();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("processFiles")
  void everyShapeAndEdgeHasDiagramInterchange(Path file) {
    BpmnModelInstance model = read(file);
    Stream.concat(model.getModelElementsByType(FlowNode.class).stream(),
            model.getModelElementsByType(SequenceFlow.class).stream())
        .forEach(element -> assertThat(((BaseElement) element).getDiagramElement())
            .as("%s (%s): no shape or edge in the diagram; lay it out in Modeler", file, element.getId())
            .isNotNull());
  }

  @ParameterizedTest
  @MethodSource("processFiles")
  void externalTasksUseTheSharedTopicsAndErrorsTheSharedCodes(Path file) {
    BpmnModelInstance model = read(file);
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      if ("external".equals(task.getCamundaType())) {
        assertThat(task.getCamundaTopic()).as("%s (%s) topic", file, task.getId()).isIn(constants(Topics.class));
      } else {
        assertThat(task.getCamundaDelegateExpression()).as("%s (%s): a service task is external or a bean", file,
            task.getId()).matches(BEAN_EXPRESSION);
      }
    }
    for (Error error : model.getModelElementsByType(Error.class)) {
      assertThat(error.getErrorCode()).as("%s (%s) error code", file, error.getId()).isIn(constants(BpmnErrors.class));
      assertThat(error.getId()).as("%s: error ids are Error_Meaning", file).matches("Error_[A-Z]\\w*");
    }
  }

  static Stream<Path> modelFiles() throws IOException {
    try (Stream<Path> processes = Files.list(Path.of("processes")); Stream<Path> decisions = Files.list(Path.of("dmn"))) {
      return Stream.concat(processes, decisions).filter(file -> file.toString().matches(".*\\.(bpmn|dmn)")).sorted()
          .toList().stream();
    }
  }

  /** A class name in a model binds every instance started on it to that name: a package rename breaks them. */
  @ParameterizedTest
  @MethodSource("modelFiles")
  void bindsCodeByBeanNeverByClassName(Path file) throws Exception {
    NodeList elements = document(file).getElementsByTagNameNS("*", "*");
    List<String> classBindings = new ArrayList<>();
    for (int i = 0; i < elements.getLength(); i++) {
      Element element = (Element) elements.item(i);
      NamedNodeMap attributes = element.getAttributes();
      for (int j = 0; j < attributes.getLength(); j++) {
        Attr attribute = (Attr) attributes.item(j);
        String namespace = attribute.getNamespaceURI() != null ? attribute.getNamespaceURI() : element.getNamespaceURI();
        if ("class".equals(attribute.getLocalName()) && isCamunda(namespace)) {
          classBindings.add(element.getTagName() + " " + attribute.getName() + "=\"" + attribute.getValue() + "\"");
        }
      }
    }
    assertThat(classBindings).as("%s: bind code with camunda:delegateExpression=\"${bean}\" instead", file).isEmpty();
  }

  private static Document document(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  private static boolean isCamunda(String namespace) {
    return namespace != null && (namespace.startsWith("http://camunda.org/schema/")
        || namespace.equals("http://activiti.org/bpmn"));
  }

  @Test
  void everyBeanTheModelsNameIsAComponentOfTheApplication() throws Exception {
    Set<String> named = new TreeSet<>();
    for (Path file : processFiles().toList()) {
      Matcher bean = Pattern.compile("delegateExpression=\"\\$\\{(\\w+)}\"").matcher(Files.readString(file));
      while (bean.find()) {
        named.add(bean.group(1));
      }
    }
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class, false));
    Set<String> components = new TreeSet<>();
    for (BeanDefinition component : scanner.findCandidateComponents("dev.prometheuspipeline")) {
      components.add(Class.forName(component.getBeanClassName()).getAnnotation(Component.class).value());
    }

    assertThat(named).isNotEmpty();
    assertThat(components).containsAll(named);
  }

  @ParameterizedTest
  @MethodSource("processFiles")
  void hasNoInlineScripts(Path file) {
    BpmnModelInstance model = read(file);
    assertThat(model.getModelElementsByType(ScriptTask.class)).as("%s script tasks", file).isEmpty();
    assertThat(model.getModelElementsByType(CamundaScript.class)).as("%s inline scripts", file).isEmpty();
  }

  @Test
  void theApprovalFormIsTheOneTheUserTaskReferences() throws IOException {
    UserTask approval = read(Path.of("processes/release.bpmn")).getModelElementById("Task_ApproveRelease");
    JsonNode form = new ObjectMapper().readTree(Path.of("forms/aprovar-release.form").toFile());

    assertThat(form.path("id").asText()).isEqualTo(approval.getCamundaFormRef());
    assertThat(approval.getCamundaFormRefBinding()).isEqualTo("deployment");
    // Tasklist 7.24 ships form-js 1.10, whose newest schema is 16
    assertThat(form.path("schemaVersion").asInt()).isEqualTo(16);
    assertThat(form.path("executionPlatform").asText()).isEqualTo("Camunda Platform");
    assertThat(form.path("executionPlatformVersion").asText()).isEqualTo("7.24.0");
  }

  @Test
  void theApprovalFormShowsTheEvidenceAndAsksForTheDecision() throws IOException {
    String form = Files.readString(Path.of("forms/aprovar-release.form"));
    JsonNode components = new ObjectMapper().readTree(form).path("components");

    for (String variable : List.of("releaseRef", "requestedBy", "artifactsSummary", "validationErrors",
        "validationWarnings", "validationSummary", "testsPassed", "testsFailed", "coverage", "gateVerdict",
        "gateScore", "gateSummary", "waivedBy", "waivedCriteria", "waiverReason", "validationReportUrl", "testReportUrl", "vulnerabilitiesSummary", "signingKeyId",
        "unsignedArtifacts", "runId")) {
      assertThat(form).as("form shows %s", variable).contains("{{" + variable + "}}");
    }
    Set<String> fields = Stream.of(components.elements()).flatMap(it -> {
      Stream.Builder<JsonNode> all = Stream.builder();
      it.forEachRemaining(all);
      return all.build();
    }).filter(component -> component.has("key"))
        .map(component -> component.path("type").asText() + ":" + component.path("key").asText())
        .collect(Collectors.toSet());
    assertThat(fields).containsExactlyInAnyOrder("checkbox:aprovado", "textarea:comentario");
  }

  @Test
  void theWaiverFormIsTheOneTheWaiverTaskReferencesAndAsksForTheWaiverAndItsReason() throws IOException {
    UserTask waiver = read(Path.of("processes/release.bpmn")).getModelElementById("Task_WaiveCriteria");
    String text = Files.readString(Path.of("forms/dispensar-criterios.form"));
    JsonNode form = new ObjectMapper().readTree(text);

    assertThat(form.path("id").asText()).isEqualTo(waiver.getCamundaFormRef());
    assertThat(waiver.getCamundaFormRefBinding()).isEqualTo("deployment");
    assertThat(waiver.getCamundaCandidateGroups()).isEqualTo("release-admin");
    assertThat(form.path("schemaVersion").asInt()).isEqualTo(16);
    for (String variable : List.of("releaseRef", "requestedBy", "gateVerdict", "gateScore", "gateFailedCriteria",
        "gateSummary")) {
      assertThat(text).as("form shows %s", variable).contains("{{" + variable + "}}");
    }
    assertThat(form.path("components").findValuesAsText("key")).containsExactlyInAnyOrder("waive", "waiverReason");
  }

  @Test
  void theRegraDeOuroHasHistoryTimeToLiveAndEveryRuleExplainsItself() {
    DmnModelInstance model = Dmn.readModelFromFile(Path.of("dmn/regra-de-ouro.dmn").toFile());

    Decision decision = model.getModelElementById("regraDeOuro");
    assertThat(decision.getName()).isEqualTo("Regra de Ouro");
    assertThat(decision.getCamundaHistoryTimeToLiveString()).isEqualTo("P180D");
    for (Rule rule : model.getModelElementsByType(Rule.class)) {
      assertThat(rule.getDescription()).as("rule %s annotation", rule.getId()).isNotNull();
      assertThat(rule.getDescription().getTextContent()).as("rule %s annotation", rule.getId()).isNotBlank();
      // criterion, status, weight, blocking, waivable, reason
      assertThat(rule.getOutputEntries()).as("rule %s outputs", rule.getId()).hasSize(6);
      assertThat(rule.getOutputEntries()).allSatisfy(entry ->
          assertThat(entry.getText().getTextContent()).as("rule %s output", rule.getId()).isNotBlank());
    }
  }

  @Test
  void everyDecisionHasANameHistoryTimeToLiveAndAShape() throws Exception {
    for (Path file : modelFiles().filter(file -> file.toString().endsWith(".dmn")).toList()) {
      DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
      // the model API does not read DMNDI; the shapes are read as XML
      NodeList shapeElements = document(file).getElementsByTagNameNS("*", "DMNShape");
      Set<String> shapes = new TreeSet<>();
      for (int i = 0; i < shapeElements.getLength(); i++) {
        shapes.add(((Element) shapeElements.item(i)).getAttribute("dmnElementRef"));
      }
      for (Decision decision : model.getModelElementsByType(Decision.class)) {
        assertThat(decision.getId()).as("%s: decision ids are camelCase", file).matches("[a-z][A-Za-z]*");
        assertThat(decision.getName()).as("%s (%s) name", file, decision.getId()).isNotBlank();
        assertThat(decision.getCamundaHistoryTimeToLiveString()).as("%s (%s) historyTimeToLive", file,
            decision.getId()).isEqualTo("P180D");
        assertThat(shapes).as("%s (%s): no shape in the DRD; lay it out in Modeler", file, decision.getId())
            .contains(decision.getId());
      }
    }
  }

  private static Set<String> constants(Class<?> holder) {
    return Arrays.stream(holder.getDeclaredFields())
        .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
        .map(ModelConventionsTest::value)
        .collect(Collectors.toSet());
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + field, e);
    }
  }
}
