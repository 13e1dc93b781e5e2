package dev.prometheuspipeline.validate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static targetengine.Artifacts.fetched;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.testing.TestFile;
import java.util.List;
import org.junit.jupiter.api.Test;
import targetengine.Models;

/** validar checks the release's smoke files, which run only on targets, as findings on the file and line. */
class SmokeValidationTest {
  private static final String PATH = "tests/Genesis/smoke/order.json";
  private final Validator validator = new Validator(5_000_000);
  private final List<FetchedArtifact> release =
      List.of(fetched(ArtifactType.BPMN, "Genesis/order.bpmn", Models.bpmn("pedido", "Order")));

  private static TestFile smoke(String processId, String extra) {
    return new TestFile(PATH, ("""
        { "testCases": [ { "name": "Order", "instructions": [
          { "type": "CREATE_PROCESS_INSTANCE", "processDefinitionSelector": { "processDefinitionId": "%s" } }%s
        ] } ] }
        """.formatted(processId, extra)).getBytes(UTF_8));
  }

  private List<Finding> smokeFindings(TestFile file) {
    Report report = validator.validate(release, ReleaseContext.NONE.withSmokeFiles(List.of(file)));
    return report.findings().stream().filter(f -> f.rule().equals(SmokeFindings.SMOKE_FILE.id())).toList();
  }

  @Test
  void aSmokeFileStartingAProcessOfTheReleaseIsNoFinding() {
    assertThat(smokeFindings(smoke("pedido", ""))).isEmpty();
  }

  @Test
  void aSmokeFileNamingAProcessTheReleaseDoesNotShipIsAnErrorOnItsLine() {
    assertThat(smokeFindings(smoke("invoice", ""))).singleElement().satisfies(finding -> {
      assertThat(finding.location()).isEqualTo(PATH + ":2");
      assertThat(finding.severity()).isEqualTo(Severity.ERROR);
      assertThat(finding.message()).contains("step 1 (CREATE_PROCESS_INSTANCE)", "no process \"invoice\"",
          "processes: pedido");
    });
  }

  @Test
  void aSandboxOnlyInstructionInASmokeFileIsAnError() {
    List<Finding> findings = smokeFindings(smoke("pedido", ",\n    { \"type\": \"SET_TIME\", \"time\": \"2030-01-01T00:00:00Z\" }"));

    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.location()).isEqualTo(PATH + ":3");
      assertThat(finding.message()).contains("SET_TIME runs only in the sandbox");
    });
  }
}
