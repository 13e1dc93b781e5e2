package dev.prometheuspipeline.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {
  @TempDir Path root;

  @Test
  void artifactsArePathsRelativeToTheDirectoryWithTheFirstFolderAsProduct() throws IOException {
    write("Genesis/dmn/desconto.dmn", "<definitions/>");
    write("Genesis/forms/aprovar.form", "{}");
    write("README.md", "not a model");

    ModelDirectory directory = ModelDirectory.read(root, 1000);

    assertThat(directory.artifacts()).extracting(FetchedArtifact::path)
        .containsExactly("Genesis/dmn/desconto.dmn", "Genesis/forms/aprovar.form");
    FetchedArtifact dmn = directory.artifacts().get(0);
    assertThat(dmn.type()).isEqualTo(ArtifactType.DMN);
    assertThat(dmn.artifact().product()).isEqualTo("Genesis");
    assertThat(dmn.text()).isEqualTo("<definitions/>");
    assertThat(dmn.digest()).hasSize(64);
  }

  @Test
  void aFileOverTheLimitIsNotReadButKeepsItsSize() throws IOException {
    write("P/huge.bpmn", "x".repeat(5000));

    FetchedArtifact huge = ModelDirectory.read(root, 1000).artifacts().get(0);

    assertThat(huge.sizeBytes()).isEqualTo(5000);
    assertThat(huge.content()).isEmpty();
  }

  @Test
  void theRuleConfigurationFilesAtTheRootAreRead() throws IOException {
    write(".prometheus/rules.json", "{\"rules\": {}}");
    write(".bpmnlintrc", "{\"extends\": \"bpmnlint:recommended\"}");
    write("P/.bpmnlintrc", "ignored: not at the root");

    ModelDirectory directory = ModelDirectory.read(root, 1000);

    assertThat(directory.configFiles()).containsOnlyKeys(".prometheus/rules.json", ".bpmnlintrc");
    assertThat(new String(directory.configFiles().get(".bpmnlintrc"), StandardCharsets.UTF_8))
        .contains("bpmnlint:recommended");
  }

  @Test
  void workerFoldersComeInPathOrderSoEveryRunChecksTopicsAgainstTheSameOne() throws IOException {
    for (String folder : List.of("workers/zeta", "workers/alpha", "api", "workers/mid")) {
      write(folder + "/package.json", "{}");
    }

    ModelDirectory directory = ModelDirectory.read(root, 1000);

    assertThat(directory.workerFolders().keySet()).containsExactly("api", "workers/alpha", "workers/mid", "workers/zeta");
  }

  private void write(String path, String content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
