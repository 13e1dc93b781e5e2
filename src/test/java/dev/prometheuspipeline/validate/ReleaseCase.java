package dev.prometheuspipeline.validate;

import dev.prometheuspipeline.release.ArtifactType;
import dev.prometheuspipeline.release.FetchedArtifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A multi-file case of the labelled corpus under {@code src/test/resources/validate/release/<case>/}: its
 * engine resources as fetched artifacts (paths relative to the case folder, so the first folder is the
 * product), and its worker declarations ({@code <folder>/package.json}).
 */
final class ReleaseCase {
  private ReleaseCase() {}

  static List<FetchedArtifact> artifacts(String name) {
    Path root = folder(name);
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .filter(file -> ArtifactType.ofFileName(file.getFileName().toString()).isPresent())
          .sorted()
          .map(file -> {
            String path = root.relativize(file).toString().replace('\\', '/');
            return Corpus.fetched(ArtifactType.ofFileName(path).orElseThrow(), path, bytes(file));
          })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The worker declaration {@code <case>/<folder>/package.json}, reported as {@code <folder>/package.json}. */
  static WorkerDeclarations workers(String name, String folder) {
    String path = folder + "/package.json";
    return WorkerDeclarations.fromPackageJson(path, bytes(folder(name).resolve(path)));
  }

  /** The pipeline's own release models, as one product folder {@code pipeline/}. */
  static List<FetchedArtifact> ownModels() {
    return Stream.of("processes/release.bpmn", "processes/validar.bpmn", "processes/implantar.bpmn", "dmn/deploy-gate.dmn",
            "dmn/regra-de-ouro.dmn", "dmn/approval-routing.dmn", "forms/aprovar-release.form",
      "forms/dispensar-criterios.form")
        .map(path -> {
          try (var in = ReleaseCase.class.getClassLoader().getResourceAsStream(path)) {
            return Corpus.fetched(ArtifactType.ofFileName(path).orElseThrow(), "pipeline/" + path, in.readAllBytes());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        })
        .toList();
  }

  private static Path folder(String name) {
    URL url = ReleaseCase.class.getResource("/validate/release/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no release case " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
