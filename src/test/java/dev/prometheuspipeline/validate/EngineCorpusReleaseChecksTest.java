package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The release checks over Camunda's own ~1950 test models (the engine's tests jar, unpacked by the build
 * into {@code <build dir>/engine-test-models}: a public corpus of every BPMN construct): none breaks a
 * check, and data flow, which cannot know what these processes are started with, warns about nothing.
 */
class EngineCorpusReleaseChecksTest {
  @Test
  void everyEngineTestModelGoesThroughTheReleaseChecksWithoutBreakingOne() throws Exception {
    List<ReleaseModels.Shipped> models = engineTestModels();
    List<Finding> findings = new ArrayList<>();
    for (ReleaseModels.Shipped model : models) {
      // One model per release, as the engine's tests deploy them.
      findings.addAll(new ReleaseChecks(ReleaseContext.NONE).check(List.of(model)));
    }

    assertThat(models).hasSizeGreaterThan(1500);
    assertThat(findings).extracting(Finding::rule).doesNotContain(Validator.CHECK_FAILED)
        .doesNotContain(DataFlow.READ_BEFORE_WRITE.id());
  }

  private static List<ReleaseModels.Shipped> engineTestModels() throws IOException, URISyntaxException {
    // <build dir>/test-classes/validate/README.md → <build dir>/engine-test-models, whatever -Dbuild.dir says.
    Path buildDir = Path.of(EngineCorpusReleaseChecksTest.class.getResource("/validate/README.md").toURI())
        .getParent().getParent().getParent();
    Path corpus = buildDir.resolve("engine-test-models");
    // The build unpacks them (generate-test-resources); a build without that step has no corpus to read.
    assumeTrue(Files.isDirectory(corpus), "no " + corpus + ": this build does not unpack the engine's test models");
    List<ReleaseModels.Shipped> models = new ArrayList<>();
    try (Stream<Path> files = Files.walk(corpus)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = corpus.relativize(file).toString().replace('\\', '/');
        if (!name.endsWith(".bpmn") && !name.endsWith(".bpmn20.xml")) {
          continue;
        }
        byte[] bytes = Files.readAllBytes(file);
        XmlScanner.Scan scan = new XmlScanner().scan(name, bytes);
        if (!scan.passed()) {
          continue;
        }
        FetchedArtifact artifact = Corpus.fetched(ArtifactType.BPMN, "engine/" + name, bytes);
        models.add(new ReleaseModels.Shipped(artifact.artifact(),
            new CheckedFile(artifact.path(), artifact.artifact().resourceName(), bytes, artifact.text(),
                scan.locations())));
      }
    }
    return models;
  }
}
