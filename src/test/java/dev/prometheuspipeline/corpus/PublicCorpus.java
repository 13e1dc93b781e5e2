package dev.prometheuspipeline.corpus;

import dev.prometheuspipeline.release.ArtifactType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The models Camunda's engineers wrote for the 7.24 engine's own tests ({@code camunda-engine:7.24.0:tests}
 * on the test classpath): BPMN ({@code .bpmn}, {@code .bpmn20.xml}), DMN ({@code .dmn}, {@code .dmn11.xml})
 * and Camunda Forms. CMMN is left out: the pipeline does not ship it.
 */
final class PublicCorpus {
  /** A resource only the engine's test jar holds; it locates the jar. */
  private static final String MARKER = "org/camunda/bpm/engine/test/api/oneTaskProcess.bpmn20.xml";

  private static final Map<String, ArtifactType> SUFFIXES =
      Map.of(
          ".bpmn", ArtifactType.BPMN,
          ".bpmn20.xml", ArtifactType.BPMN,
          ".dmn", ArtifactType.DMN,
          ".dmn11.xml", ArtifactType.DMN,
          ".form", ArtifactType.FORM);

  private PublicCorpus() {}

  /** Where the test jar is, for the summary. */
  static Path jar() {
    try {
      return Path.of(connection().getJarFileURL().toURI());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every model of the jar, sorted by path. */
  static List<PublicModel> all() {
    List<PublicModel> models = new ArrayList<>();
    try (JarFile jar = new JarFile(jar().toFile())) {
      for (JarEntry entry : java.util.Collections.list(jar.entries())) {
        Optional<ArtifactType> type = typeOf(entry.getName());
        if (entry.isDirectory() || type.isEmpty()) {
          continue;
        }
        try (InputStream in = jar.getInputStream(entry)) {
          models.add(new PublicModel(entry.getName(), type.get(), in.readAllBytes()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    models.sort(Comparator.comparing(PublicModel::path));
    return models;
  }

  static Optional<ArtifactType> typeOf(String path) {
    return SUFFIXES.entrySet().stream()
        .filter(suffix -> path.endsWith(suffix.getKey()))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  private static JarURLConnection connection() throws IOException {
    URL marker = PublicCorpus.class.getClassLoader().getResource(MARKER);
    if (marker == null || !"jar".equals(marker.getProtocol())) {
      throw new IllegalStateException(
          "the engine's test jar (org.camunda.bpm:camunda-engine:7.24.0:tests) is not on the test classpath: "
              + MARKER + " not found in a jar; check the test dependencies in pom.xml");
    }
    return (JarURLConnection) marker.openConnection();
  }
}
