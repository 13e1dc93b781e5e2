package dev.prometheuspipeline.command;

import dev.prometheuspipeline.agent.WorkerAgent;
import dev.prometheuspipeline.agent.WorkerAgentSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code worker-agent --repository URL --work-dir DIR --restart COMMAND [options]}: the workers' deploy hook on a
 * worker host, in place of the seed's {@code git pull && npm install && pm2 restart} script. Runs until killed.
 */
@Command(name = "worker-agent", synopsisHeading = "usage: ",
    // Each line within picocli's 80 columns (with "usage: "), or it wraps them mid-synopsis.
    customSynopsis = {"worker-agent --repository URL --work-dir DIR --restart COMMAND",
        "             [--port N] [--bind ADDRESS] [--secret-file FILE]",
        "             [--install COMMAND] [--tolerance DURATION]",
        "             [--command-timeout DURATION] [--state-file FILE] [-hV]"},
    sortOptions = false,
    description = {"The workers' deploy hook: POST /deploy (signed as the seed signs) checks out exactly the commit"
        + " asked for, runs the install command, then the restart command; GET /status (signed) says how it went;"
        + " GET /health answers UP. Runs until killed.",
        "",
        "The secret is read from --secret-file or the environment variable WORKER_AGENT_SECRET, never from the"
            + " command line; Git credentials from WORKER_AGENT_GIT_USERNAME and WORKER_AGENT_GIT_PASSWORD."},
    descriptionHeading = "%n", parameterListHeading = "%n", exitCodeListHeading = "%nexit code:%n",
    exitCodeList = {"2:usage problem, or the address cannot be bound"})
final class WorkerAgentCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--repository", required = true, paramLabel = "URL",
      description = "the workers' repository: an https:// or file:// URL, or a local path")
  private String repository;

  @Option(names = "--work-dir", required = true, paramLabel = "DIR",
      description = "the checkout the agent owns, where the workers run from: cloned into when empty or new")
  private Path workDir;

  @Option(names = "--restart", required = true, paramLabel = "COMMAND", converter = Words.class,
      description = "the restart command, run in DIR without a shell, e.g. 'pm2 restart 0'")
  private List<String> restart;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8090", description = "the port (default 8090)")
  private int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "the address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)")
  private String bind;

  @Option(names = "--secret-file", paramLabel = "FILE",
      description = "a file holding the shared secret (default: environment variable WORKER_AGENT_SECRET)")
  private Optional<Path> secretFile;

  @Option(names = "--install", paramLabel = "COMMAND", defaultValue = "npm ci", converter = Words.class,
      description = "the install command, run in DIR without a shell (default 'npm ci')")
  private List<String> install;

  @Option(names = "--tolerance", paramLabel = "DURATION", defaultValue = "PT5M", converter = TestCommand.Timeout.class,
      description = "how far a request's X-Timestamp may be from this clock (default PT5M)")
  private Duration tolerance;

  @Option(names = "--command-timeout", paramLabel = "DURATION", defaultValue = "PT10M", converter = TestCommand.Timeout.class,
      description = "how long the fetch, the install and the restart may each take (default PT10M)")
  private Duration commandTimeout;

  @Option(names = "--state-file", paramLabel = "FILE",
      description = "where the status survives a restart (default: beside DIR, <DIR>.worker-agent.json)")
  private Optional<Path> stateFile;

  @Override
  public Integer call() throws IOException, InterruptedException {
    String secret = secret();
    WorkerAgentSettings settings = new WorkerAgentSettings(new InetSocketAddress(bind, port), repository,
        System.getenv("WORKER_AGENT_GIT_USERNAME"), System.getenv("WORKER_AGENT_GIT_PASSWORD"), workDir,
        stateFile.orElse(null), secret, install, restart, tolerance, commandTimeout,
        WorkerAgentSettings.DEFAULT_MAX_BODY_BYTES);
    CommandLogging.serviceLogs("dev.prometheuspipeline.agent");
    WorkerAgent agent;
    try {
      agent = WorkerAgent.start(settings);
    } catch (IOException e) {
      spec.commandLine().getErr().println("worker-agent: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
      return 2;
    }
    spec.commandLine().getOut().println("worker-agent listening on " + agent.address());
    spec.commandLine().getOut().flush();
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM (pm2, systemd): stop a running install rather than leave it orphaned.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.close();
      stopped.countDown();
    }, "worker-agent-stop"));
    stopped.await();
    return 0;
  }

  private String secret() throws IOException {
    String secret = secretFile.isPresent()
        ? Files.readString(secretFile.get(), StandardCharsets.UTF_8).strip()
        : Optional.ofNullable(System.getenv("WORKER_AGENT_SECRET")).orElse("").strip();
    if (secret.isEmpty()) {
      throw new ParameterException(spec.commandLine(), secretFile.isPresent()
          ? "--secret-file: the file is empty"
          : "no secret: give --secret-file FILE or set the environment variable WORKER_AGENT_SECRET");
    }
    return secret;
  }

  /**
   * A command as words, split on blanks, quotes grouping (as a shell would, with nothing expanded):
   * {@code sh -c 'echo restarted >> marker'} is three arguments.
   */
  static final class Words implements ITypeConverter<List<String>> {
    @Override
    public List<String> convert(String value) {
      List<String> words = new ArrayList<>();
      StringBuilder word = new StringBuilder();
      boolean inWord = false;
      char quote = 0;
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (quote != 0) {
          if (c == quote) {
            quote = 0;
          } else {
            word.append(c);
          }
        } else if (c == '\'' || c == '"') {
          quote = c;
          inWord = true;
        } else if (Character.isWhitespace(c)) {
          if (inWord) {
            words.add(word.toString());
            word.setLength(0);
            inWord = false;
          }
        } else {
          word.append(c);
          inWord = true;
        }
      }
      if (quote != 0) {
        throw new TypeConversionException("unclosed " + quote + " quote: " + value);
      }
      if (inWord) {
        words.add(word.toString());
      }
      if (words.isEmpty()) {
        throw new TypeConversionException("give a program and its arguments, such as 'pm2 restart 0'");
      }
      return List.copyOf(words);
    }
  }
}
