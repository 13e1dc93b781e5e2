package dev.prometheuspipeline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The release checks over Camunda's own ~1950 test models (the engine's tests jar, a public corpus of
 * every BPMN construct): none breaks a check, and data flow, which cannot know what these processes are
 * started with, warns about nothing.
 */
class EngineCorpusReleaseChecksTest {
  private static final String ANCHOR = "org/camunda/bpm/engine/test/api/form/task.form";

  @Test
  void everyEngineTestModelGoesThroughTheReleaseChecksWithoutBreakingOne() throws IOException {
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

  private static List<ReleaseModels.Shipped> engineTestModels() throws IOException {
    URL anchor = EngineCorpusReleaseChecksTest.class.getClassLoader().getResource(ANCHOR);
    assertThat(anchor).as("the engine's tests jar is a test dependency").isNotNull();
    List<ReleaseModels.Shipped> models = new ArrayList<>();
    JarURLConnection connection = (JarURLConnection) anchor.openConnection();
    connection.setUseCaches(false);
    try (JarFile jar = connection.getJarFile()) {
      for (JarEntry entry : jar.stream().toList()) {
        String name = entry.getName();
        if (!name.endsWith(".bpmn") && !name.endsWith(".bpmn20.xml")) {
          continue;
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
          bytes = in.readAllBytes();
        }
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
