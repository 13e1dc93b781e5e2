package dev.prometheuspipeline.supplychain;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real npm project whose {@code package-lock.json} the real npm writes ({@code --package-lock-only}: it
 * resolves from the registry and writes the lock file, installing nothing and running no scripts).
 */
final class NpmProject {
  private static final long TIMEOUT_SECONDS = 300;

  private NpmProject() {}

  /**
   * Writes a package.json named {@code name} in {@code dir} and locks {@code dependencies}, then
   * {@code devDependencies}, at their exact versions. Skips the test when npm is missing, except under
   * {@code CI=true}, where CI's machine has npm and a skip would hide the loss of the test.
   */
  static Path locked(Path dir, String name, List<String> dependencies, List<String> devDependencies)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("package.json"),
        "{\"name\": \"" + name + "\", \"version\": \"1.0.0\", \"private\": true}\n");
    requireNpm(dir);
    npm(dir, dependencies, List.of());
    if (!devDependencies.isEmpty()) {
      npm(dir, devDependencies, List.of("--save-dev"));
    }
    return dir;
  }

  private static void requireNpm(Path dir) throws IOException, InterruptedException {
    boolean present;
    try {
      Process version = new ProcessBuilder("npm", "--version").directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(dir.resolve("npm-version.txt").toFile()).start();
      present = version.waitFor(60, TimeUnit.SECONDS) && version.exitValue() == 0;
      Files.deleteIfExists(dir.resolve("npm-version.txt"));
    } catch (IOException notInstalled) {
      present = false;
    }
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("npm is not installed on this CI machine: the SBOM tests need it to write a real package-lock.json");
    }
    assumeTrue(present, "npm is not installed: skipping the tests on a real package-lock.json");
  }

  private static void npm(Path dir, List<String> packages, List<String> flags)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("npm", "install", "--package-lock-only", "--save-exact",
        "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"));
    command.addAll(flags);
    command.addAll(packages);
    Path log = dir.resolve("npm-install.log");
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " took over " + TIMEOUT_SECONDS + " s");
    }
    if (process.exitValue() != 0) {
      fail(String.join(" ", command) + " exited " + process.exitValue() + ":\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    Files.delete(log);
  }
}
