package dev.prometheuspipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prometheuspipeline.testing.TestResult.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerReportsTest {
  @TempDir
  Path dir;

  @Test
  void readsTheReportLevelLineCounterOfAJaCoCoReportWithoutFetchingItsDtd() throws IOException {
    // JaCoCo's real header: a DOCTYPE naming report.dtd, which must never be fetched.
    Path report = write("jacoco.xml", """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd"><report name="calc-worker"><sessioninfo id="s" start="1" dump="2"/><package name="calc"><class name="calc/Calc" sourcefilename="Calc.java"><method name="add" desc="(II)I" line="1"><counter type="LINE" missed="0" covered="1"/></method><counter type="LINE" missed="1" covered="1"/></class><counter type="LINE" missed="1" covered="1"/></package><counter type="INSTRUCTION" missed="3" covered="4"/><counter type="LINE" missed="4" covered="12"/><counter type="METHOD" missed="1" covered="1"/></report>
        """);

    WorkerCoverage coverage = RunnerReports.jacoco(report, "target/site/jacoco/jacoco.xml").orElseThrow();

    assertThat(coverage.coveredLines()).isEqualTo(12);
    assertThat(coverage.totalLines()).isEqualTo(16);
  }

  @Test
  void sumsLinesFoundAndHitOverEveryFileOfAnLcovTracefile() throws IOException {
    Path lcov = write("lcov.info", """
        TN:
        SF:src/fee.js
        DA:1,1
        LF:4
        LH:3
        end_of_record
        SF:src/refund.js
        LF:6
        LH:1
        end_of_record
        """);

    WorkerCoverage coverage = RunnerReports.lcov(lcov, "coverage/lcov.info");

    assertThat(coverage.coveredLines()).isEqualTo(4);
    assertThat(coverage.totalLines()).isEqualTo(10);
  }

  @Test
  void readsErrorsAndSkipsFromJUnitXml() throws IOException {
    Path report = write("TEST-calc.xml", """
        <testsuite name="calc.CalcTest" tests="3"><testcase classname="calc.CalcTest" name="a" time="1,234.5"/>
        <testcase classname="calc.CalcTest" name="b" time="0.1"><error message="boom" type="java.lang.IllegalStateException">stack</error></testcase>
        <testcase classname="calc.CalcTest" name="c"><skipped/></testcase></testsuite>
        """);

    List<TestResult> results = RunnerReports.junit(report, testCase -> "workers/calc");

    assertThat(results).extracting(TestResult::status).containsExactly(Status.PASSED, Status.ERROR, Status.SKIPPED);
    assertThat(results.get(0).duration()).isEqualTo(Duration.ofMillis(1_234_500));
    assertThat(results.get(1).failure().orElseThrow().message()).isEqualTo("java.lang.IllegalStateException: boom");
  }

  @Test
  void refusesAJUnitReportWithADoctype() throws IOException {
    Path report = write("TEST-evil.xml", """
        <?xml version="1.0"?><!DOCTYPE testsuite [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <testsuite name="evil"><testcase name="&x;"/></testsuite>
        """);

    assertThat(RunnerReports.isJUnit(report)).isFalse();
    assertThatThrownBy(() -> RunnerReports.junit(report, testCase -> "w")).isInstanceOf(IOException.class)
        .hasMessageContaining("TEST-evil.xml");
  }

  @Test
  void cappedOutputKeepsTheBeginningAndTheEndAndSaysWhatItDropped() {
    CappedOutput output = new CappedOutput(5, 5);
    byte[] text = "start-middle-end!".getBytes(StandardCharsets.UTF_8);

    output.write(text, 0, text.length);

    assertThat(output.text()).isEqualTo("start\n[… 7 bytes of output dropped …]\n-end!");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
