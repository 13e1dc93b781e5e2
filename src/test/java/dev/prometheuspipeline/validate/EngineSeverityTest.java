package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.ReleaseCase.artifacts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Severity as a default Camunda 7.24 engine decides it, for the classes of models from the wild that the
 * validator used to refuse or miss: each case under {@code validate/release/} is deployed as the pipeline
 * deploys it (one deployment per product folder; the files at the root together), then judged by the
 * validator. What the engine deploys and runs carries no error; what it refuses is an error with its words.
 */
class EngineSeverityTest {
  private static final String SAME_KEY = "The deployment contains definitions with the same key";

  private static ProcessEngine engine;
  private final Validator validator = new Validator(5_000_000);

  @BeforeAll
  static void defaultEngine() {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    // Only what keeps it apart from other engines in this JVM; every engine setting stays Camunda's default.
    String name = "severity-judge-" + UUID.randomUUID();
    configuration.setProcessEngineName(name);
    configuration.setJdbcUrl("jdbc:h2:mem:" + name);
    engine = configuration.buildProcessEngine();
  }

  @AfterAll
  static void closeEngine() {
    ProcessEngines.unregister(engine);
    engine.close();
  }

  @Test
  void aFormWithoutIdReachedByItsResourceNameDeploysShowsAndIsOnlyAWarning() throws IOException {
    deployEachProduct("form-by-resource-name");
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("invoiceQuickstart");
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
    try (InputStream form = engine.getFormService().getDeployedTaskForm(task.getId())) {
      assertThat(new String(form.readAllBytes(), StandardCharsets.UTF_8)).contains("\"Field_Name\"");
    }

    Report report = validator.validate(artifacts("form-by-resource-name"), ReleaseContext.NONE);

    assertThat(report.errors()).as(report.summary()).isEmpty();
    assertThat(report.warnings()).extracting(Finding::file, Finding::rule)
        .contains(tuple("invoice.form", "form-id"));
  }

  @Test
  void twoFormsWithoutIdInOneDeploymentAreRefusedByTheEngineAndAreEachADuplicateKeyErrorNamingTheOther() {
    assertThatThrownBy(() -> deployEachProduct("two-idless-forms"))
        .hasMessageContaining(SAME_KEY + " '' (id attribute), this is not allowed");

    Report report = validator.validate(artifacts("two-idless-forms"), ReleaseContext.NONE);

    // A duplicate key, as the engine says: an error that no rule configuration lowers.
    assertThat(report.errors()).extracting(Finding::file, Finding::rule).containsExactlyInAnyOrder(
        tuple("Shop/order.form", "release-duplicate-definition-id"),
        tuple("Shop/payment.form", "release-duplicate-definition-id"));
    assertThat(report.errors().get(0).message()).contains("Shop/payment.form", "'Shop'",
        SAME_KEY + " '' (id attribute), this is not allowed");
    assertThat(report.findings()).extracting(Finding::rule).doesNotContain("form-id");
  }

  @Test
  void aFormWithoutIdThatAFormRefNamesDeploysButIsAnErrorSinceTheFormRefNeverFindsIt() {
    deployEachProduct("formref-idless");
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("approval").count())
        .isOne();

    Report report = validator.validate(artifacts("formref-idless"), ReleaseContext.NONE);

    assertThat(report.errors()).extracting(Finding::file, Finding::rule)
        .containsExactly(tuple("Shop/approve.form", "form-id"));
    assertThat(report.errors().get(0).message()).contains("camunda:formRef 'approve'", "Task_Fill");
  }

  @Test
  void emptyRequirementHrefsOfOlderModelersDeployAndEvaluateSoTheyAreWarnings() {
    deployEachProduct("dmn-empty-href");
    Map<String, Object> dish = engine.getDecisionService()
        .evaluateDecisionTableByKey("dish", Map.of("season", "Winter")).getSingleResult().getEntryMap();
    assertThat(dish).containsEntry("desiredDish", "Roastbeef");

    Report report = validator.validate(artifacts("dmn-empty-href"), ReleaseContext.NONE);

    assertThat(report.errors()).as(report.summary()).isEmpty();
    assertThat(report.warnings()).extracting(Finding::rule).contains("dmn-requirement-href");
  }

  @Test
  void aRequiredDecisionThatPointsNowhereIsRefusedByTheEngineAndStaysAnError() {
    String dangling = new String(fileOf("dmn-empty-href", "dish.dmn"), StandardCharsets.UTF_8)
        .replace("<requiredInput href=\"\" />\n    </informationRequirement>",
            "<requiredDecision href=\"\" />\n    </informationRequirement>");
    assertThatThrownBy(() -> engine.getRepositoryService().createDeployment()
        .addInputStream("dish.dmn", new ByteArrayInputStream(dangling.getBytes(StandardCharsets.UTF_8))).deploy())
        .hasStackTraceContaining("Unable to find a model element instance");

    Report report = validator.validate(
        List.of(Corpus.fetched(ArtifactType.DMN, "dish.dmn",
            dangling.getBytes(StandardCharsets.UTF_8))));

    assertThat(report.errors()).extracting(Finding::rule).containsExactly("dmn-requirement-href");
    assertThat(report.errors().get(0).message()).contains("refuses to deploy", "DMN-02016");
  }

  @Test
  void aRequiredDecisionOfAnAuthorityRequirementThatPointsNowhereDeploysSoItIsAWarning() {
    String authority = new String(fileOf("dmn-empty-href", "dish.dmn"), StandardCharsets.UTF_8)
        .replace("<requiredInput href=\"\" />\n    </authorityRequirement>",
            "<requiredDecision href=\"#nothere\" />\n    </authorityRequirement>")
        .replace("id=\"dish\"", "id=\"dishByAuthority\"");
    assertThat(authority).contains("<requiredDecision href=\"#nothere\" />");
    engine.getRepositoryService().createDeployment()
        .addInputStream("dish-by-authority.dmn", new ByteArrayInputStream(authority.getBytes(StandardCharsets.UTF_8)))
        .deploy();
    assertThat(engine.getDecisionService().evaluateDecisionTableByKey("dishByAuthority", Map.of("season", "Winter"))
        .getSingleResult().getEntryMap()).containsEntry("desiredDish", "Roastbeef");

    Report report = validator.validate(List.of(
        Corpus.fetched(ArtifactType.DMN, "dish-by-authority.dmn", authority.getBytes(StandardCharsets.UTF_8))));

    assertThat(report.errors()).as(report.summary()).isEmpty();
    assertThat(report.warnings()).extracting(Finding::rule).contains("dmn-requirement-href");
  }

  @Test
  void twoFilesDefiningOneProcessOrDecisionIdInOneFolderAreRefusedByTheEngineAndAreErrorsNamingBothFiles() {
    assertThatThrownBy(() -> deployEachProduct("duplicate-ids-at-root"))
        .hasMessageContaining(SAME_KEY);

    Report report = validator.validate(artifacts("duplicate-ids-at-root"), ReleaseContext.NONE);

    assertThat(report.errors()).extracting(Finding::file, Finding::rule).containsExactlyInAnyOrder(
        tuple("invoice.bpmn", "release-duplicate-definition-id"),
        tuple("invoice-v2.bpmn", "release-duplicate-definition-id"),
        tuple("dish.dmn", "release-duplicate-definition-id"),
        tuple("dish-copy.dmn", "release-duplicate-definition-id"));
    assertThat(report.errors()).filteredOn(finding -> finding.file().equals("invoice.bpmn")).singleElement()
        .satisfies(finding -> assertThat(finding.message()).contains("invoice-v2.bpmn",
            SAME_KEY + " 'invoice' (id attribute), this is not allowed"));
  }

  /** One deployment per product folder, the files at the root together, as the deployer sends them. */
  private static void deployEachProduct(String name) {
    Map<String, DeploymentBuilder> byProduct = new LinkedHashMap<>();
    for (FetchedArtifact artifact : artifacts(name)) {
      byProduct.computeIfAbsent(artifact.artifact().product(),
              product -> engine.getRepositoryService().createDeployment().name(name + "/" + product))
          .addInputStream(artifact.artifact().resourceName(), new ByteArrayInputStream(artifact.content()));
    }
    byProduct.values().forEach(DeploymentBuilder::deploy);
  }

  private static byte[] fileOf(String name, String path) {
    return artifacts(name).stream().filter(artifact -> artifact.path().equals(path)).findFirst().orElseThrow()
        .content();
  }
}
