package dev.prometheuspipeline.deploy;

import static targetengine.Artifacts.fetched;
import static targetengine.Artifacts.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import targetengine.Artifacts;
import targetengine.Models;
import targetengine.TargetEngine;
import targetengine.TargetEngineTest;
import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@TargetEngineTest
class DeployerTest {
  @LocalServerPort
  int port;

  private final Deployer deployer = new Deployer(TargetEngine.clients());
  private CamundaTarget target;
  private TargetEngineClient engine;
  private String genesis;
  private String prometheus;

  @BeforeEach
  void eachTestDeploysProductsOfItsOwn() {
    target = TargetEngine.target(port);
    engine = TargetEngine.client(target);
    genesis = uniqueProduct("Genesis");
    prometheus = uniqueProduct("Prometheus");
  }

  private List<FetchedArtifact> release(String orderLabel) {
    return Artifacts.twoProductRelease(genesis, prometheus, orderLabel);
  }


  @Test
  void firstDeployCreatesOneDeploymentPerProductNamedByTheProductFromThePipelineSource() {
    DeployOutcome outcome = deployer.deploy(target, release("Order"));

    assertThat(outcome.products()).extracting(ProductDeployment::product, ProductDeployment::deploymentName,
            ProductDeployment::created)
        .containsExactly(
            tuple(genesis, genesis, true),
            tuple(prometheus, prometheus, true));
    assertThat(engine.deployments(genesis, Deployer.SOURCE)).extracting(EngineDeployment::id)
        .containsExactly(outcome.products().get(0).deploymentId());
    assertThat(engine.deployments(prometheus, Deployer.SOURCE)).extracting(EngineDeployment::id)
        .containsExactly(outcome.products().get(1).deploymentId());
    assertThat(outcome.products().get(0).deployedResources())
        .containsExactlyInAnyOrder("order.bpmn", "limits.dmn", "approve.form", "approve.html");
    assertThat(outcome.products().get(1).deployedResources()).containsExactly("order.bpmn");
    assertThat(outcome.deploymentIds()).containsExactly(
        outcome.products().get(0).deploymentId(), outcome.products().get(1).deploymentId());
  }

  @Test
  void deployingTheSameBytesAgainCreatesNothingNew() {
    DeployOutcome first = deployer.deploy(target, release("Order"));

    DeployOutcome again = deployer.deploy(target, release("Order"));

    assertThat(again.products()).allSatisfy(product -> {
      assertThat(product.created()).isFalse();
      assertThat(product.deployedResources()).isEmpty();
    });
    assertThat(again.deploymentIds()).isEqualTo(first.deploymentIds());
    assertThat(engine.deployments(genesis, Deployer.SOURCE)).hasSize(1);
    assertThat(engine.deployments(prometheus, Deployer.SOURCE)).hasSize(1);
  }

  @Test
  void changingOneFileDeploysOnlyThatFile() {
    DeployOutcome first = deployer.deploy(target, release("Order"));

    DeployOutcome second = deployer.deploy(target, release("Order, reviewed twice"));

    ProductDeployment changed = second.products().get(0);
    assertThat(changed.created()).isTrue();
    assertThat(changed.deploymentId()).isNotEqualTo(first.products().get(0).deploymentId());
    assertThat(changed.deployedResources()).containsExactly("order.bpmn");
    assertThat(engine.processDefinitions(changed.deploymentId(), "order.bpmn"))
        .extracting(EngineDefinition::keyAndVersion).containsExactly(genesis + "_order:2");
    assertThat(second.products().get(1).created()).isFalse();
    assertThat(engine.deployments(genesis, Deployer.SOURCE)).extracting(EngineDeployment::id)
        .containsExactly(changed.deploymentId(), first.products().get(0).deploymentId());
  }

  @Test
  void workersAreNotSentToTheEngine() {
    List<FetchedArtifact> release = List.of(
        fetched(ArtifactType.BPMN, genesis + "/order.bpmn", Models.bpmn(genesis + "_order", "Order")),
        new FetchedArtifact(new Artifact(ArtifactType.WORKER, "billing",
            genesis + "/workers/billing", "4b825dc642cb6eb9a060e54bf8d69288fbee4904"),
            "0".repeat(64), 0, new byte[0]));

    DeployOutcome outcome = deployer.deploy(target, release);

    assertThat(outcome.products()).singleElement()
        .satisfies(product -> assertThat(product.deployedResources()).containsExactly("order.bpmn"));
  }

  @Test
  void filesAtTheRepositoryRootDeployUnderTheRootDeploymentName() {
    String rootName = uniqueProduct("release");
    Deployer rootDeployer = new Deployer(TargetEngine.clients(), rootName);

    DeployOutcome outcome = rootDeployer.deploy(target,
        List.of(fetched(ArtifactType.DMN, "limits.dmn", Models.dmn(rootName + "_limits", "Limits"))));

    assertThat(outcome.products()).singleElement().satisfies(product -> {
      assertThat(product.product()).isEmpty();
      assertThat(product.deploymentName()).isEqualTo(rootName);
      assertThat(product.deployedResources()).containsExactly("limits.dmn");
    });
    assertThat(engine.deployments(rootName, Deployer.SOURCE)).hasSize(1);
  }

  @Test
  void namesWithAccentsReachTheEngineIntact() {
    String genese = uniqueProduct("Gênese");

    DeployOutcome outcome = deployer.deploy(target, List.of(
        fetched(ArtifactType.FORM, genese + "/forms/aprovação.form",
            Models.form(genese + "_aprovacao", "Aprovação"))));

    assertThat(outcome.products()).singleElement().satisfies(product -> {
      assertThat(product.deploymentName()).isEqualTo(genese);
      assertThat(product.deployedResources()).containsExactly("aprovação.form");
    });
    assertThat(engine.deployments(genese, Deployer.SOURCE)).hasSize(1);
  }

  @Test
  void refusesTwoFilesWithOneResourceNameInAProductBeforeCallingTheTarget() {
    List<FetchedArtifact> release = List.of(
        fetched(ArtifactType.BPMN, genesis + "/sales/order.bpmn", Models.bpmn(genesis + "_sales", "Order")),
        fetched(ArtifactType.BPMN, genesis + "/billing/order.bpmn", Models.bpmn(genesis + "_billing", "Order")),
        fetched(ArtifactType.BPMN, prometheus + "/order.bpmn", Models.bpmn(prometheus + "_order", "Order")));

    // Nothing listens at an unreachable target: a call would fail with a TargetException instead.
    assertThatThrownBy(() -> deployer.deploy(TargetEngine.unreachable(), release))
        .isInstanceOf(DuplicateResourceException.class)
        .hasMessageContaining(genesis + "/sales/order.bpmn")
        .hasMessageContaining(genesis + "/billing/order.bpmn")
        .hasMessageContaining("nothing was sent to the target")
        .hasMessageNotContaining(prometheus);
  }

  @Test
  void wrongPasswordIsANonRetryableFailureNamingTheUser() {
    CamundaTarget wrongPassword = TargetEngine.target(port, TargetEngine.LOCKABLE_USER, "not-the-password");

    TargetException failure = catchThrowableOfType(TargetException.class,
        () -> deployer.deploy(wrongPassword, release("Order")));

    assertThat(failure.isRetryable()).isFalse();
    assertThat(failure.status()).hasValue(401);
    assertThat(failure.getMessage())
        .contains("'" + TargetEngine.LOCKABLE_USER + "'", "pipeline.target.username/password")
        .doesNotContain("not-the-password");
    assertThat(engine.deployments(genesis, Deployer.SOURCE)).isEmpty();
  }

  @Test
  void unreachableTargetIsARetryableFailure() {
    TargetException failure = catchThrowableOfType(TargetException.class,
        () -> deployer.deploy(TargetEngine.unreachable(), release("Order")));

    assertThat(failure.isRetryable()).isTrue();
    assertThat(failure.status()).isEmpty();
    assertThat(failure.getMessage()).contains("could not be reached", "pipeline.target.url");
  }

  @Test
  void bpmnTheEngineRejectsFailsWithTheEnginesProblems() {
    List<FetchedArtifact> release = List.of(fetched(ArtifactType.BPMN, genesis + "/bpmn/charge.bpmn",
        Models.bpmnWithServiceTaskWithoutImplementation(genesis + "_charge")));

    TargetException failure = catchThrowableOfType(TargetException.class, () -> deployer.deploy(target, release));

    assertThat(failure.isRetryable()).isFalse();
    assertThat(failure.status()).hasValue(400);
    assertThat(failure.engineType()).hasValue("ParseException");
    assertThat(failure.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.resource()).isEqualTo("charge.bpmn");
      assertThat(problem.severity()).isEqualTo(EngineProblem.Severity.ERROR);
      assertThat(problem.line()).isEqualTo(8);
      assertThat(problem.mainElementId()).isEqualTo("Task_Review");
      assertThat(problem.elementIds()).containsExactly("Task_Review");
      assertThat(problem.message()).contains("serviceTask");
    });
    assertThat(failure.getMessage()).contains("charge.bpmn:8:", "(Task_Review)", "Deploying product '" + genesis);
    assertThat(engine.deployments(genesis, Deployer.SOURCE)).isEmpty();
  }

  @Test
  void dmnTheEngineCannotTransformIsNotRetryable() {
    List<FetchedArtifact> release = List.of(
        fetched(ArtifactType.DMN, genesis + "/dmn/limits.dmn", "<definitions>not a decision"));

    TargetException failure = catchThrowableOfType(TargetException.class, () -> deployer.deploy(target, release));

    assertThat(failure.isRetryable()).isFalse();
    assertThat(failure.status()).hasValue(500);
    assertThat(failure.problems()).singleElement()
        .satisfies(problem -> assertThat(problem.resource()).isEqualTo("limits.dmn"));
    assertThat(failure.getMessage()).contains("rejected the models", "limits.dmn");
  }

  @Test
  void failureOfALaterProductNamesTheProductsAlreadyDeployed() {
    List<FetchedArtifact> release = List.of(
        fetched(ArtifactType.BPMN, genesis + "/order.bpmn", Models.bpmn(genesis + "_order", "Order")),
        fetched(ArtifactType.BPMN, prometheus + "/charge.bpmn",
            Models.bpmnWithServiceTaskWithoutImplementation(prometheus + "_charge")));

    TargetException failure = catchThrowableOfType(TargetException.class, () -> deployer.deploy(target, release));

    String genesisDeployment = engine.deployments(genesis, Deployer.SOURCE).get(0).id();
    assertThat(failure.getMessage())
        .contains("Deploying product '" + prometheus + "'",
            "already deployed: " + genesis + " as " + genesisDeployment);
  }
}
