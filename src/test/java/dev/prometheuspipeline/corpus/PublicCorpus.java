package dev.prometheuspipeline.corpus;

import dev.prometheuspipeline.release.ArtifactType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The models Camunda's engineers wrote for the 7.24 engine's own tests: BPMN ({@code .bpmn},
 * {@code .bpmn20.xml}), DMN ({@code .dmn}, {@code .dmn11.xml}) and Camunda Forms, which the build unpacks
 * from {@code org.camunda.bpm:camunda-engine:7.24.0:tests} into {@code target/engine-test-models/}
 * (the jar itself stays off the test classpath: its {@code camunda.cfg.xml} would become a second
 * default engine for the REST layer). CMMN is left out: the pipeline does not ship it.
 *
 * <p>Beside them ({@link #others()}), what else Camunda and bpmn-io publish where this build can fetch
 * it: the REST API's test jar (unpacked by the build into {@code target/rest-test-models/}) and the
 * fixtures of the moddle packages on npm ({@link NpmFixtures}). Their paths start with their source
 * ({@code npm:bpmn-moddle@1.3.0/test/fixtures/...}); the engine's keep their jar paths.
 */
final class PublicCorpus {
  /** The source of the models whose path names none. */
  static final String ENGINE = "camunda-engine:7.24.0:tests";
  static final String REST = "camunda-engine-rest-core-jakarta:7.24.0:tests";
  private static final String REST_JAR =
      "org/camunda/bpm/camunda-engine-rest-core-jakarta/7.24.0/camunda-engine-rest-core-jakarta-7.24.0-tests.jar";

  /** A resource only the engine's test jar holds. */
  private static final String MARKER = "org/camunda/bpm/engine/test/api/oneTaskProcess.bpmn20.xml";
  private static final String LOCAL_JAR =
      "org/camunda/bpm/camunda-engine/7.24.0/camunda-engine-7.24.0-tests.jar";

  private static final Map<String, ArtifactType> SUFFIXES =
      Map.of(
          ".bpmn", ArtifactType.BPMN,
          ".bpmn20.xml", ArtifactType.BPMN,
          ".dmn", ArtifactType.DMN,
          ".dmn11.xml", ArtifactType.DMN,
          ".form", ArtifactType.FORM);

  private PublicCorpus() {}

  /** The build's output folder: {@code -Dbuild.dir} when a build sets it, else {@code target}. */
  static Path buildDir() {
    return Path.of(System.getProperty("build.dir", Path.of(System.getProperty("user.dir"), "target").toString()));
  }

  /** Where the build unpacked the models. */
  static Path root() {
    return buildDir().resolve("engine-test-models");
  }

  /** The engine's models, then every other source's. */
  static List<PublicModel> all() {
    List<PublicModel> all = new ArrayList<>(engine());
    all.addAll(others());
    return all;
  }

  /** Where a model comes from: {@link #ENGINE}, or the start of its path. */
  static String sourceOf(String path) {
    int slash = path.indexOf('/');
    String first = slash < 0 ? path : path.substring(0, slash);
    return first.contains(":") ? first : ENGINE;
  }

  /**
   * The models of the other sources, sorted by path. An npm package is missing only when this machine has
   * no npm; the summary counts what each source brought.
   */
  static List<PublicModel> others() {
    List<PublicModel> models = new ArrayList<>();
    Path rest = buildDir().resolve("rest-test-models");
    if (Files.isDirectory(rest.resolve("processes"))) {
      models.addAll(walk(rest, REST + "/"));
    } else {
      Path local = localRepository().resolve(REST_JAR);
      if (!Files.isRegularFile(local)) {
        throw new IllegalStateException("the REST API's test models are not unpacked in " + rest
            + " nor is its test jar in the local Maven repository; run the build through Maven");
      }
      try (JarFile jar = new JarFile(local.toFile())) {
        models.addAll(read(jar, REST + "/"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (String spec : NpmFixtures.PACKAGES) {
      NpmFixtures.unpacked(spec).ifPresent(dir -> models.addAll(walk(dir, "npm:" + spec + "/")));
    }
    models.sort(Comparator.comparing(PublicModel::path));
    return models;
  }

  /** Every model of the engine's test jar, by its path in the jar ({@code org/camunda/bpm/engine/test/...}), sorted by path. */
  static List<PublicModel> engine() {
    Path root = root();
    if (!Files.isDirectory(root.resolve("org/camunda/bpm/engine"))) {
      return fromClasspathJar().orElseThrow(() -> new IllegalStateException(
          "the engine's test models are not unpacked in " + root + " and camunda-engine:7.24.0:tests is"
              + " neither on the classpath nor in the local Maven repository; run the build through Maven"
              + " (phase generate-test-resources unpacks it there; after deleting that folder by hand, delete"
              + " target/dependency-maven-plugin-markers too)"));
    }
    return walk(root, "");
  }

  private static List<PublicModel> walk(Path root, String prefix) {
    List<PublicModel> models = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String path = root.relativize(file).toString().replace('\\', '/');
        Optional<ArtifactType> type = typeOf(path);
        if (type.isPresent()) {
          models.add(new PublicModel(prefix + path, type.get(), Files.readAllBytes(file)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    models.sort(Comparator.comparing(PublicModel::path));
    return models;
  }

  private static Path localRepository() {
    return Path.of(System.getProperty("maven.repo.local",
        Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
  }

  /**
   * When the folder is missing (a build from before the unpacking, or a {@code target} cleaned by hand
   * while the unpack plugin's marker survived), the jar itself: on the test classpath, else in the local
   * Maven repository, where the build resolved it.
   */
  private static Optional<List<PublicModel>> fromClasspathJar() {
    try {
      URL marker = PublicCorpus.class.getClassLoader().getResource(MARKER);
      if (marker != null && "jar".equals(marker.getProtocol())) {
        try (JarFile jar = ((JarURLConnection) marker.openConnection()).getJarFile()) {
          return Optional.of(read(jar, ""));
        }
      }
      Path local = localRepository().resolve(LOCAL_JAR);
      if (Files.isRegularFile(local)) {
        try (JarFile jar = new JarFile(local.toFile())) {
          return Optional.of(read(jar, ""));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<PublicModel> read(JarFile jar, String prefix) throws IOException {
    List<PublicModel> models = new ArrayList<>();
    for (JarEntry entry : Collections.list(jar.entries())) {
      Optional<ArtifactType> type = typeOf(entry.getName());
      if (!entry.isDirectory() && type.isPresent()) {
        try (InputStream in = jar.getInputStream(entry)) {
          models.add(new PublicModel(prefix + entry.getName(), type.get(), in.readAllBytes()));
        }
      }
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
}
