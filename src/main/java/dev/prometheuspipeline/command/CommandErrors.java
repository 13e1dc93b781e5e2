package dev.prometheuspipeline.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How a command tells what went wrong, on standard error, prefixed with its name, exit code 2: a mistake in
 * the arguments with the usage after it; a file that cannot be read or written with its name.
 */
final class CommandErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(command.getCommandName() + ": " + message(e));
    UnmatchedArgumentException.printSuggestions(e, err);
    command.usage(err);
    err.flush();
    return ExitCode.USAGE;
  }

  /**
   * A converter's own words, after the option they are about ({@code --timeout: not a duration …}), instead of
   * picocli's longer "Invalid value for option '--timeout': …".
   */
  private static String message(ParameterException e) {
    ArgSpec arg = e.getArgSpec();
    if (e.getCause() instanceof TypeConversionException conversion && arg != null) {
      String name = arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
      return name + ": " + conversion.getMessage();
    }
    return e.getMessage();
  }

  /** I/O problems only: any other exception is a bug, and picocli prints its stack trace (exit code 1). */
  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) throws Exception {
    if (!(e instanceof IOException)) {
      throw e;
    }
    PrintWriter err = command.getErr();
    err.println(command.getCommandName() + ": "
        + (e instanceof NoSuchFileException missing ? "no such file or directory: " + missing.getFile() : e));
    err.flush();
    return ExitCode.USAGE;
  }
}
