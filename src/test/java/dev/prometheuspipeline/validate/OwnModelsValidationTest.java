package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.Artifact;
import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import dev.prometheuspipeline.testing.SandboxTester;
import dev.prometheuspipeline.testing.TestReport;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipeline's own release models pass the same validate and test stages it applies to others. */
class OwnModelsValidationTest {
  private static final List<String> OWN_MODELS = List.of(
      "processes/release.bpmn", "processes/validar.bpmn", "processes/implantar.bpmn", "dmn/deploy-gate.dmn",
      "dmn/regra-de-ouro.dmn", "dmn/approval-routing.dmn", "forms/aprovar-release.form",
      "forms/dispensar-criterios.form");

  @Test
  void theReleaseModelsHaveNoValidationErrors() throws Exception {
    Report report = new Validator(10 * 1024 * 1024).validate(ownModels());

    assertThat(report.errors()).as(report.summary()).isEmpty();
  }

  @Test
  void theReleaseModelsDeployTogetherInTheSandbox() throws Exception {
    TestReport report = new SandboxTester().test(ownModels());

    assertThat(report.failures()).as(report.summary()).isEmpty();
    assertThat(report.passed()).isEqualTo(OWN_MODELS.size());
  }

  private static List<FetchedArtifact> ownModels() throws Exception {
    List<FetchedArtifact> models = new java.util.ArrayList<>();
    for (String path : OWN_MODELS) {
      byte[] bytes;
      try (InputStream in = OwnModelsValidationTest.class.getClassLoader().getResourceAsStream(path)) {
        bytes = in.readAllBytes();
      }
      ArtifactType type = ArtifactType.ofFileName(path).orElseThrow();
      String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      // One product folder, as a team would ship these: "pipeline/processes/release.bpmn".
      models.add(new FetchedArtifact(new Artifact(type, path.substring(path.lastIndexOf('/') + 1),
          "pipeline/" + path, "0000000"), digest, bytes.length, bytes));
    }
    return models;
  }
}
