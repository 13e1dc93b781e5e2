package dev.prometheuspipeline.command;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The jar's subcommands ({@code java -jar prometheus-pipeline.jar validate <dir>}), dispatched before
 * Spring starts: a command must not pay for, or open, the web server, the process application or a
 * datasource.
 */
public final class Commands {
  /** A new subcommand is one more entry here. */
  private static final Map<String, Command> COMMANDS = Map.of(
      "validate", new ValidateCommand(),
      "test", new TestCommand());

  private Commands() {}

  /** True when {@code args} name a subcommand, so the application must not start. */
  public static boolean isCommand(String[] args) {
    return args.length > 0 && COMMANDS.containsKey(args[0]);
  }

  /**
   * Runs the subcommand {@code args[0]} names as the whole process: logging set up for a command line, the
   * result on the process's standard output (a command's output is its product, the one place this code
   * writes to it), problems on standard error.
   *
   * @return the exit code; call only when {@link #isCommand(String[])}
   */
  public static int runAsProcess(String[] args) {
    if (!isCommand(args)) {
      throw new IllegalArgumentException("not a subcommand: " + String.join(" ", args));
    }
    CommandLogging.toStandardError();
    return run(args, System.out, System.err).orElseThrow();
  }

  /**
   * Runs the subcommand {@code args[0]} names.
   *
   * @return its exit code; empty when {@code args} name no subcommand (start the application instead)
   */
  public static OptionalInt run(String[] args, PrintStream out, PrintStream err) {
    requireNonNull(args, "args");
    Optional<Command> command = args.length == 0 ? Optional.empty() : Optional.ofNullable(COMMANDS.get(args[0]));
    if (command.isEmpty()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(command.get().run(Arrays.asList(args).subList(1, args.length), out, err));
  }
}
