package dev.prometheuspipeline.agent;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a worker agent is configured. The secret is here for the agent to verify with and is never printed:
 * {@link #toString()} leaves it out.
 *
 * @param address where to listen; loopback unless a proxy or the pipeline must reach it from elsewhere
 * @param repository the workers' repository, a URL (credentials in it are used, never shown) or a path
 * @param workDir the checkout the agent owns: cloned into once, then fetched and checked out per deploy
 * @param stateFile where the status survives a restart
 * @param install the install command, as arguments (no shell): {@code npm ci} by default
 * @param restart the restart command, as arguments: {@code pm2 restart 0} in the seed
 * @param tolerance how far a request's timestamp may be from this clock
 * @param commandTimeout how long the fetch, the install and the restart may each take
 * @param maxBodyBytes the largest {@code POST /deploy} body read
 */
public record WorkerAgentSettings(InetSocketAddress address, String repository, String gitUsername,
    String gitPassword, Path workDir, Path stateFile, String secret, List<String> install, List<String> restart,
    Duration tolerance, Duration commandTimeout, int maxBodyBytes) {

  public static final List<String> DEFAULT_INSTALL = List.of("npm", "ci");
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(10);
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  public WorkerAgentSettings {
    requireNonNull(address, "address");
    requireNonNull(repository, "repository");
    gitUsername = gitUsername == null ? "" : gitUsername;
    gitPassword = gitPassword == null ? "" : gitPassword;
    workDir = workDir.toAbsolutePath().normalize();
    stateFile = stateFile == null ? defaultStateFile(workDir) : stateFile.toAbsolutePath().normalize();
    requireNonNull(secret, "secret");
    if (secret.isBlank()) {
      throw new IllegalArgumentException("the agent's secret is empty");
    }
    install = List.copyOf(install);
    restart = List.copyOf(restart);
    if (install.isEmpty() || restart.isEmpty()) {
      throw new IllegalArgumentException("the install and restart commands need at least a program name");
    }
    requireNonNull(tolerance, "tolerance");
    requireNonNull(commandTimeout, "commandTimeout");
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
    }
  }

  /** Settings with the defaults for everything a deploy hook usually leaves alone. */
  public static WorkerAgentSettings of(InetSocketAddress address, String repository, Path workDir, String secret,
      List<String> restart) {
    return new WorkerAgentSettings(address, repository, "", "", workDir, null, secret, DEFAULT_INSTALL, restart,
        DEFAULT_TOLERANCE, DEFAULT_COMMAND_TIMEOUT, DEFAULT_MAX_BODY_BYTES);
  }

  /** Beside the checkout, not in it: a checkout is the repository's files, and a forced checkout rewrites them. */
  static Path defaultStateFile(Path workDir) {
    Path parent = workDir.getParent() == null ? workDir : workDir.getParent();
    return parent.resolve(workDir.getFileName() + ".worker-agent.json");
  }

  public WorkerAgentSettings withInstall(List<String> command) {
    return new WorkerAgentSettings(address, repository, gitUsername, gitPassword, workDir, stateFile, secret,
        command, restart, tolerance, commandTimeout, maxBodyBytes);
  }

  public WorkerAgentSettings withTolerance(Duration window) {
    return new WorkerAgentSettings(address, repository, gitUsername, gitPassword, workDir, stateFile, secret,
        install, restart, window, commandTimeout, maxBodyBytes);
  }

  public WorkerAgentSettings withCommandTimeout(Duration timeout) {
    return new WorkerAgentSettings(address, repository, gitUsername, gitPassword, workDir, stateFile, secret,
        install, restart, tolerance, timeout, maxBodyBytes);
  }

  public WorkerAgentSettings withStateFile(Path file) {
    return new WorkerAgentSettings(address, repository, gitUsername, gitPassword, workDir, file, secret,
        install, restart, tolerance, commandTimeout, maxBodyBytes);
  }

  public WorkerAgentSettings withGitCredentials(String username, String password) {
    return new WorkerAgentSettings(address, repository, username, password, workDir, stateFile, secret,
        install, restart, tolerance, commandTimeout, maxBodyBytes);
  }

  @Override
  public String toString() {
    return "WorkerAgentSettings[address=" + address + ", workDir=" + workDir + ", install=" + install
        + ", restart=" + restart + ", tolerance=" + tolerance + ", commandTimeout=" + commandTimeout + "]";
  }
}
