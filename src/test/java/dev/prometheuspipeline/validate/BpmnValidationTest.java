package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.Corpus.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.util.List;
import org.junit.jupiter.api.Test;

class BpmnValidationTest {
  private final Validator validator = new Validator(5_000_000);

  @Test
  void aModelCamundaDeploysHasNoFindings() {
    Report report = validator.validate(List.of(file("bpmn/valid.bpmn")));

    assertThat(report.findings()).isEmpty();
  }

  @Test
  void aUtf16ModelWithAMatchingDeclarationIsValid() {
    Report report = validator.validate(List.of(file("bpmn/valid-utf16.bpmn")));

    assertThat(report.findings()).isEmpty();
  }

  @Test
  void everyEngineErrorOfAModelIsReportedWithItsLineAndElement() {
    Report report = validator.validate(List.of(file("bpmn/several-errors.bpmn")));

    assertThat(report.findings())
        .extracting(Finding::file, Finding::line, Finding::elementId, Finding::rule, Finding::severity)
        .containsExactly(
            tuple("Genesis/bpmn/several-errors.bpmn", 8, "Task_Charge", "bpmn-engine-parse", Severity.ERROR),
            tuple("Genesis/bpmn/several-errors.bpmn", 11, "Event_Wait", "bpmn-engine-parse", Severity.ERROR),
            tuple("Genesis/bpmn/several-errors.bpmn", 18, "Flow_Unpaid", "bpmn-engine-parse", Severity.ERROR));
    assertThat(report.findings().get(0).message()).contains("serviceTask");
    assertThat(report.findings().get(1).message()).contains("Timer needs configuration");
    assertThat(report.findings().get(2).message()).contains("EndEvent_Missing");
    assertThat(report.findings()).allSatisfy(f -> assertThat(f.fix()).isNotBlank());
  }

  @Test
  void aProcessWithoutHistoryTimeToLiveIsAnErrorOnTheProcess() {
    Report report = validator.validate(List.of(file("bpmn/missing-httl.bpmn")));

    assertThat(report.errors()).singleElement().satisfies(finding -> {
      assertThat(finding.line()).isEqualTo(8);
      assertThat(finding.column()).isPositive();
      assertThat(finding.elementId()).isEqualTo("semRetencao");
      assertThat(finding.rule()).isEqualTo("bpmn-engine-parse");
      assertThat(finding.message()).contains("History Time To Live").doesNotContain("\n");
      assertThat(finding.fix()).contains("historyTimeToLive");
    });
  }

  @Test
  void engineWarningsOfAModelThatDeploysAreWarningsAtTheElement() {
    Report report = validator.validate(List.of(file("bpmn/gateway-without-default.bpmn")));

    assertThat(report.hasErrors()).isFalse();
    assertThat(report.warnings()).singleElement().satisfies(finding -> {
      assertThat(finding.elementId()).isEqualTo("Gateway_Approved");
      assertThat(finding.line()).isEqualTo(18);
      assertThat(finding.message()).contains("Flow_Rejected");
    });
  }

  @Test
  void malformedXmlIsReportedWithLineAndColumnAndNeverReachesTheEngine() {
    Report report = validator.validate(List.of(file("bpmn/not-well-formed.bpmn")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("xml-well-formed");
      assertThat(finding.line()).isEqualTo(8);
      assertThat(finding.column()).isPositive();
      assertThat(finding.message()).contains("bpmn:startEvent");
    });
  }

  @Test
  void everyFileIsCheckedNotOnlyTheFirstThatFails() {
    Report report =
        validator.validate(
            List.of(
                file("bpmn/several-errors.bpmn"),
                file("bpmn/not-well-formed.bpmn"),
                file("bpmn/valid.bpmn"),
                file("bpmn/missing-httl.bpmn")));

    assertThat(report.findings())
        .extracting(Finding::file)
        .containsOnly(
            "Genesis/bpmn/several-errors.bpmn", "Genesis/bpmn/not-well-formed.bpmn", "Genesis/bpmn/missing-httl.bpmn");
    assertThat(report.errorCount()).isEqualTo(5);
  }

  @Test
  void aModelNamedSoTheEngineWouldNotParseItIsReportedAndStillChecked() {
    FetchedArtifact misnamed =
        Corpus.fetched(ArtifactType.BPMN, "Genesis/bpmn/cobranca.xml", Corpus.read("bpmn/several-errors.bpmn"));

    Report report = validator.validate(List.of(misnamed));

    assertThat(report.findings()).extracting(Finding::rule).contains("file-extension", "bpmn-engine-parse");
  }

  @Test
  void workerArtifactsAreNotCheckedYet() {
    FetchedArtifact worker = Corpus.fetched(ArtifactType.WORKER, "workers/credit", new byte[] {0, 1, 2});

    Report report = validator.validate(List.of(worker));

    assertThat(report.findings()).isEmpty();
  }
}
