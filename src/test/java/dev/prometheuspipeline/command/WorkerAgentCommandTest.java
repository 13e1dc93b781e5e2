package dev.prometheuspipeline.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code worker-agent} on the command line: its help, its options, and the mistakes it refuses with exit 2
 * before it listens. (The agent itself is {@code WorkerAgentTest}'s.)
 */
class WorkerAgentCommandTest {
  @TempDir Path dir;

  @Test
  void helpShowsTheUsageTheSecretsSourcesAndTheExitCode() {
    Run run = run("worker-agent", "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("usage: worker-agent --repository URL --work-dir DIR --restart COMMAND\n"
            + "             [--port N] [--bind ADDRESS] [--secret-file FILE]\n"
            + "             [--install COMMAND] [--tolerance DURATION]\n"
            + "             [--command-timeout DURATION] [--state-file FILE] [-hV]\n\n")
        .contains("--repository=URL", "--work-dir=DIR", "--restart=COMMAND", "--port=N", "--bind=ADDRESS",
            "--secret-file=FILE", "--install=COMMAND", "--tolerance=DURATION", "--command-timeout=DURATION",
            "--state-file=FILE", "(default 8090)", "(default 127.0.0.1", "(default 'npm ci')",
            "WORKER_AGENT_SECRET", "WORKER_AGENT_GIT_USERNAME", "2   usage problem, or the address cannot be bound")
        .doesNotContain("--secret=");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void theRepositoryTheWorkDirAndTheRestartCommandAreRequired() {
    Run run = run("worker-agent", "--restart", "pm2 restart 0");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required options", "--repository=URL", "--work-dir=DIR");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void withoutASecretItRefusesToStart() {
    Run run = run("worker-agent", "--repository", dir.resolve("workers.git").toString(),
        "--work-dir", dir.resolve("workers").toString(), "--restart", "pm2 restart 0", "--port", "0");

    assertThat(System.getenv("WORKER_AGENT_SECRET")).as("this test needs the variable unset").isNull();
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains(
        "no secret: give --secret-file FILE or set the environment variable WORKER_AGENT_SECRET");
    assertThat(run.out()).doesNotContain("listening");
  }

  @Test
  void anEmptySecretFileIsRefused() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "  \n");

    Run run = run("worker-agent", "--repository", dir.resolve("workers.git").toString(),
        "--work-dir", dir.resolve("workers").toString(), "--restart", "pm2 restart 0", "--port", "0",
        "--secret-file", secret.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--secret-file: the file is empty");
  }

  @Test
  void badDurationsAndCommandsAreNamed() {
    Run tolerance = run("worker-agent", "--repository", "r", "--work-dir", "w", "--restart", "pm2 restart 0",
        "--tolerance", "five minutes");
    Run restart = run("worker-agent", "--repository", "r", "--work-dir", "w", "--restart", "pm2 'restart 0");

    assertThat(tolerance.exit()).isEqualTo(2);
    assertThat(tolerance.err()).contains("--tolerance", "not a duration (PT30S, or seconds): five minutes");
    assertThat(restart.exit()).isEqualTo(2);
    assertThat(restart.err()).contains("--restart", "unclosed ' quote: pm2 'restart 0");
  }

  @Test
  void anAddressInUseExitsTwoNamingIt() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "s3cret\n");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Run> started = CompletableFuture.supplyAsync(() -> run("worker-agent",
          "--repository", dir.resolve("workers.git").toString(), "--work-dir", dir.resolve("workers").toString(),
          "--restart", "pm2 restart 0", "--secret-file", secret.toString(),
          "--bind", "127.0.0.1", "--port", Integer.toString(taken.getLocalPort())));

      Run run = started.get(60, TimeUnit.SECONDS);

      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err()).startsWith("worker-agent: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ");
      assertThat(run.err()).doesNotContain("s3cret");
    }
  }

  @Test
  void aCommandIsSplitIntoWordsAsAShellWouldWithNothingExpanded() {
    WorkerAgentCommand.Words words = new WorkerAgentCommand.Words();

    assertThat(words.convert("pm2 restart 0")).containsExactly("pm2", "restart", "0");
    assertThat(words.convert("  sh -c 'echo restarted >> marker'  ")).containsExactly("sh", "-c",
        "echo restarted >> marker");
    assertThat(words.convert("npm \"run\" build:$ENV ''")).containsExactly("npm", "run", "build:$ENV", "");
    assertThat(words.convert("a\"b c\"d")).containsExactly("ab cd");
    assertThatThrownBy(() -> words.convert("   ")).isInstanceOf(TypeConversionException.class)
        .hasMessage("give a program and its arguments, such as 'pm2 restart 0'");
    assertThatThrownBy(() -> words.convert("sh -c \"echo")).isInstanceOf(TypeConversionException.class)
        .hasMessage("unclosed \" quote: sh -c \"echo");
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Commands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).orElseThrow();
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Run(int exit, String out, String err) {}
}
