package dev.prometheuspipeline.smoke;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static targetengine.Artifacts.fetched;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.CompanionFile;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.testing.ModelTests;
import dev.prometheuspipeline.testing.TestFile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Smoke files are checked against the release before anything deploys; the sandbox leaves them alone. */
class SmokeFileCheckTest {
  private static final String PATH = "tests/Genesis/smoke/order.json";
  private final List<FetchedArtifact> release =
      List.of(fetched(ArtifactType.BPMN, "Genesis/order.bpmn", SmokeModels.order("pedido", "ship-order", "OrderPaid")));

  private static TestFile smoke(String instructions) {
    return new TestFile(PATH, ("{ \"testCases\": [ { \"name\": \"Order\", \"instructions\": [\n"
        + "  { \"type\": \"CREATE_PROCESS_INSTANCE\", \"processDefinitionSelector\": { \"processDefinitionId\": \"pedido\" } },\n"
        + instructions + " ] } ] }").getBytes(UTF_8));
  }

  @Test
  void aSmokeFileNamingTheReleasesProcessElementsTopicsAndMessagesHasNoProblem() {
    TestFile file = smoke("""
          { "type": "COMPLETE_USER_TASK", "userTaskSelector": { "taskName": "Review order" } },
          { "type": "C7_COMPLETE_EXTERNAL_TASK", "externalTaskSelector": { "topic": "ship-order" } },
          { "type": "CORRELATE_MESSAGE", "name": "OrderPaid" },
          { "type": "ASSERT_ELEMENT_INSTANCE", "processInstanceSelector": { "processDefinitionId": "pedido" },
            "elementSelector": { "elementId": "EndEvent_Done" }, "state": "IS_COMPLETED" }""");

    assertThat(SmokeFileCheck.check(List.of(file), release)).isEmpty();
  }

  @Test
  void namesTheReleaseDoesNotDefineAreProblemsAtTheirLine() {
    TestFile file = smoke("""
          { "type": "COMPLETE_USER_TASK", "userTaskSelector": { "elementId": "Task_Approve" } },
          { "type": "C7_COMPLETE_EXTERNAL_TASK", "externalTaskSelector": { "topic": "ship-ordr" } },
          { "type": "CORRELATE_MESSAGE", "name": "OrderPayed" },
          { "type": "ASSERT_PROCESS_INSTANCE", "processInstanceSelector": { "processDefinitionId": "invoice" },
            "state": "IS_COMPLETED" }""");

    assertThat(SmokeFileCheck.check(List.of(file), release)).extracting(SmokeProblem::line, SmokeProblem::message)
        .satisfiesExactly(
            p -> assertThat(p.toList()).containsExactly(3, PATH + " line 3, step 2 (COMPLETE_USER_TASK) of \"Order\": "
                + "no element \"Task_Approve\" in the release's BPMN; use the element id from the BPMN file"),
            p -> assertThat((String) p.toList().get(1)).contains("line 4", "no external task of the release has "
                + "topic \"ship-ordr\"; topics: ship-order"),
            p -> assertThat((String) p.toList().get(1)).contains("line 5", "no message \"OrderPayed\"",
                "messages: OrderPaid"),
            p -> assertThat((String) p.toList().get(1)).contains("line 6", "no process \"invoice\"", "processes: pedido"));
  }

  @Test
  void anInstructionOnlyTheSandboxHasIsAProblemNamingItAndTheReason() {
    TestFile file = smoke("""
          { "type": "MOCK_JOB_WORKER_COMPLETE_JOB", "jobType": "ship-order" }""");

    assertThat(SmokeFileCheck.check(List.of(file), release)).singleElement().satisfies(problem -> {
      assertThat(problem.line()).isEqualTo(3);
      assertThat(problem.message()).contains(PATH, "step 2 (MOCK_JOB_WORKER_COMPLETE_JOB)", "runs only in the sandbox",
          "meet the real ones", "move it to a test outside smoke/");
    });
  }

  @Test
  void aFileTheSchemaRefusesIsAProblemWithTheRunnersMessage() {
    TestFile file = new TestFile(PATH, ("{ \"testCases\": [ { \"name\": \"Order\", \"instructions\": [\n  { \"type\": "
        + "\"CREATE_PROCESS_INSTANCE\" } ] } ] }").getBytes(UTF_8));

    assertThat(SmokeFileCheck.check(List.of(file), release)).singleElement().satisfies(problem -> {
      assertThat(problem.file()).isEqualTo(PATH);
      assertThat(problem.line()).isEqualTo(2);
      assertThat(problem.message()).contains("processDefinitionSelector");
    });
  }

  @Test
  void onlyTestsUnderASmokeFolderAreSmokeFilesAndTheSandboxRunsNoneOfThem() {
    List<CompanionFile> companions = List.of(
        new CompanionFile(CompanionFile.Kind.TEST, "tests/Genesis/order.json", "a".repeat(40), new byte[] {'{', '}'}),
        new CompanionFile(CompanionFile.Kind.TEST, PATH, "a".repeat(40), smoke("").content()),
        new CompanionFile(CompanionFile.Kind.RULE_CONFIG, ".prometheus/rules.json", "a".repeat(40), new byte[0]));

    List<TestFile> smokeFiles = SmokeFiles.of(companions);

    assertThat(smokeFiles).extracting(TestFile::path).containsExactly(PATH);
    assertThat(new ModelTests(1, Duration.ofSeconds(30)).run(release, smokeFiles)).isEmpty();
  }
}
