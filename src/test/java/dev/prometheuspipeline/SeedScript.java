package dev.prometheuspipeline;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The seed's shell clients as real processes: {@code deploy-camunda.sh} (seed 004, section 4.2.1) and the
 * curl of its workflow, both byte for byte as the seed has them, under {@code src/test/resources/seed/}.
 *
 * <p>The script hard-codes its repository, {@code /home/camunda-orquestrador/_Zarah-Camunda}. Rather than edit
 * it, {@link #deployScript} runs it in a mount namespace of its own ({@code unshare -m}) where a directory of
 * the caller's is bind-mounted over {@code /home}: the script sees its path, the machine's {@code /home} is
 * untouched. As root that needs nothing more; otherwise {@code unshare -r} maps the caller to root in a user
 * namespace of its own.
 */
public final class SeedScript {
  /** Where the script expects its repository, relative to {@code /home}. */
  public static final String REPO_UNDER_HOME = "camunda-orquestrador/_Zarah-Camunda";
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private SeedScript() {}

  /** What a run printed (standard output and error, in order) and how it exited. */
  public record Run(int exit, String output) {}

  /**
   * Fails when a program the seed's scripts need is missing and CI=true; elsewhere the test is skipped. The
   * script needs bash, curl, git, find, date and mount namespaces; the workflow needs openssl and sed.
   */
  public static void requireTools(String... programs) {
    for (String program : programs) {
      boolean found = run(List.of("sh", "-c", "command -v " + program), Map.of(), null).exit() == 0;
      if (!"true".equals(System.getenv("CI"))) {
        assumeTrue(found, program + " is not installed");
      } else if (!found) {
        throw new AssertionError(program + " is not installed, and CI=true: the seed's scripts need it");
      }
    }
  }

  /** Fails (CI=true) or skips when this process cannot make a mount namespace to give the script its path. */
  public static void requireMountNamespace(Path scratch) {
    Run probe = run(namespaced(scratch, List.of("true")), Map.of(), null);
    String why = "cannot bind-mount over /home in a private mount namespace (" + probe.output().strip() + ")";
    if (!"true".equals(System.getenv("CI"))) {
      assumeTrue(probe.exit() == 0, why);
    } else if (probe.exit() != 0) {
      throw new AssertionError(why + ", and CI=true: run as root, or allow unprivileged user namespaces");
    }
  }

  /**
   * Runs the seed's {@code deploy-camunda.sh}, unchanged, with {@code home} in place of {@code /home}: the
   * caller puts a Git clone at {@code home/camunda-orquestrador/_Zarah-Camunda}.
   *
   * @param environment what the seed's service gives it: {@code CAMUNDA_URL}, {@code CAMUNDA_USER},
   *     {@code CAMUNDA_PASS}
   */
  public static Run deployScript(Path home, Path scratch, Map<String, String> environment) {
    Path script = copy("seed/deploy-camunda.sh", scratch);
    return run(namespaced(home, List.of("bash", script.toString())), environment, scratch);
  }

  /** Runs the seed workflow's two steps with {@code DEPLOY_URL} and {@code DEPLOY_SECRET} as its secrets. */
  public static Run workflow(Path scratch, String deployUrl, String deploySecret) {
    Path script = copy("seed/deploy-camunda-workflow.sh", scratch);
    return run(List.of("bash", script.toString()), Map.of("DEPLOY_URL", deployUrl, "DEPLOY_SECRET", deploySecret,
        "GITHUB_OUTPUT", scratch.resolve("github-output").toString()), scratch);
  }

  /**
   * {@code command} in a private mount namespace where {@code home} is mounted over {@code /home}. The
   * scripts are run from copies outside {@code /home}, since the mount hides whatever was there.
   */
  private static List<String> namespaced(Path home, List<String> command) {
    List<String> line = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private"));
    if (!"root".equals(System.getProperty("user.name"))) {
      line.add(1, "-r");
    }
    line.addAll(List.of("sh", "-c", "mount --bind \"$0\" /home && exec \"$@\"", home.toString()));
    line.addAll(command);
    return line;
  }

  /** The resource copied, as it is, into {@code dir}, executable. */
  private static Path copy(String resource, Path dir) {
    Path target = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
    try (InputStream in = SeedScript.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + resource);
      }
      Files.write(target, in.readAllBytes());
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Run run(List<String> command, Map<String, String> environment, Path dir) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    if (dir != null) {
      builder.directory(dir.toFile());
    }
    try {
      // To a file, not a pipe: a script that hangs must not hang the read, only hit the timeout.
      Path log = Files.createTempFile("seed-script", ".log");
      builder.redirectOutput(log.toFile());
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " ran longer than " + TIMEOUT + ":\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.delete(log);
      return new Run(process.exitValue(), output);
    } catch (IOException e) {
      return new Run(127, command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
