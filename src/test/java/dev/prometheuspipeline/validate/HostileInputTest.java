package dev.prometheuspipeline.validate;

import static dev.prometheuspipeline.validate.Corpus.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostileInputTest {
  private final Validator validator = new Validator(5_000_000);

  @Test
  void anExternalEntityReadingEtcPasswdIsRefusedAsADoctype() {
    Report report = validator.validate(List.of(file("bpmn/xxe-passwd.bpmn")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("xml-doctype-forbidden");
      assertThat(finding.line()).isEqualTo(2);
      assertThat(finding.message()).doesNotContain("root:");
    });
  }

  @Test
  void entityExpansionIsRefusedAsADoctype() {
    Report report = validator.validate(List.of(file("bpmn/billion-laughs.bpmn")));

    assertThat(report.findings()).extracting(Finding::rule, Finding::line)
        .containsExactly(org.assertj.core.api.Assertions.tuple("xml-doctype-forbidden", 2));
  }

  @Test
  void anExternalDtdIsRefusedWithoutBeingFetched() {
    Report report = validator.validate(List.of(file("bpmn/external-dtd.bpmn")));

    assertThat(report.findings()).extracting(Finding::rule).containsExactly("xml-doctype-forbidden");
  }

  @Test
  void aDoctypeInADecisionIsRefusedToo() {
    byte[] dmn =
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"d\" name=\"&x;\""
                + " namespace=\"n\"/>")
            .getBytes(StandardCharsets.UTF_8);

    Report report = validator.validate(List.of(Corpus.fetched(ArtifactType.DMN, "Genesis/dmn/x.dmn", dmn)));

    assertThat(report.findings()).extracting(Finding::rule).containsExactly("xml-doctype-forbidden");
  }

  @Test
  void binaryBytesNamedBpmnAreNotText() {
    Report report = validator.validate(List.of(file("bpmn/binary.bpmn")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("file-not-text");
      assertThat(finding.line()).isEqualTo(1);
    });
  }

  @Test
  void latin1BytesInAFileDeclaredUtf8AreReportedWhereDecodingStops() {
    byte[] bytes = Corpus.read("bpmn/wrong-encoding.bpmn");
    String asLatin1 = new String(bytes, StandardCharsets.ISO_8859_1);
    String line8 = asLatin1.lines().skip(7).findFirst().orElseThrow();

    Report report = validator.validate(List.of(file("bpmn/wrong-encoding.bpmn")));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("file-not-text");
      assertThat(finding.line()).isEqualTo(8);
      assertThat(finding.column()).isEqualTo(line8.indexOf('ç') + 1);
      assertThat(finding.message()).contains("UTF-8");
    });
  }

  @Test
  void aFileDeclaringUtf16ButWrittenInUtf8IsNotText() {
    Report report = validator.validate(List.of(file("bpmn/encoding-mismatch.bpmn")));

    assertThat(report.findings()).extracting(Finding::rule).containsExactly("file-not-text");
  }

  @Test
  void aNulCharacterInAFormMakesItNotText() {
    byte[] form = "{\"id\":\"f\",\"components\":[]}\u0000".getBytes(StandardCharsets.UTF_8);

    Report report = validator.validate(List.of(Corpus.fetched(ArtifactType.FORM, "Genesis/forms/f.form", form)));

    assertThat(report.findings()).extracting(Finding::rule).containsExactly("file-not-text");
  }

  @Test
  void aHundredMegabyteFileIsReportedAsTooLargeWithoutBeingParsed() {
    byte[] hundredMegabytes = new byte[100 * 1024 * 1024];
    Arrays.fill(hundredMegabytes, (byte) '<');
    FetchedArtifact huge =
        new FetchedArtifact(
            new Artifact(ArtifactType.BPMN, "huge.bpmn", "Genesis/bpmn/huge.bpmn", Corpus.SHA),
            "not-computed-for-the-test",
            hundredMegabytes.length,
            hundredMegabytes);

    Report report = new Validator(10 * 1024 * 1024).validate(List.of(huge));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("file-too-large");
      assertThat(finding.message()).contains(String.valueOf(hundredMegabytes.length));
    });
  }

  @Test
  void aFileWhoseContentIsLargerThanItsDeclaredSizeIsStillCaught() {
    byte[] content = "<x/>".repeat(1000).getBytes(StandardCharsets.UTF_8);
    FetchedArtifact understated =
        new FetchedArtifact(
            new Artifact(ArtifactType.BPMN, "x.bpmn", "Genesis/bpmn/x.bpmn", Corpus.SHA), "d", 10, content);

    Report report = new Validator(1000).validate(List.of(understated));

    assertThat(report.findings()).extracting(Finding::rule).containsExactly("file-too-large");
  }

  @Test
  void hostileNestingStopsThePreParse() {
    String deep =
        "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">"
            + "<bpmn:subProcess>".repeat(10_000)
            + "</bpmn:subProcess>".repeat(10_000)
            + "</bpmn:definitions>";

    Report report =
        validator.validate(
            List.of(Corpus.fetched(ArtifactType.BPMN, "Genesis/bpmn/deep.bpmn", deep.getBytes(StandardCharsets.UTF_8))));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("xml-too-deep");
      assertThat(finding.line()).isEqualTo(1);
    });
  }

  @Test
  void randomBytesInEveryTypeGiveFindingsNotExceptions() {
    byte[] noise = new byte[4096];
    new java.util.Random(42).nextBytes(noise);

    Report report =
        validator.validate(
            List.of(
                Corpus.fetched(ArtifactType.BPMN, "Genesis/bpmn/n.bpmn", noise),
                Corpus.fetched(ArtifactType.DMN, "Genesis/dmn/n.dmn", noise),
                Corpus.fetched(ArtifactType.FORM, "Genesis/forms/n.form", noise),
                Corpus.fetched(ArtifactType.HTML, "Genesis/forms/n.html", noise)));

    assertThat(report.errors()).extracting(Finding::file).containsExactlyInAnyOrder(
        "Genesis/bpmn/n.bpmn", "Genesis/dmn/n.dmn", "Genesis/forms/n.form", "Genesis/forms/n.html");
  }

  @Test
  void aHostileFeelCellIsAFindingNotACrash() {
    String valid = new String(Corpus.read("dmn/valid.dmn"), StandardCharsets.UTF_8);
    String hostile = valid.replace("<text>score * 5</text>", "<text>" + "(".repeat(50_000) + "1</text>");

    Report report =
        validator.validate(
            List.of(Corpus.fetched(ArtifactType.DMN, "Genesis/dmn/h.dmn", hostile.getBytes(StandardCharsets.UTF_8))));

    assertThat(report.findings()).singleElement().satisfies(finding -> {
      assertThat(finding.rule()).isEqualTo("dmn-feel");
      assertThat(finding.elementId()).isEqualTo("LiteralExpression_BusinessLimit");
    });
  }
}
