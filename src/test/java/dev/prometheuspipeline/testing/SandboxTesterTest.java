package dev.prometheuspipeline.testing;

import static dev.prometheuspipeline.testing.Models.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.ArtifactType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxTesterTest {
  private final SandboxTester tester = new SandboxTester();

  @Test
  void aReleaseOfGoodModelsPassesEveryArtifact() {
    TestReport report =
        tester.test(
            List.of(
                at("Genesis/bpmn/aprovacao.bpmn", "validate/bpmn/valid.bpmn"),
                at("Genesis/dmn/limite.dmn", "validate/dmn/valid.dmn"),
                at("Genesis/forms/aprovar-credito.form", "validate/form/valid.form"),
                at("Genesis/forms/aprovar-credito.html", "validate/html/valid-embedded.html"),
                at("Exodus/bpmn/utf16.bpmn", "validate/bpmn/valid-utf16.bpmn"),
                at("Exodus/dmn/prioridade.dmn", "validate/dmn/valid-dmn11.dmn")));

    assertThat(report.passed()).isEqualTo(6);
    assertThat(report.failed()).isZero();
    assertThat(report.hasFailures()).isFalse();
    assertThat(report.summary()).isEqualTo("6 passed, 0 failed");
  }

  @Test
  void oneBrokenModelAmongGoodOnesFailsAloneWithTheEnginesReason() {
    TestReport report =
        tester.test(
            List.of(
                at("Genesis/bpmn/aprovacao.bpmn", "validate/bpmn/valid.bpmn"),
                at("Genesis/bpmn/sem-retencao.bpmn", "validate/bpmn/missing-httl.bpmn"),
                at("Genesis/dmn/limite.dmn", "validate/dmn/valid.dmn"),
                at("Genesis/forms/aprovar-credito.form", "validate/form/valid.form")));

    assertThat(report.passed()).isEqualTo(3);
    assertThat(report.failed()).isEqualTo(1);
    assertThat(report.failures()).singleElement().satisfies(failure -> {
      assertThat(failure.file()).isEqualTo("Genesis/bpmn/sem-retencao.bpmn");
      assertThat(failure.message())
          .contains("sem-retencao.bpmn", "line 8", "(semRetencao)", "History Time To Live")
          .doesNotContain("\n");
    });
  }

  @Test
  void aModelRefusedOnlyForItsMissingTimeToLiveIsMarkedAsADeploymentOnlyRefusal() {
    TestReport report =
        tester.test(
            List.of(
                at("Genesis/bpmn/aprovacao.bpmn", "validate/bpmn/valid.bpmn"),
                at("Genesis/bpmn/sem-retencao.bpmn", "validate/bpmn/missing-httl.bpmn"),
                at("Genesis/forms/quebrado.form", "validate/form/invalid-json.form")));

    assertThat(report.failures()).extracting(TestFailure::file)
        .containsExactly("Genesis/bpmn/sem-retencao.bpmn", "Genesis/forms/quebrado.form");
    assertThat(report.deploymentOnly()).extracting(TestFailure::file).containsExactly("Genesis/bpmn/sem-retencao.bpmn");
    assertThat(report.behaviourFailures()).extracting(TestFailure::file).containsExactly("Genesis/forms/quebrado.form");
    assertThat(report.hasBehaviourFailures()).isTrue();
  }

  @Test
  void twoFilesDefiningTheSameProcessIdAreBothReportedWithTheReason() {
    TestReport report =
        tester.test(
            List.of(
                at("Genesis/bpmn/aprovacao.bpmn", "validate/bpmn/valid.bpmn"),
                at("Genesis/dmn/limite.dmn", "validate/dmn/valid.dmn"),
                at("Genesis/bpmn/aprovacao-nova.bpmn", "testing/aprovacao-nova.bpmn")));

    assertThat(report.passed()).isEqualTo(1);
    assertThat(report.failed()).isEqualTo(2);
    assertThat(report.failures())
        .extracting(TestFailure::file)
        .containsExactlyInAnyOrder("Genesis/bpmn/aprovacao.bpmn", "Genesis/bpmn/aprovacao-nova.bpmn");
    assertThat(report.failures())
        .allSatisfy(failure -> assertThat(failure.message()).contains("same key 'aprovacao'"));
    assertThat(report.failures().get(0).message()).contains("Genesis/bpmn/aprovacao");
  }

  @Test
  void aThirdFileWithTheSameProcessIdIsReportedToo() {
    TestReport report =
        tester.test(
            List.of(
                at("Genesis/bpmn/aprovacao.bpmn", "validate/bpmn/valid.bpmn"),
                at("Genesis/bpmn/aprovacao-nova.bpmn", "testing/aprovacao-nova.bpmn"),
                at("Genesis/forms/aprovar-credito.form", "validate/form/valid.form"),
                at("Genesis/bpmn/aprovacao-copia.bpmn", "validate/bpmn/valid.bpmn")));

    assertThat(report.passed()).isEqualTo(1);
    assertThat(report.failures())
        .extracting(TestFailure::file)
        .containsExactly(
            "Genesis/bpmn/aprovacao.bpmn", "Genesis/bpmn/aprovacao-nova.bpmn", "Genesis/bpmn/aprovacao-copia.bpmn");
  }

  @Test
  void theSameProcessIdInTwoProductsIsNotAClashBecauseTheyAreSeparateDeployments() {
    TestReport report =
        tester.test(
            List.of(
                at("Genesis/bpmn/aprovacao.bpmn", "validate/bpmn/valid.bpmn"),
                at("Exodus/bpmn/aprovacao-nova.bpmn", "testing/aprovacao-nova.bpmn")));

    assertThat(report.failed()).isZero();
  }

  @Test
  void aFormWithoutIdDeploysAsItDoesOnA724Target() {
    // Camunda 7.24 deploys it under the key '' (FormWithoutIdOnTargetTest sends it to a target over REST);
    // validation warns about it, and refuses it where a camunda:formRef must find it.
    TestReport report =
        tester.test(
            List.of(
                at("Genesis/forms/aprovar-credito.form", "validate/form/valid.form"),
                at("Genesis/forms/sem-id.form", "validate/form/no-id.form")));

    assertThat(report.passed()).isEqualTo(2);
    assertThat(report.failures()).isEmpty();
  }

  @Test
  void twoFormsWithoutIdInOneProductClashAsTheEngineSays() {
    TestReport report =
        tester.test(
            List.of(
                at("Shop/forms/order.form", "validate/release/two-idless-forms/Shop/order.form"),
                at("Shop/forms/payment.form", "validate/release/two-idless-forms/Shop/payment.form")));

    assertThat(report.failures()).extracting(TestFailure::file)
        .containsExactlyInAnyOrder("Shop/forms/order.form", "Shop/forms/payment.form");
    assertThat(report.failures()).allSatisfy(failure -> assertThat(failure.message()).contains("same key"));
  }

  @Test
  void aFormThatIsNotJsonFailsWithTheEnginesReason() {
    TestReport report = tester.test(List.of(at("Genesis/forms/quebrado.form", "validate/form/invalid-json.form")));

    assertThat(report.failures()).singleElement().satisfies(failure -> {
      assertThat(failure.file()).isEqualTo("Genesis/forms/quebrado.form");
      assertThat(failure.message()).contains("quebrado.form");
    });
  }

  @Test
  void workersAreNeitherDeployedNorCounted() {
    TestReport report =
        tester.test(
            List.of(
                at("Genesis/bpmn/aprovacao.bpmn", "validate/bpmn/valid.bpmn"),
                Models.artifact(ArtifactType.WORKER, "workers/credito", new byte[0])));

    assertThat(report.passed()).isEqualTo(1);
    assertThat(report.failed()).isZero();
  }

  @Test
  void twoFilesWithTheSameNameInOneProductAreBothFailures() {
    TestReport report =
        tester.test(
            List.of(
                at("Genesis/bpmn/aprovacao.bpmn", "validate/bpmn/valid.bpmn"),
                at("Genesis/antigo/aprovacao.bpmn", "validate/bpmn/valid.bpmn")));

    assertThat(report.failed()).isEqualTo(2);
    assertThat(report.failures()).allSatisfy(failure -> assertThat(failure.message()).contains("'aprovacao.bpmn'"));
  }

  @Test
  void aFileAtTheRepositoryRootIsItsOwnDeployment() {
    TestReport report =
        tester.test(
            List.of(
                at("aprovacao.bpmn", "validate/bpmn/valid.bpmn"),
                at("aprovacao-nova.bpmn", "testing/aprovacao-nova.bpmn")));

    assertThat(report.failed()).isZero();
    assertThat(report.passed()).isEqualTo(2);
  }
}
