package dev.prometheuspipeline.command;

import static java.util.Objects.requireNonNull;

import dev.prometheuspipeline.validate.Validator;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Arrays;
import java.util.Collections;
import java.util.OptionalInt;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;

/**
 * The jar's subcommands ({@code java -jar prometheus-pipeline.jar validate <dir>}), dispatched before
 * Spring starts: a command must not pay for, or open, the web server, the process application or a
 * datasource.
 */
public final class Commands {
  private Commands() {}

  /** The options picocli's standard help mixin gives the top-level command. */
  private static final Set<String> HELP_AND_VERSION = Set.of("-h", "--help", "-V", "--version");
  private static final String VALIDATE = name(ValidateCommand.class);

  /**
   * True when {@code args} name a subcommand, or ask the command line for its help or version, so the
   * application must not start. Spring's own arguments ({@code --server.port=0}) are not commands.
   */
  public static boolean isCommand(String[] args) {
    // The annotations, not a CommandLine: building picocli's model here would slow the server's start, and a
    // command's would build it twice.
    return args.length > 0 && (HELP_AND_VERSION.contains(args[0])
        || PipelineCommand.SUBCOMMANDS.stream().anyMatch(subcommand -> name(subcommand).equals(args[0])));
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
    // picocli's default factory otherwise looks for Groovy's Closure class on start, and a class that is not there
    // is looked for in every jar of the class path, each opened for it.
    System.setProperty("picocli.disable.closures", "true");
    if (args[0].equals(VALIDATE) && Collections.disjoint(Arrays.asList(args), HELP_AND_VERSION)) {
      // The validator's start-up, mostly schema compilation, on the other core while picocli builds its model and
      // the folder is read; the command's own call to it then finds it started.
      Validator.prepareInBackground();
    }
    return run(args, System.out, System.err).orElseThrow();
  }

  /**
   * Runs the subcommand {@code args[0]} names.
   *
   * @return its exit code (0 clean, 1 errors found, 2 usage or I/O problem); empty when {@code args} name no
   *     subcommand (start the application instead)
   */
  public static OptionalInt run(String[] args, PrintStream out, PrintStream err) {
    requireNonNull(args, "args");
    if (!isCommand(args)) {
      return OptionalInt.empty();
    }
    CommandErrors errors = new CommandErrors();
    CommandLine commandLine = new CommandLine(new PipelineCommand());
    for (Class<?> subcommand : PipelineCommand.SUBCOMMANDS) {
      // Only the subcommand asked for goes into picocli's model (the top-level help lists all of them): building
      // one is reflection over its class, a cold start's cost the others need not pay.
      if (HELP_AND_VERSION.contains(args[0]) || name(subcommand).equals(args[0])) {
        commandLine.addSubcommand(subcommand);
      }
    }
    // Set after the subcommands are added: picocli hands these settings to the subcommands it has.
    commandLine.setOut(writer(out))
        .setErr(writer(err))
        // The output is often a file or a CI log: no colours, whatever the terminal.
        .setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF))
        .setParameterExceptionHandler(errors)
        .setExecutionExceptionHandler(errors);
    int exit = commandLine.execute(args);
    out.flush();
    err.flush();
    return OptionalInt.of(exit);
  }

  private static String name(Class<?> subcommand) {
    return subcommand.getAnnotation(Command.class).name();
  }

  /**
   * A writer onto the stream in the stream's own encoding; {@code new PrintWriter(stream)} would encode in
   * the platform's default charset instead.
   */
  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new Writer() {
      @Override
      public void write(char[] chars, int offset, int length) {
        stream.print(new String(chars, offset, length));
      }

      @Override
      public void flush() {
        stream.flush();
      }

      @Override
      public void close() {
        stream.flush();
      }
    }, true);
  }
}
