package dev.prometheuspipeline.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the command line answers before any model is read: help, version, and mistakes in the arguments. */
class CommandLineTest {
  @TempDir Path dir;

  @Test
  void helpPrintsTheUsageOnStandardOutputAndExitsZero() {
    Run run = run("validate", "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("usage: validate <dir> [--format text|json|sarif|html]")
        .contains("--format=FORMAT", "--output=FILE", "--config=FILE", "--public-url=URL", "2   usage or I/O problem");
    assertThat(run.err()).isEmpty();
    assertThat(run("test", "-h").out()).startsWith("usage: test <dir>").contains("--timeout=DURATION", "--no-workers");
  }

  @Test
  void helpAndVersionWithoutASubcommandAreCommandsToo() {
    assertThat(Commands.isCommand(new String[] {"--help"})).isTrue();
    assertThat(Commands.isCommand(new String[] {"-V"})).isTrue();
    assertThat(Commands.isCommand(new String[] {"help"})).isFalse();

    Run help = run("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("validate      The validate stage's checks", "test          The test stage",
        "worker-agent  The workers' deploy hook");
  }

  @Test
  void everyOptionAndSubcommandOfTheTopLevelCommandIsACommand() {
    CommandLine commandLine = new CommandLine(new PipelineCommand());

    assertThat(commandLine.getCommandSpec().options()).flatExtracting(option -> List.of(option.names()))
        .contains("--help", "--version")
        .allMatch(name -> Commands.isCommand(new String[] {name}));
    assertThat(PipelineCommand.SUBCOMMANDS).extracting(subcommand -> new CommandLine(subcommand).getCommandName())
        .containsExactly("validate", "test", "worker-agent")
        .allMatch(name -> Commands.isCommand(new String[] {name}));
  }

  @Test
  void versionNamesTheProgram() {
    Run run = run("--version");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("prometheus-pipeline ");
    assertThat(run("test", "--version").out()).isEqualTo(run.out());
  }

  @Test
  void anUnknownOptionIsNamedWithTheUsage() {
    Run run = run("validate", dir.toString(), "--frmat", "json");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("validate: Unknown options: '--frmat', 'json'").contains("usage: validate <dir>");
  }

  @Test
  void aMissingDirectoryOperandIsNamed() {
    Run run = run("test");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("test: Missing required parameter: '<dir>'");
  }

  @Test
  void aValueThatDoesNotConvertIsNamedAfterItsOption() {
    assertThat(run("test", dir.toString(), "--parallelism", "0").err())
        .startsWith("test: --parallelism: must be 1 or more: 0");
    assertThat(run("test", dir.toString(), "--parallelism=many").err())
        .startsWith("test: --parallelism: not a number: many");
    assertThat(run("test", dir.toString(), "--timeout", "0").err())
        .startsWith("test: --timeout: must be positive, such as PT30S or 30: 0");
    Run relative = run("validate", dir.toString(), "--public-url", "pipeline.example.com");
    assertThat(relative.exit()).isEqualTo(2);
    assertThat(relative.err()).startsWith("validate: --public-url: must be absolute, such as https://");
  }

  @Test
  void messagesAreWrittenInTheStreamsEncoding() {
    Run run = run("validate", dir.resolve("modelos-de-produção").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("modelos-de-produção is not a directory");
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Commands.run(args, print(out), print(err)).orElseThrow();
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private record Run(int exit, String out, String err) {}
}
