package dev.prometheuspipeline.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model fixtures bpmn-io published on npm: the early releases of its moddle packages, of dmn-js and
 * of the Camunda properties panel shipped their tests' models (later ones stopped). Fetched by {@code npm pack} into
 * {@code <build dir>/npm-test-models/} the first time and unpacked there, so nothing third-party is
 * committed and later runs need no network.
 */
final class NpmFixtures {
  /**
   * The last release of each package that still ships its test models; pinned, so the corpus stays fixed.
   * The properties panel's are whole diagrams written for Camunda's extensions; dmn-js's are DMN 1.1
   * tables of every input type.
   */
  static final List<String> PACKAGES =
      List.of("bpmn-moddle@1.3.0", "camunda-bpmn-moddle@4.0.1", "dmn-moddle@1.0.0", "camunda-dmn-moddle@1.0.0",
          "bpmn-js-properties-panel@0.23.0", "dmn-js@0.10.0");

  private static final long TIMEOUT_SECONDS = 180;
  private static final Pattern TARBALL = Pattern.compile("\"filename\"\\s*:\\s*\"([^\"]+)\"");

  private NpmFixtures() {}

  static Path root() {
    return PublicCorpus.buildDir().resolve("npm-test-models");
  }

  /**
   * The unpacked package ({@code .../bpmn-moddle@1.3.0/package}), fetched when missing; empty when this
   * machine has no {@code npm} at all (outside CI). A fetch that fails with npm present is an error, not a skip: the
   * corpus would shrink unnoticed.
   */
  static Optional<Path> unpacked(String spec) {
    Path dir = root().resolve(spec);
    Path unpacked = dir.resolve("package");
    if (Files.isDirectory(unpacked)) {
      return Optional.of(unpacked);
    }
    try {
      Files.createDirectories(dir);
      Optional<String> packed = run(dir, "npm", "pack", spec, "--json", "--silent", "--pack-destination", dir.toString());
      if (packed.isEmpty()) {
        if ("true".equals(System.getenv("CI"))) {
          // CI's machine kind has npm; without it there the corpus would shrink with nobody noticing.
          throw new IllegalStateException("no npm on this CI machine to fetch " + spec);
        }
        return Optional.empty();
      }
      Matcher tarball = TARBALL.matcher(packed.get());
      if (!tarball.find()) {
        throw new IllegalStateException("npm pack " + spec + " named no tarball: " + packed.get());
      }
      run(dir, "tar", "-xzf", dir.resolve(tarball.group(1)).toString(), "-C", dir.toString())
          .orElseThrow(() -> new IllegalStateException("no tar on this machine to unpack " + spec));
      return Optional.of(unpacked);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The command's standard output; empty when the program is not installed. */
  private static Optional<String> run(Path dir, String... command) throws IOException {
    Path output = dir.resolve("out.txt");
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException notInstalled) {
      return Optional.empty();
    }
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " took over " + TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException(e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue());
    }
    return Optional.of(Files.readString(output, StandardCharsets.UTF_8));
  }
}
