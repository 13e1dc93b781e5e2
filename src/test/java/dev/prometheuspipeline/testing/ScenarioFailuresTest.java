package dev.prometheuspipeline.testing;

import static dev.prometheuspipeline.testing.ModelTestsTest.LIMIT;
import static dev.prometheuspipeline.testing.ModelTestsTest.byName;
import static dev.prometheuspipeline.testing.ModelTestsTest.release;
import static dev.prometheuspipeline.testing.ModelTestsTest.testFile;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scenarios that do not pass, and test files that cannot run, reported in the model's words. */
class ScenarioFailuresTest {
  private static Map<String, TestResult> failing;
  private static Map<String, TestResult> invalid;

  @BeforeAll
  static void runTheFailingFiles() {
    failing = byName(new ModelTests(1, LIMIT).run(release(), List.of(testFile("pedido-falhas.json"))));
    invalid = byName(new ModelTests(1, LIMIT).run(release(),
        List.of(testFile("invalido.json"), testFile("sintaxe.json"))));
  }

  @Test
  void failsAnAssertionNamingTheEndTheProcessReachedInstead() {
    TestResult result = failing.get("Expects approval but the order is rejected");

    assertThat(result.status()).isEqualTo(TestResult.Status.FAILED);
    TestResult.Failure failure = result.failure().orElseThrow();
    assertThat(failure.step()).isEqualTo(4);
    assertThat(failure.instruction()).isEqualTo("ASSERT_ELEMENT_INSTANCES");
    assertThat(failure.message()).isEqualTo("tests/Loja/pedido-falhas.json line 9, step 4 (ASSERT_ELEMENT_INSTANCES): "
        + "expected the process to pass \"Order approved\" (EndEvent_Approved) but it ended at "
        + "\"Order rejected\" (EndEvent_Rejected)");
    assertThat(result.trace().flowNodes().get("pedido")).contains("Task_Approve", "EndEvent_Rejected");
  }

  @Test
  void failsAUserTaskStepWhenTheTaskIsNotActiveNamingWhatIs() {
    TestResult result = failing.get("Approves before the stock is checked");

    assertThat(result.status()).isEqualTo(TestResult.Status.FAILED);
    assertThat(result.failure().orElseThrow().message()).endsWith(
        "no user task \"Approve order\" (Task_Approve) is active; active: \"Check stock\" (Task_CheckStock)");
    assertThat(result.failure().orElseThrow().actual()).isEqualTo("active: \"Check stock\" (Task_CheckStock)");
  }

  @Test
  void failsAStepTheEngineRefusesWithTheEnginesReason() {
    TestResult result = failing.get("Approves without saying whether");

    assertThat(result.status()).isEqualTo(TestResult.Status.FAILED);
    assertThat(result.failure().orElseThrow().step()).isEqualTo(3);
    assertThat(result.failure().orElseThrow().message())
        .contains("step 3 (COMPLETE_USER_TASK): the engine refused: ")
        .contains("approved");
    assertThat(result.trace().flowNodes().get("pedido")).contains("Task_Approve").doesNotContain("EndEvent_Rejected");
  }

  @Test
  void errsOnAnElementTheModelDoesNotHave() {
    TestResult result = failing.get("Names an element the model does not have");

    assertThat(result.status()).isEqualTo(TestResult.Status.ERROR);
    assertThat(result.failure().orElseThrow().step()).isEqualTo(2);
    assertThat(result.failure().orElseThrow().message())
        .contains("line 28, step 2 (ASSERT_ELEMENT_INSTANCE)")
        .contains("no element \"Task_CheckStok\" in process pedido");
  }

  @Test
  void errsOnACamunda8OnlyInstructionSayingWhyItDoesNotApply() {
    TestResult result = failing.get("Uses a Camunda 8 ad-hoc sub-process job");

    assertThat(result.status()).isEqualTo(TestResult.Status.ERROR);
    assertThat(result.failure().orElseThrow().message())
        .contains("COMPLETE_JOB_AD_HOC_SUB_PROCESS is not applicable on Camunda 7: ");
  }

  @Test
  void errsOnACaseTheSchemaRefusesNamingThePathAndLine() {
    TestResult result = invalid.get("Forgets which job to complete");

    assertThat(result.status()).isEqualTo(TestResult.Status.ERROR);
    assertThat(result.failure().orElseThrow().step()).isEqualTo(2);
    assertThat(result.failure().orElseThrow().instruction()).isEqualTo("COMPLETE_JOB");
    assertThat(result.failure().orElseThrow().message())
        .startsWith("tests/Loja/invalido.json line 7 ($.testCases[0].instructions[1]")
        .contains("jobSelector");
  }

  @Test
  void errsOnAnUnknownInstructionNamingItAndItsLine() {
    TestResult result = invalid.get("Uses an instruction that does not exist");

    assertThat(result.status()).isEqualTo(TestResult.Status.ERROR);
    assertThat(result.failure().orElseThrow().message()).isEqualTo(
        "tests/Loja/invalido.json line 13 ($.testCases[1].instructions[0]): unknown instruction "
            + "\"APPROVE_EVERYTHING\"; use one of the types in docs/test-cases.md (CPT 8.9 or C7_…)");
  }

  @Test
  void stillRunsTheGoodCaseOfAFileWithBrokenOnes() {
    assertThat(invalid.get("Still runs next to broken cases").status()).isEqualTo(TestResult.Status.PASSED);
  }

  @Test
  void errsOnAFileThatIsNotJsonNamingTheLine() {
    TestResult result = invalid.get("sintaxe.json");

    assertThat(result.status()).isEqualTo(TestResult.Status.ERROR);
    assertThat(result.failure().orElseThrow().message())
        .startsWith("tests/Loja/sintaxe.json line 4, column")
        .contains("not valid JSON");
  }

  @Test
  void stopsAScenarioThatNeverEndsAndRunsTheNextOne() {
    List<TestResult> results =
        new ModelTests(1, Duration.ofSeconds(8)).run(release(), List.of(testFile("reabastecer.json")));

    TestResult stuck = results.get(0);
    assertThat(stuck.status()).isEqualTo(TestResult.Status.TIMED_OUT);
    assertThat(stuck.failure().orElseThrow().message())
        .contains("\"Restock polls the supplier forever\" did not finish within PT8S and was stopped at step 1 "
            + "(CREATE_PROCESS_INSTANCE, line 7)");
    assertThat(results.get(1).name()).isEqualTo("Order still runs after the stuck one");
    assertThat(results.get(1).status()).isEqualTo(TestResult.Status.PASSED);
  }
}
